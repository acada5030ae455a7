package io.dvraft.bls;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The leader's side of signing for one term: tracks every entry above the finalized index that
 * needs a signature, takes in the members' shares, signs committed entries once t shares are in,
 * gives up on the ones that cannot be signed, and moves the finalized index past both.
 */
final class LeaderSigning {

  private final long term;
  private final NodeId self;
  private final LogMirror mirror;
  private final KeyDirectory directory;
  private final ShareSigner signer;
  private final Recombiner recombiner;
  private final TreeMap<Long, PendingEntry> pending = new TreeMap<>();

  /**
   * Entries whose state changed (a share came, or commitment reached them) since last looked at.
   */
  private final TreeSet<Long> dirty = new TreeSet<>();

  private long finalized;
  private long tracked;
  /** The configuration in force at the last {@link #advance}. */
  private Membership configuration;
  private long scannedCommit;

  LeaderSigning(
      long term,
      long finalized,
      NodeId self,
      LogMirror mirror,
      KeyDirectory directory,
      ShareSigner signer,
      Recombiner recombiner) {
    this.term = term;
    this.finalized = finalized;
    this.tracked = finalized;
    this.scannedCommit = finalized;
    this.self = self;
    this.mirror = mirror;
    this.directory = directory;
    this.signer = signer;
    this.recombiner = recombiner;
  }

  long term() {
    return term;
  }

  long finalized() {
    return finalized;
  }

  /**
   * Starts tracking the entries that reached the log since the last call: inherited ones at the
   * start of the term, then the new ones. The leader adds its own share (or refusal) for each.
   */
  void trackNewEntries() {
    for (MirroredEntry m : mirror.range(tracked, mirror.lastIndex())) {
      PendingEntry entry = pendingFor(m);
      if (entry != null) {
        pending.put(m.index(), entry);
        dirty.add(m.index());
      }
    }
    tracked = Math.max(tracked, mirror.lastIndex());
  }

  private PendingEntry pendingFor(MirroredEntry m) {
    if (m.decoded() instanceof DecodedEntry.Malformed bad) {
      return PendingEntry.unsignable(m.entry(), UnsignableReason.MALFORMED, bad.reason());
    }
    BlsCommand.SignDuty duty = m.duty();
    if (duty == null) {
      return null;
    }
    KeyState state = directory.at(duty.key(), m.index()).orElse(null);
    if (state instanceof KeyState.Invalid invalid) {
      return PendingEntry.unsignable(
          m.entry(),
          UnsignableReason.INVALID_KEY,
          duty.key() + " failed validation: " + invalid.reason());
    }
    if (!(state instanceof KeyState.Active key)) {
      return PendingEntry.unsignable(
          m.entry(),
          UnsignableReason.UNKNOWN_KEY,
          duty.key() + " is not active at index " + m.index());
    }
    PendingEntry entry = PendingEntry.signable(m.entry(), duty, key);
    OwnShare own = signer.decide(m.entry(), duty, key);
    if (own != null && own.item() instanceof ShareItem.Share share) {
      entry.shares.put(self, share.signatureView());
      entry.verified.add(self);
    } else if (own != null) {
      entry.refusals.add(self);
    }
    return entry;
  }

  /** Takes in a member's shares and refusals from a response extension. */
  void accept(NodeId from, List<ShareItem> items, List<BlsEvent> events) {
    for (ShareItem item : items) {
      if (item.index() <= finalized) {
        continue;
      }
      PendingEntry entry = pending.get(item.index());
      if (entry == null) {
        MirroredEntry m = mirror.get(item.index());
        if (m != null && m.term() == item.term() && !m.needsSignature()) {
          events.add(new BlsEvent.ShareIgnored(from, item.index(), "the entry is not a duty"));
        }
        continue;
      }
      if (entry.term() != item.term()
          || entry.done
          || entry.key == null
          || entry.blamed.contains(from)
          || from.equals(self)) {
        // A share for another entry at this index, or one not needed: normal after leader changes.
        continue;
      }
      if (!entry.key.isMember(from)) {
        events.add(
            new BlsEvent.ShareIgnored(
                from, item.index(), from + " is not a member of " + entry.key.key()));
        continue;
      }
      if (entry.shares.containsKey(from)) {
        continue;
      }
      if (item instanceof ShareItem.Share share) {
        entry.shares.put(from, share.signatureView());
        entry.refusals.remove(from);
        dirty.add(item.index());
      } else if (entry.refusals.add(from)) {
        dirty.add(item.index());
      }
    }
  }

