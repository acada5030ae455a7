package io.dvraft.bls;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The leader's bookkeeping for one entry it must sign or give up on: the shares and refusals in so
 * far, keyed by the member that sent them (whose share index comes from the key, never from the
 * wire), and who was caught sending a bad share.
 */
final class PendingEntry {

  final LogEntry entry;

  /** The duty, or null for a malformed command. */
  final BlsCommand.SignDuty duty;

  /** The key in force for the entry, or null if it cannot be signed. */
  final KeyState.Active key;

  /** Why it can never be signed, known when it entered the log; null if it can. */
  final UnsignableReason unsignable;

  final String unsignableDetail;

  final TreeMap<NodeId, byte[]> shares = new TreeMap<>();
  final TreeSet<NodeId> verified = new TreeSet<>();
  final TreeSet<NodeId> refusals = new TreeSet<>();
  final TreeSet<NodeId> blamed = new TreeSet<>();
  boolean done;

  private PendingEntry(
      LogEntry entry,
      BlsCommand.SignDuty duty,
      KeyState.Active key,
      UnsignableReason unsignable,
      String unsignableDetail) {
    this.entry = entry;
    this.duty = duty;
    this.key = key;
    this.unsignable = unsignable;
    this.unsignableDetail = unsignableDetail;
  }

  static PendingEntry signable(LogEntry entry, BlsCommand.SignDuty duty, KeyState.Active key) {
    return new PendingEntry(entry, duty, key, null, null);
  }

  static PendingEntry unsignable(LogEntry entry, UnsignableReason reason, String detail) {
    return new PendingEntry(entry, null, null, reason, detail);
  }

  long index() {
    return entry.index();
  }

  long term() {
    return entry.term();
  }

  /**
   * Whether fewer than t of the key's members that have not refused or cheated are members of the
   * cluster's configuration: removed nodes get no appends, so their shares can no longer come.
   */
  boolean tooFewMembersLeft(Membership configuration) {
    int possible = 0;
    for (NodeId member : key.command().members().keySet()) {
      if (configuration.contains(member) && !refusals.contains(member) && !blamed.contains(member)) {
        possible++;
      }
    }
    return possible < key.threshold();
  }

  /** Whether so many members refused or cheated that t good shares can no longer come. */
  boolean refusedByTooMany() {
    return refusals.size() + blamed.size() > key.size() - key.threshold();
  }
}
