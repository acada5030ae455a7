package io.dvraft.testkit.bench;

import io.dvraft.bls.crypto.BlstThresholdScheme;
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
 * Signed entries per second of a 3-node, 2-of-3 BLS-Raft cluster in one thread on the real scheme
 * ({@link BlstThresholdScheme}), next to the bound set by the cryptography it must do ({@link
 * CryptoBound}, raw jblst calls), as DESIGN section 5 asks. One operation is one signed duty: from
 * the proposal until the leader's batch hands out its verified group signature. Run both with
 * {@link BlsOverhead}, which prints their ratio.
 *
 * <ul>
 *   <li>{@link #blsRaftWindow1} and {@link #cryptoBoundWindow1}: one duty at a time;
 *   <li>{@link #blsRaftWindow16} and {@link #cryptoBoundWindow16}: {@value #WINDOW} duties
 *       proposed together, replicated in one AppendEntries and verified in one batch.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlsRaftBenchmark {

  /** Duties per invocation of the windowed benchmarks. */
  static final int WINDOW = 16;

  private BlsBenchCluster cluster;
  private CryptoBound bound;
  private long slot;

  /** Builds the cluster, elects node 1 and commits the key. */
  @Setup(Level.Trial)
  public void setUp() {
    cluster = new BlsBenchCluster(
        BlsBenchCluster.Mode.BLS, new BlstThresholdScheme(), 3, 2);
    bound = new CryptoBound(cluster.dealt(), WINDOW);
  }

  /**
   * Proposes one duty and runs the cluster until the leader signs it.
   *
   * @return the signed entry's index (consumed by JMH)
   */
  @Benchmark
  public long blsRaftWindow1() {
    long index = cluster.proposeDuty(++slot);
    cluster.pumpUntilDone(index);
    return cluster.lastSigned().entry().index();
  }

  /**
   * The raw cryptography of one duty.
   *
   * @return whether the group signature verified (consumed by JMH)
   */
  @Benchmark
  public boolean cryptoBoundWindow1() {
    return bound.signWindow(++slot, 1);
  }

  /**
   * Proposes {@value #WINDOW} duties, then runs the cluster until the leader signs the last one.
   *
   * @return the last signed entry's index (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public long blsRaftWindow16() {
    long index = 0;
    for (int i = 0; i < WINDOW; i++) {
      index = cluster.proposeDuty(++slot);
    }
    cluster.pumpUntilDone(index);
    return cluster.lastSigned().entry().index();
  }

  /**
   * The raw cryptography of {@value #WINDOW} duties verified in one batch.
   *
   * @return whether the batch verified (consumed by JMH)
   */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public boolean cryptoBoundWindow16() {
    boolean ok = bound.signWindow(slot + 1, WINDOW);
    slot += WINDOW;
    return ok;
  }
}
