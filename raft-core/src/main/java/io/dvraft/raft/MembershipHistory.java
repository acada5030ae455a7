package io.dvraft.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The memberships a node has seen: the ones in force over time (to tell a snapshot which
 * membership it covers) and the membership entries in the log that are not committed yet (to
 * put in force when they commit, and to recognise their members as senders).
 */
final class MembershipHistory {

  /**
   * A membership and the log index of the entry that carries it (0 for the bootstrap one).
   *
   * @param index the index
   * @param membership the membership
   */
  record Indexed(long index, Membership membership) {}

  private final List<Indexed> applied = new ArrayList<>();
  private final List<Indexed> pending = new ArrayList<>();
  /** The ids of the current membership's members, sorted: {@link #knows} runs on every message. */
  private long[] currentMembers;

  MembershipHistory(long index, Membership initial) {
    applied.add(new Indexed(index, initial));
    currentChanged();
  }

  private void currentChanged() {
    currentMembers = current().members().stream().mapToLong(NodeId::value).toArray();
  }

  Membership current() {
    return applied.get(applied.size() - 1).membership();
  }

  /**
   * Returns the membership in force at a log index.
   *
   * @param index the index
   * @return the last applied membership whose entry is at or before it
   */
  Membership at(long index) {
    Membership result = applied.get(0).membership();
    for (Indexed m : applied) {
      if (m.index() <= index) {
        result = m.membership();
      }
    }
    return result;
  }

  void addPending(long index, Membership membership) {
    pending.add(new Indexed(index, membership));
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Forgets the pending memberships at or after {@code index} (their entries were truncated). */
  void truncateFrom(long index) {
    pending.removeIf(m -> m.index() >= index);
  }

  /**
   * Moves the pending memberships committed by {@code commitIndex} into force.
   *
   * @param commitIndex the new commit index
   * @return the memberships now in force, in log order
   */
  List<Indexed> commitUpTo(long commitIndex) {
    if (pending.isEmpty() || pending.get(0).index() > commitIndex) {
      return List.of(); // the common case, on every commit
    }
    List<Indexed> committed = new ArrayList<>();
    while (!pending.isEmpty() && pending.get(0).index() <= commitIndex) {
      Indexed m = pending.remove(0);
      applied.add(m);
      committed.add(m);
    }
    currentChanged();
    return committed;
  }

  /** Forgets the history before {@code index}, keeping the membership in force at it. */
  void compactTo(long index) {
    while (applied.size() > 1 && applied.get(1).index() <= index) {
      applied.remove(0);
    }
  }

  /** Starts over from a snapshot's membership. */
  void resetTo(long index, Membership membership) {
    applied.clear();
    pending.clear();
    applied.add(new Indexed(index, membership));
    currentChanged();
  }

  /**
   * Says whether a node appears in the membership in force or in any pending one.
   *
   * @param id the node
   * @return true if it is a member of either
   */
  boolean knows(NodeId id) {
    if (Arrays.binarySearch(currentMembers, id.value()) >= 0) {
      return true;
    }
    for (Indexed m : pending) {
      if (m.membership().contains(id)) {
        return true;
      }
    }
    return false;
  }
}
