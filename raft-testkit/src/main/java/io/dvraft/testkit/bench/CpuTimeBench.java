package io.dvraft.testkit.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The cluster benchmarks of {@link RaftClusterBenchmark}, timed by the benchmark thread's CPU
 * time instead of the wall clock, with the bytes that thread allocated. On a machine shared with
 * other work (where JMH's wall-clock scores swing with the load) this still compares two versions
 * of raft-core fairly; it is a development aid, and JMH remains the reference.
 *
 * <p>Usage: {@code java -cp ... io.dvraft.testkit.bench.CpuTimeBench [seconds-per-round] [rounds]}
 */
public final class CpuTimeBench {

  private CpuTimeBench() {}

  /**
   * Runs both windows, warming up for one round, and prints for each measured round the entries
   * per CPU-second, and per entry the bytes allocated, the messages delivered and the non-empty
   * batches polled.
   *
   * @param args optional seconds per round (default 2) and rounds (default 5)
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    for (int window : new int[] {1, RaftClusterBenchmark.WINDOW}) {
      RaftClusterBenchmark bench = new RaftClusterBenchmark();
      bench.setUp();
      for (int r = 0; r <= rounds; r++) {
        Measure m = run(bench, window, seconds);
        System.out.printf(
            Locale.ROOT,
            "window %4d %s: %,12.0f entries/CPU-s  %,8.1f B/entry  %5.2f messages/entry"
                + "  %5.2f batches/entry  (%.0f%% CPU)%n",
            window,
            r == 0 ? "warm-up" : "round " + r,
            m.entries / m.cpuSeconds,
            (double) m.allocated / m.entries,
            (double) m.messages / m.entries,
            (double) m.batches / m.entries,
            100 * m.cpuSeconds / m.wallSeconds);
      }
    }
  }

  private record Measure(
      long entries,
      double cpuSeconds,
      double wallSeconds,
      long allocated,
      long messages,
      long batches) {}

  private static Measure run(RaftClusterBenchmark bench, int window, double seconds) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long wallStart = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long allocStart = threads.getThreadAllocatedBytes(thread);
    long messagesStart = bench.cluster().delivered();
    long batchesStart = bench.cluster().batches();
    long entries = 0;
    long sink = 0;
    long cpuBudget = (long) (seconds * 1e9);
    do {
      for (int i = 0; i < 64; i++) {
        if (window == 1) {
          sink += bench.window1();
          entries++;
        } else {
          sink += bench.window1024();
          entries += window;
        }
      }
    } while (threads.getCurrentThreadCpuTime() - cpuStart < cpuBudget);
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    long alloc = threads.getThreadAllocatedBytes(thread) - allocStart;
    long wall = System.nanoTime() - wallStart;
    if (sink == 42) {
      System.out.print("");
    }
    return new Measure(
        entries,
        cpu / 1e9,
        wall / 1e9,
        alloc,
        bench.cluster().delivered() - messagesStart,
        bench.cluster().batches() - batchesStart);
  }
}
