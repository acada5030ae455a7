package io.dvraft.testkit.bls;

import io.dvraft.bls.BlsCommand;
import io.dvraft.bls.BlsCommandCodec;
import io.dvraft.bls.BlsEvent;
import io.dvraft.bls.BlsOutput;
import io.dvraft.bls.ExtensionCodec;
import io.dvraft.bls.JournalRecord;
import io.dvraft.bls.KeyId;
import io.dvraft.bls.MalformedBlsDataException;
import io.dvraft.bls.ShareItem;
import io.dvraft.bls.SignedEntry;
import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.raft.EntryType;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.check.ClusterView;
import io.dvraft.testkit.check.Invariant;
import io.dvraft.testkit.check.NodeView;
import io.dvraft.testkit.check.Violation;
import io.dvraft.testkit.check.ViolationSink;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The BLS-Raft invariants of one run, each reported under its own name:
 *
 * <ul>
 *   <li>{@value #SIGNATURES}: every emitted group signature verifies under its key's group key;
 *   <li>{@value #JOURNAL_FIRST}: every share a node sends is covered by a journal record it has
 *       durably persisted;
 *   <li>{@value #NO_CONFLICT}: two different roots for one (key, duty key) never both have
 *       <i>t</i> distinct signers, counting every journal record persisted in the whole run;
 *   <li>{@value #ONE_SIGNER_PER_TERM}: each entry's group signature is emitted at most once per
 *       term, by one leader (a later leader may emit it again, with the same bytes);
 *   <li>{@value #LIVENESS}: at the end of the run (after the heal), every committed duty is signed
 *       or reported unsignable when it still has <i>t</i> possible signers: members of its key that
 *       are up, voters, honest (not {@linkplain BlsNodeFactory#withByzantine byzantine}), and did
 *       not refuse it. (A member the operator removed from the Raft group
 *       stops answering, so a duty a removed member would have been needed for is not checked; nor
 *       is a duty first committed in the last {@value #GRACE_TICKS} ticks.)
 * </ul>
 */
final class BlsInvariants implements Invariant {

  static final String SIGNATURES = "bls-signatures-verify";
  static final String JOURNAL_FIRST = "bls-journal-before-share";
  static final String NO_CONFLICT = "bls-no-conflicting-signatures";
  static final String LIVENESS = "bls-liveness";
  static final String ONE_SIGNER_PER_TERM = "bls-one-emission-per-term";

  /** A duty first committed this close to the end of the run may still be collecting shares. */
  static final long GRACE_TICKS = 50;

  private final BlsRun run;
  private final ViolationSink sink;
  private final Map<String, Integer> violations = new TreeMap<>();
  private final Map<NodeId, Set<String>> durableEntries = new HashMap<>();
  private final Map<String, Map<String, Set<NodeId>>> signersByDuty = new HashMap<>();
  private final Map<Long, KeyId> committedDuties = new TreeMap<>();
  private final Map<Long, Long> committedAt = new HashMap<>();
  private final Set<Long> signed = new HashSet<>();
  private final Set<Long> unsignable = new HashSet<>();
  private long badShares;
  /** The log indexes of committed RemoveKey entries seen. */
  private final Set<Long> keyRemovals = new HashSet<>();
  private final Map<Long, Set<NodeId>> refusedBy = new HashMap<>();
  private final Map<String, NodeId> emittedInTerm = new HashMap<>();
  private long tick;
  private long sharesChecked;
  private long signaturesChecked;
  private String liveness = "not checked";

  BlsInvariants(BlsRun run, ViolationSink sink) {
    this.run = run;
    this.sink = sink;
  }

  @Override
  public String name() {
    return "bls";
  }

  private void violated(String invariant, String message) {
    violations.merge(invariant, 1, Integer::sum);
    sink.report(new Violation(invariant, tick, message));
  }

  @Override
  public String summary() {
    String counts =
        signaturesChecked
            + " group signatures verified, "
            + sharesChecked
            + " shares sent after their journal record, "
            + signed.size()
            + " duties signed, "
            + unsignable.size()
            + " unsignable, "
            + badShares
            + " bad shares caught, "
            + keyRemovals.size()
            + " key removals; liveness "
            + liveness;
    return violations.isEmpty() ? "ok (" + counts + ")" : "VIOLATED " + violations + " (" + counts + ")";
  }

  /**
   * A node polled a batch: its group signatures must verify, and no entry may be signed twice in
   * one term.
   */
  void polled(NodeId node, long term, BlsOutput out) {
    for (SignedEntry s : out.signed()) {
      signaturesChecked++;
      NodeId earlier = emittedInTerm.putIfAbsent(term + "/" + s.entry().index(), node);
      if (earlier != null) {
        violated(
            ONE_SIGNER_PER_TERM,
            node + " emitted entry " + s.entry().index() + " in term " + term
                + ", already emitted by " + earlier + " in that term");
      }
      DealtKey key = run.keys.get(s.key());
      BlsCommand.SignDuty duty = s.duty();
      if (key == null
          || !run.scheme.verify(key.key().groupKey(), duty.signingRoot(), s.signature())) {
        violated(
            SIGNATURES,
            node + " emitted a signature of entry " + s.entry().index() + " that does not verify");
      }
    }
  }

  /** A batch's journal records are durable. */
  void journalDurable(NodeId node, Iterable<JournalRecord> records) {
    Set<String> entries = durableEntries.computeIfAbsent(node, k -> new HashSet<>());
    for (JournalRecord r : records) {
      entries.add(r.index() + "/" + r.term());
      String duty = r.key() + "/" + HexFormat.of().formatHex(r.dutyKey());
      Map<String, Set<NodeId>> roots = signersByDuty.computeIfAbsent(duty, k -> new HashMap<>());
      roots.computeIfAbsent(HexFormat.of().formatHex(r.signingRoot()), k -> new HashSet<>()).add(node);
      int full = 0;
      for (Set<NodeId> signers : roots.values()) {
        if (signers.size() >= run.threshold) {
          full++;
        }
      }
      if (full > 1) {
        violated(NO_CONFLICT, "two roots of duty " + duty + " both have t signers: " + roots);
      }
    }
  }

  /** A batch was persisted and is being used: its signatures and unsignable reports count. */
  void used(NodeId node, BlsOutput out) {
    for (SignedEntry s : out.signed()) {
      signed.add(s.entry().index());
    }
    for (BlsEvent e : out.events()) {
      if (e instanceof BlsEvent.EntryUnsignable u) {
        unsignable.add(u.index());
      } else if (e instanceof BlsEvent.SigningRefused r) {
        refusedBy.computeIfAbsent(r.index(), k -> new HashSet<>()).add(node);
      } else if (e instanceof BlsEvent.BadShare) {
        badShares++;
      } else if (e instanceof BlsEvent.KeyRemoved r) {
        keyRemovals.add(r.index());
      }
    }
  }

  @Override
  public void onMessageSent(long now, NodeView from, NodeId to, Message message) {
    tick = now;
    if (!(message instanceof AppendEntriesResponse r) || r.extension().length == 0) {
      return;
    }
    try {
      Set<String> durable = durableEntries.getOrDefault(from.id(), Set.of());
      for (ShareItem item : ExtensionCodec.decodeShares(r.extension())) {
        if (item instanceof ShareItem.Share s) {
          sharesChecked++;
          if (!durable.contains(s.index() + "/" + s.term())) {
            violated(
                JOURNAL_FIRST,
                from.id()
                    + " sent its share of entry "
                    + s.index()
                    + " (term "
                    + s.term()
                    + ") to "
                    + to
                    + " before journaling it durably");
          }
        }
      }
    } catch (MalformedBlsDataException e) {
      violated(JOURNAL_FIRST, from.id() + " sent a malformed extension: " + e.getMessage());
    }
  }

  @Override
  public void onApplied(long now, NodeView node, LogEntry entry, long chain) {
    tick = now;
    if (entry.type() != EntryType.COMMAND || !BlsCommandCodec.isBlsCommand(entry.data())) {
      return;
    }
    try {
      if (BlsCommandCodec.decode(entry.data()) instanceof BlsCommand.SignDuty d) {
        committedDuties.put(entry.index(), d.key());
        committedAt.putIfAbsent(entry.index(), now);
      }
    } catch (MalformedBlsDataException e) {
      // never proposed by the simulated nodes; the leader reports it unsignable
    }
  }

  @Override
  public void onTickEnd(ClusterView cluster) {
    tick = cluster.tick();
  }

  @Override
  public void onRunEnd(ClusterView cluster) {
    tick = cluster.tick();
    Membership membership = null;
    for (NodeView n : cluster.nodes()) {
      if (n.isUp() && n.status().map(s -> s.role() == Role.LEADER).orElse(false)) {
        membership = n.status().orElseThrow().membership();
      }
    }
    if (membership == null) {
      liveness = "not checked (no leader at the end)";
      return;
    }
    Set<NodeId> able = new HashSet<>();
    for (NodeId member : run.members.keySet()) {
      NodeView n = cluster.node(member);
      if (n != null && n.isUp() && membership.isVoter(member) && !run.byzantine.contains(member)) {
        able.add(member);
      }
    }
    int skipped = 0;
    int missing = 0;
    long first = -1;
    StringBuilder missingList = new StringBuilder();
    for (Long index : committedDuties.keySet()) {
      if (committedAt.get(index) > tick - GRACE_TICKS) {
        continue;
      }
      Set<NodeId> signers = new HashSet<>(able);
      signers.removeAll(refusedBy.getOrDefault(index, Set.of()));
      if (signers.size() < run.threshold) {
        skipped++;
        continue;
      }
      if (!signed.contains(index) && !unsignable.contains(index)) {
        missing++;
        missingList
            .append(index)
            .append('@')
            .append(committedAt.get(index))
            .append(refusedBy.getOrDefault(index, Set.of()))
            .append(' ');
        if (first < 0) {
          first = index;
        }
      }
    }
    if (missing > 0) {
      liveness = "VIOLATED";
      violated(
          LIVENESS,
          missing
              + " of "
              + committedDuties.size()
              + " committed duties never signed after the heal (first at index "
              + first
              + ", committed at tick "
              + committedAt.get(first)
              + "; missing: "
              + missingList
              + "; voters at the end "
              + membership.voters()
              + ")");
    } else {
      liveness =
          "ok ("
              + (committedDuties.size() - skipped)
              + " committed duties with t signers up, "
              + skipped
              + " without)";
    }
  }
}
