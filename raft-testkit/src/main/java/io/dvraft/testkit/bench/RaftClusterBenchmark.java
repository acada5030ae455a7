package io.dvraft.testkit.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Committed entries per second of a 3-node raft-core cluster in one thread, with 100-byte
 * commands (DESIGN section 5). Every operation is one committed entry, so JMH's ops/s is entries/s
 * and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per committed entry.
 *
 * <ul>
 *   <li>{@link #window1}: one proposal at a time: propose, then run the host loops until the
 *       leader applies it (4 messages per entry: two appends, two acknowledgements);
 *   <li>{@link #window1024}: 1024 proposals between two polls, then run the host loops until the
 *       leader applies the last one (batching and pipelining).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RaftClusterBenchmark {

  /** Proposals per invocation of {@link #window1024}. */
  static final int WINDOW = 1024;

  private BenchCluster cluster;
  private byte[] command;

  /** Builds the cluster and elects a leader. */
  @Setup(Level.Trial)
  public void setUp() {
    cluster = new BenchCluster(3, b -> {});
    command = new byte[100];
    for (int i = 0; i < command.length; i++) {
      command[i] = (byte) i;
    }
  }

  BenchCluster cluster() {
    return cluster;
  }

  /**
   * Proposes one command and waits until the leader applies it.
   *
   * @return the applied index (consumed by JMH)
   */
  @Benchmark
  public long window1() {
    long index = cluster.propose(command);
    cluster.pumpUntilLeaderApplied(index);
    return cluster.leaderApplied();
  }

  /**
   * Proposes {@value #WINDOW} commands, then waits until the leader applies them all.
   *
   * @return the applied index (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public long window1024() {
    long index = 0;
    for (int i = 0; i < WINDOW; i++) {
      index = cluster.propose(command);
    }
    cluster.pumpUntilLeaderApplied(index);
    return cluster.leaderApplied();
  }
}