  /** Whether a poll would find committed entries to look at. */
  boolean hasWork(long commitIndex) {
    return (!dirty.isEmpty() && dirty.first() <= commitIndex)
        || (commitIndex > scannedCommit
            && !pending.subMap(scannedCommit, false, commitIndex, true).isEmpty())
        || canMoveFinalized(commitIndex);
  }

  private boolean canMoveFinalized(long commitIndex) {
    if (finalized >= Math.min(commitIndex, tracked)) {
      return false;
    }
    PendingEntry next = pending.get(finalized + 1);
    return next == null || next.done;
  }

  /**
   * Signs what can be signed among committed entries, gives up on what cannot, and moves the
   * finalized index.
   *
   * @return the newly signed entries, in index order
   */
  List<SignedEntry> advance(long commitIndex, Membership configuration, List<BlsEvent> events) {
    if (commitIndex > scannedCommit) {
      dirty.addAll(pending.subMap(scannedCommit, false, commitIndex, true).keySet());
      scannedCommit = commitIndex;
    }
    if (!configuration.equals(this.configuration)) {
      // Members may have left: look at every committed entry still waiting for shares again.
      this.configuration = configuration;
      dirty.addAll(pending.headMap(commitIndex, true).keySet());
    }
    List<PendingEntry> ready = new ArrayList<>();
    for (Long index : new ArrayList<>(dirty.headSet(commitIndex, true))) {
      dirty.remove(index);
      PendingEntry entry = pending.get(index);
      if (entry == null || entry.done) {
        continue;
      }
      if (entry.unsignable != null) {
        giveUp(entry, entry.unsignable, entry.unsignableDetail, events);
      } else if (entry.refusedByTooMany()) {
        giveUp(entry, UnsignableReason.REFUSED, refusedDetail(entry), events);
      } else if (entry.shares.size() >= entry.key.threshold()) {
        ready.add(entry);
      } else if (entry.tooFewMembersLeft(configuration)) {
        giveUp(entry, UnsignableReason.TOO_FEW_MEMBERS, tooFewDetail(entry), events);
      }
    }
    List<SignedEntry> signed = ready.isEmpty() ? List.of() : recombiner.sign(ready, events);
    for (PendingEntry entry : ready) {
      if (!entry.done && entry.refusedByTooMany()) {
        giveUp(entry, UnsignableReason.REFUSED, refusedDetail(entry), events);
      }
    }
    moveFinalized(commitIndex);
    return signed;
  }

  private String tooFewDetail(PendingEntry entry) {
    return entry.key.key()
        + " needs "
        + entry.key.threshold()
        + " of its members "
        + entry.key.command().members().keySet()
        + "; the cluster's configuration is now "
        + configuration;
  }

  private static String refusedDetail(PendingEntry entry) {
    return "refused by "
        + entry.refusals
        + ", bad shares from "
        + entry.blamed
        + "; "
        + entry.key.threshold()
        + " of "
        + entry.key.size()
        + " needed";
  }

  private void giveUp(
      PendingEntry entry, UnsignableReason reason, String detail, List<BlsEvent> events) {
    entry.done = true;
    events.add(new BlsEvent.EntryUnsignable(entry.index(), entry.term(), reason, detail));
  }

  private void moveFinalized(long commitIndex) {
    long limit = Math.min(commitIndex, tracked);
    while (finalized < limit) {
      PendingEntry entry = pending.get(finalized + 1);
      if (entry != null && !entry.done) {
        break;
      }
      if (entry != null) {
        pending.remove(finalized + 1);
      }
      finalized++;
    }
    signer.pruneThrough(finalized);
  }
}
