package io.dvraft.bls;

import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's side of signing: decides, once per entry, whether it signs (asking the policy, and
 * journaling the signature in the batch being built), keeps its answers until they are finalized,
 * and picks which of them go in each response.
 */
final class ShareSigner {

  private final NodeId self;
  private final ThresholdScheme scheme;
  private final SigningPolicy policy;
  private final SigningJournal journal;
  private final PreparedMessages prepared;
  private final OwnKeyShares ownKeys;
  private final List<BlsEvent> events;
  private final List<JournalRecord> unpersisted = new ArrayList<>();
  private final TreeMap<Long, OwnShare> answers = new TreeMap<>();

  ShareSigner(
      NodeId self,
      ThresholdScheme scheme,
      SigningPolicy policy,
      SigningJournal journal,
      PreparedMessages prepared,
      OwnKeyShares ownKeys,
      List<BlsEvent> events) {
    this.self = self;
    this.scheme = scheme;
    this.policy = policy;
    this.journal = journal;
    this.prepared = prepared;
    this.ownKeys = ownKeys;
    this.events = events;
  }

  /**
   * Returns this node's answer for a duty entry, deciding it the first time. A decision is made
   * once: a journaled signature is re-derived (BLS signing is deterministic), never re-decided.
   * Only a refusal for want of a secret share is retried, in case the host has added it since.
   *
   * @return the answer, or null if this node is not a member of the key
   */
  OwnShare decide(LogEntry entry, BlsCommand.SignDuty duty, KeyState.Active key) {
    OwnShare existing = answers.get(entry.index());
    if (existing != null
        && existing.term() == entry.term()
        && !(existing.item() instanceof ShareItem.Refusal r
            && r.reason() == ShareItem.Reason.NO_SECRET_SHARE)) {
      return existing;
    }
    if (!key.isMember(self)) {
      return null;
    }
    OwnShare answer = new OwnShare(answer(entry, duty, key));
    answers.put(entry.index(), answer);
    return answer;
  }

  private ShareItem answer(LogEntry entry, BlsCommand.SignDuty duty, KeyState.Active key) {
    SecretShare secret = ownKeys.usable(key);
    if (secret == null) {
      return new ShareItem.Refusal(entry.index(), entry.term(), ShareItem.Reason.NO_SECRET_SHARE);
    }
    byte[] root = duty.rootView();
    if (journal.find(entry.index(), entry.term(), root) == null) {
      SigningDecision decision = policy.check(duty.key(), duty.dutyKeyView(), root);
      if (!decision.allowed()) {
        events.add(
            new BlsEvent.SigningRefused(
                entry.index(),
                entry.term(),
                duty.key(),
                ShareItem.Reason.POLICY,
                decision.reason()));
        return new ShareItem.Refusal(entry.index(), entry.term(), ShareItem.Reason.POLICY);
      }
      JournalRecord record =
          new JournalRecord(entry.index(), entry.term(), duty.key(), duty.dutyKeyView(), root);
      journal.add(record);
      unpersisted.add(record);
      policy.signed(record);
    }
    byte[] signature = scheme.signShare(secret, prepared.get(root)).signature();
    return new ShareItem.Share(entry.index(), entry.term(), signature);
  }

  /** This node's answer for the entry at (index, term), if it has decided it. */
  OwnShare answerFor(long index, long term) {
    OwnShare answer = answers.get(index);
    return answer != null && answer.term() == term ? answer : null;
  }

  /**
   * Picks the answers for entries in (after, upTo] to send to {@code leader}: those sent least
   * often to it in this term first, lowest index first among equals, at most {@code max}.
   *
   * @return the picked items in ascending index order
   */
  List<ShareItem> select(NodeId leader, long term, long after, long upTo, int max) {
    if (upTo <= after) {
      return List.of();
    }
    List<Map.Entry<Long, OwnShare>> candidates =
        new ArrayList<>(answers.subMap(after, false, upTo, true).entrySet());
    if (candidates.size() > max) {
      candidates.sort(
          Comparator.comparingInt(
                  (Map.Entry<Long, OwnShare> e) -> e.getValue().sentCount(leader, term))
              .thenComparingLong(Map.Entry::getKey));
      candidates = new ArrayList<>(candidates.subList(0, max));
      candidates.sort(Map.Entry.comparingByKey());
    }
    List<ShareItem> items = new ArrayList<>(candidates.size());
    for (Map.Entry<Long, OwnShare> candidate : candidates) {
      candidate.getValue().markSent(leader, term);
      items.add(candidate.getValue().item());
    }
    return items;
  }

  /** Drops the answers at or below a finalized index: nobody needs them any more. */
  void pruneThrough(long index) {
    answers.headMap(index, true).clear();
  }

  /** Drops the answers for entries Raft truncated. */
  void dropFrom(long index) {
    answers.tailMap(index, true).clear();
  }

  void clear() {
    answers.clear();
  }

  boolean hasUnpersisted() {
    return !unpersisted.isEmpty();
  }

  List<JournalRecord> takeUnpersisted() {
    List<JournalRecord> taken = List.copyOf(unpersisted);
    unpersisted.clear();
    return taken;
  }
}
