package io.dvraft.testkit.bench;

import io.dvraft.bls.crypto.BlstThresholdScheme;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How much BLS-Raft costs on top of the cryptography it must do (DESIGN section 5), three ways:
 *
 * <ol>
 *   <li>message parity: a BLS-Raft cluster and a plain Raft cluster, given the same duties and
 *       schedule, deliver the same number of messages;
 *   <li>the overhead ratio, interleaved: rounds that run BLS-Raft ({@link BlsBenchCluster}) and then
 *       its crypto bound ({@link CryptoBound}) on the same thread, each timed by the thread's CPU
 *       time, so that a change in the machine's load hits both sides of a round alike; the median
 *       ratio over the rounds is reported;
 *   <li>with {@code --jmh [JMH options]}: the JMH benchmarks of {@link BlsRaftBenchmark} (both
 *       sides, in one run), and the ratio of their scores.
 * </ol>
 *
 * <p>Usage: {@code java -cp ... io.dvraft.testkit.bench.BlsOverhead [rounds] [duties-per-round]
 * [--jmh JMH-options...]}. Exits with status 1 if message parity does not hold or a benchmark
 * did not run.
 */
public final class BlsOverhead {

  private static final int[] WINDOWS = {1, BlsRaftBenchmark.WINDOW};

  private BlsOverhead() {}

  /**
   * Runs the measurements and prints the results.
   *
   * @param args optional rounds (default 10) and duties per round and side (default 128), then
   *     optionally {@code --jmh} followed by JMH's options
   * @throws RunnerException if JMH fails
   * @throws CommandLineOptionException if a JMH option is malformed
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    int jmh = Arrays.asList(args).indexOf("--jmh");
    String[] own = jmh < 0 ? args : Arrays.copyOfRange(args, 0, jmh);
    int rounds = own.length > 0 ? Integer.parseInt(own[0]) : 10;
    int duties = own.length > 1 ? Integer.parseInt(own[1]) : 128;

    boolean ok = printMessageParity();
    for (int window : WINDOWS) {
      printInterleaved(window, rounds, duties);
    }
    if (jmh >= 0) {
      ok &= runJmh(Arrays.copyOfRange(args, jmh + 1, args.length));
    }
    if (!ok) {
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Message parity

  /** Runs the same duties through a BLS-Raft and a plain Raft cluster; says if they match. */
  private static boolean printMessageParity() {
    boolean all = true;
    for (int window : WINDOWS) {
      long bls = messagesFor(BlsBenchCluster.Mode.BLS, window);
      long plain = messagesFor(BlsBenchCluster.Mode.PLAIN, window);
      boolean same = bls == plain;
      all &= same;
      System.out.printf(Locale.ROOT,
          "message parity, window %2d, 64 duties: BLS-Raft %d messages, plain Raft %d: %s%n",
          window, bls, plain, same ? "equal" : "DIFFERENT");
    }
    return all;
  }

  /**
   * The messages a cluster delivers while 64 duties are proposed {@code window} at a time, each
   * window run until the leader is done with it.
   *
   * @param mode BLS-Raft or plain Raft
   * @param window duties proposed together
   * @return the number of messages delivered
   */
  static long messagesFor(BlsBenchCluster.Mode mode, int window) {
    BlsBenchCluster cluster = new BlsBenchCluster(mode, new BlstThresholdScheme(), 3, 2);
    long before = cluster.delivered();
    long slot = 0;
    for (int w = 0; w < 64 / window; w++) {
      slot = signWindow(cluster, slot, window);
    }
    return cluster.delivered() - before;
  }

  /** Proposes duties {@code slot + 1 ..} and runs the cluster until the last one is done. */
  private static long signWindow(BlsBenchCluster cluster, long slot, int window) {
    long index = 0;
    for (int i = 0; i < window; i++) {
      index = cluster.proposeDuty(++slot);
    }
    cluster.pumpUntilDone(index);
    return slot;
  }

  // ---------------------------------------------------------------------------------------------
  // Interleaved CPU time

  private static void printInterleaved(int window, int rounds, int duties) {
    BlsBenchCluster cluster =
        new BlsBenchCluster(BlsBenchCluster.Mode.BLS, new BlstThresholdScheme(), 3, 2);
    CryptoBound bound = new CryptoBound(cluster.dealt(), window);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int perRound = Math.max(window, duties / window * window);
    long[] slot = {0};
    List<double[]> measured = new ArrayList<>();
    // Two warm-up rounds, not reported: the JIT compiles both sides first.
    for (int r = -2; r < rounds; r++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (int d = 0; d < perRound; d += window) {
        slot[0] = signWindow(cluster, slot[0], window);
      }
      long t1 = threads.getCurrentThreadCpuTime();
      for (int d = 0; d < perRound; d += window) {
        if (!bound.signWindow(slot[0] + 1, window)) {
          throw new IllegalStateException("the crypto bound's signatures did not verify");
        }
        slot[0] += window;
      }
      long t2 = threads.getCurrentThreadCpuTime();
      if (r >= 0) {
        measured.add(new double[] {(t1 - t0) / 1e3 / perRound, (t2 - t1) / 1e3 / perRound});
      }
    }
    double[] ratios = measured.stream().mapToDouble(m -> m[0] / m[1]).sorted().toArray();
    double[] bls = measured.stream().mapToDouble(m -> m[0]).sorted().toArray();
    double[] crypto = measured.stream().mapToDouble(m -> m[1]).sorted().toArray();
    System.out.printf(Locale.ROOT,
        "window %2d, %d rounds of %d duties: BLS-Raft %.0f µs/duty (%.0f signed/CPU-s), crypto"
            + " bound %.0f µs/duty (%.0f/CPU-s); ratio median %.3f (min %.3f, max %.3f):"
            + " overhead %.1f%%%n",
        window, rounds, perRound, median(bls), 1e6 / median(bls), median(crypto),
        1e6 / median(crypto), median(ratios), ratios[0], ratios[ratios.length - 1],
        (median(ratios) - 1) * 100);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  // ---------------------------------------------------------------------------------------------
  // JMH

  private static boolean runJmh(String[] options)
      throws RunnerException, CommandLineOptionException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .parent(new CommandLineOptions(options))
        .include(BlsRaftBenchmark.class.getName() + "\\.")
        .build()).run();
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      scores.put(method.substring(method.lastIndexOf('.') + 1),
          new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    System.out.println();
    System.out.println("JMH, signed entries/s (3 nodes, 2-of-3, blst):");
    boolean complete = true;
    for (int window : WINDOWS) {
      double[] bls = scores.get("blsRaftWindow" + window);
      double[] bound = scores.get("cryptoBoundWindow" + window);
      if (bls == null || bound == null) {
        complete = false;
        continue;
      }
      System.out.printf(Locale.ROOT,
          "window %2d: BLS-Raft %.1f ± %.1f, crypto bound %.1f ± %.1f, overhead %.1f%%%n",
          window, bls[0], bls[1], bound[0], bound[1], (bound[0] / bls[0] - 1) * 100);
    }
    return complete;
  }
}
