package io.dvraft.raft;

import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.Message;
import java.util.stream.LongStream;

/**
 * Seeds and failure reports for the hostile tests.
 *
 * <ul>
 *   <li>{@code -Ddvraft.hostile.seeds=N}: run N seeds per test instead of the default count;
 *   <li>{@code -Ddvraft.hostile.firstSeed=S}: start from seed S (default 1);
 *   <li>{@code -Ddvraft.hostile.seed=S}: run that one seed (reproduce a failure).
 * </ul>
 *
 * Every failure names its seed and the command that reruns exactly that run.
 */
final class HostileRuns {

  private HostileRuns() {}

  static LongStream seeds(int defaultCount) {
    String one = System.getProperty("dvraft.hostile.seed");
    if (one != null && !one.isBlank()) {
      return LongStream.of(Long.parseLong(one.trim()));
    }
    int n = Integer.getInteger("dvraft.hostile.seeds", defaultCount);
    long first = Long.getLong("dvraft.hostile.firstSeed", 1L);
    return LongStream.range(first, first + n);
  }

  /** Runs one seed; any failure is rethrown with the seed and a one-line reproduction. */
  static void run(Class<?> test, String method, long seed, Runnable body) {
    try {
      body.run();
    } catch (Throwable t) {
      throw new AssertionError("seed " + seed + " failed: " + t
          + "\n  reproduce: mvn -B -q -pl raft-core test -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dtest='" + test.getSimpleName() + "#" + method + "' -Ddvraft.hostile.seed=" + seed,
          t);
    }
  }

  /**
   * Sends a message through the codec as a transport would: encode, decode, and return what the
   * receiver gets; null if the format cannot carry it (a negative field, entries that do not
   * follow prevLogIndex), in which case it cannot arrive from the wire at all.
   */
  static Message overTheWire(Message m) {
    byte[] bytes;
    try {
      bytes = RaftCodec.encode(m);
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      Message decoded = RaftCodec.decodeMessage(bytes);
      if (!decoded.equals(m)) {
        throw new AssertionError("the codec altered " + m + " into " + decoded);
      }
      return decoded;
    } catch (MalformedMessageException e) {
      throw new AssertionError("the codec cannot decode its own encoding of " + m, e);
    }
  }
}
