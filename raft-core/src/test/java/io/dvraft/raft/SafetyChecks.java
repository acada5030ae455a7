package io.dvraft.raft;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The Raft safety properties, checked continuously while a scenario runs (Raft paper figure 3,
 * thesis 6.4 for reads). Every violation throws an {@link AssertionError} at the moment it
 * happens, naming the nodes involved, so a scenario fails where the bug shows and not only in its
 * final assertions.
 *
 * <ul>
 *   <li><b>Election safety</b>: at most one leader per term.
 *   <li><b>State machine safety</b>: no two nodes apply different entries at the same index, and
 *       the application state after index i (a hash chain over the applied entries, which is also
 *       what snapshots carry) is the same everywhere, so applied sequences are prefixes of each
 *       other even across snapshot installs and restarts.
 *   <li><b>Leader completeness</b> (committed entries are never lost): a leader of a term later
 *       than any leader known when an entry was first seen committed holds that entry.
 *   <li><b>Linearizable reads</b>: a read is answered with an index at least the highest commit
 *       index any node knew when the read was issued, so it sees every write completed before it.
 * </ul>
 */
final class SafetyChecks {

  private final TreeMap<Long, NodeId> leaderOfTerm = new TreeMap<>();
  private long maxLeaderTerm;
  private final TreeMap<Long, LogEntry> committed = new TreeMap<>();
  private final TreeMap<Long, NodeId> committedFirstBy = new TreeMap<>();
  /** For each committed index, the highest leader term known when it was first seen committed. */
  private final TreeMap<Long, Long> committedTermBound = new TreeMap<>();
  private final TreeMap<Long, Long> stateAfter = new TreeMap<>();
  private final Map<String, Long> readFloors = new HashMap<>();
  private long snapshotFloorIndex;
  /** Per leader and term, the highest committed index already found in its log. */
  private final Map<String, Long> leaderChecked = new HashMap<>();
  private int readsAnswered;
  private int checksRun;

  /** A node was seen leading {@code term}. */
  void leaderObserved(NodeId node, long term) {
    checksRun++;
    NodeId previous = leaderOfTerm.putIfAbsent(term, node);
    if (previous != null && !previous.equals(node)) {
      throw new AssertionError(
          "election safety: " + previous + " and " + node + " both led term " + term);
    }
    maxLeaderTerm = Math.max(maxLeaderTerm, term);
  }

  /** A node applied {@code entry}, after which its application state hash was {@code hashAfter}. */
  void applied(NodeId node, LogEntry entry, long hashAfter) {
    checksRun++;
    LogEntry known = committed.get(entry.index());
    if (known == null) {
      committed.put(entry.index(), entry);
      committedFirstBy.put(entry.index(), node);
      committedTermBound.put(entry.index(), maxLeaderTerm);
    } else if (!known.equals(entry)) {
      throw new AssertionError(
          "state machine safety: " + node + " applied " + entry + " but "
              + committedFirstBy.get(entry.index()) + " applied " + known);
    }
    checkState(node, entry.index(), hashAfter);
  }

  /** A node installed a snapshot whose application state after {@code index} is {@code hash}. */
  void snapshotInstalled(NodeId node, long index, long hash) {
    checksRun++;
    checkState(node, index, hash);
    snapshotFloorIndex = Math.max(snapshotFloorIndex, index);
  }

  private void checkState(NodeId node, long index, long hash) {
    Long known = stateAfter.putIfAbsent(index, hash);
    if (known != null && known != hash) {
      throw new AssertionError(
          "state machine safety: " + node + " has application state " + Long.toHexString(hash)
              + " after index " + index + ", another node had " + Long.toHexString(known));
    }
  }

  /**
   * Checks that a leader's log holds every entry that was committed before its term could start.
   *
   * @param node the leader
   * @param term its term
   * @param firstIndex the first index its log holds (entries before are in its snapshot)
   * @param entryAt its log entry at an index, or null if it has none there
   */
  void leaderLog(NodeId node, long term, long firstIndex, LongFunction<LogEntry> entryAt) {
    checksRun++;
    String key = node + "@" + term;
    long from = Math.max(firstIndex, leaderChecked.getOrDefault(key, 0L) + 1);
    for (Map.Entry<Long, LogEntry> c : committed.tailMap(from, true).entrySet()) {
      if (committedTermBound.get(c.getKey()) >= term) {
        continue; // committed by this leader or a concurrent older one: nothing to require yet
      }
      LogEntry mine = entryAt.apply(c.getKey());
      if (!c.getValue().equals(mine)) {
        throw new AssertionError(
            "leader completeness: " + node + " leads term " + term + " with " + mine
                + " at index " + c.getKey() + " where " + c.getValue() + " was committed");
      }
      leaderChecked.put(key, c.getKey()); // a leader never loses entries of its log
    }
  }

  /** A read was issued at {@code node} when the highest commit index anywhere was {@code floor}. */
  void readIssued(NodeId node, long readId, long floor) {
    readFloors.put(node + "/" + readId, floor);
  }

  /** A read came out of {@code node}'s readsReady. */
  void readAnswered(NodeId node, ReadState read) {
    checksRun++;
    readsAnswered++;
    Long floor = readFloors.get(node + "/" + read.readId());
    if (floor == null) {
      throw new AssertionError(node + " answered read " + read.readId() + " that it never issued");
    }
    if (read.index() < floor) {
      throw new AssertionError(
          "linearizability: " + node + " answered read " + read.readId() + " at index "
              + read.index() + " but index " + floor + " was already committed when it was issued");
    }
  }

  /** Returns the highest index any node has applied (or installed by snapshot). */
  long highestApplied() {
    long top = committed.isEmpty() ? 0 : committed.lastKey();
    return Math.max(top, snapshotFloorIndex);
  }

  /** Returns the entry applied at {@code index}, if any node applied it. */
  LogEntry committedAt(long index) {
    return committed.get(index);
  }

  /** Returns the application state hash after {@code index}, if known. */
  Long stateAfter(long index) {
    return stateAfter.get(index);
  }

  /** Returns the leader of a term, if one was seen. */
  NodeId leaderOf(long term) {
    return leaderOfTerm.get(term);
  }

  /** Returns how many terms had a leader. */
  int termsWithLeader() {
    return leaderOfTerm.size();
  }

  int readsAnswered() {
    return readsAnswered;
  }

  /** Returns how many individual checks ran (a scenario that checked nothing is suspicious). */
  int checksRun() {
    return checksRun;
  }
}
