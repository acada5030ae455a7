package io.dvraft.bls;

import io.dvraft.bls.crypto.GroupPublicKey;
import io.dvraft.bls.crypto.GroupSignature;
import io.dvraft.bls.crypto.PreparedMessage;
import io.dvraft.bls.crypto.SignatureShare;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns shares into verified group signatures the cheap way: recombine t shares without checking
 * them, verify the results once (all the entries ready in one poll in one batch), and only when a
 * result fails, verify its shares one by one, drop and report the bad ones, and try again with the
 * rest.
 */
final class Recombiner {

  private final NodeId self;
  private final ThresholdScheme scheme;
  private final PreparedMessages prepared;

  Recombiner(NodeId self, ThresholdScheme scheme, PreparedMessages prepared) {
    this.self = self;
    this.scheme = scheme;
    this.prepared = prepared;
  }

  /** One recombination: the members whose shares went in, and the result (null if it failed). */
  private record Attempt(PendingEntry entry, List<NodeId> signers, GroupSignature signature) {}

  /**
   * Signs the ready entries (each committed, with at least t shares of its key), marking the signed
   * ones done. All the results are checked in one batch, across keys: when they are all valid that
   * costs about one verification per distinct key.
   *
   * @return the signed entries, in the order given
   */
  List<SignedEntry> sign(List<PendingEntry> ready, List<BlsEvent> events) {
    List<Attempt> attempts = new ArrayList<>(ready.size());
    List<GroupPublicKey> keys = new ArrayList<>();
    List<PreparedMessage> messages = new ArrayList<>();
    List<GroupSignature> signatures = new ArrayList<>();
    for (PendingEntry entry : ready) {
      Attempt attempt = recombine(entry.key, entry);
      if (attempt == null) {
        continue;
      }
      attempts.add(attempt);
      if (attempt.signature() != null) {
        keys.add(entry.key.command().thresholdKey().groupKey());
        messages.add(prepared.get(entry.duty.rootView()));
        signatures.add(attempt.signature());
      }
    }
    List<Boolean> valid =
        signatures.isEmpty() ? List.of() : scheme.batchVerify(keys, messages, signatures);
    List<SignedEntry> signed = new ArrayList<>();
    int next = 0;
    for (Attempt attempt : attempts) {
      KeyState.Active key = attempt.entry().key;
      boolean ok = attempt.signature() != null && valid.get(next++);
      if (ok) {
        signed.add(done(key, attempt));
      } else {
        Attempt retried = resolve(key, attempt, events);
        if (retried != null) {
          signed.add(done(key, retried));
        }
      }
    }
    return signed;
  }

  private SignedEntry done(KeyState.Active key, Attempt attempt) {
    attempt.entry().done = true;
    return new SignedEntry(attempt.entry().entry, key.key(), attempt.signature());
  }

  /**
   * After a failed attempt: blame the unverified shares that went in, and retry with the others
   * until a result verifies or fewer than t shares are left. Every round drops at least one bad
   * share, so it ends.
   *
   * @return the attempt that verified, or null if the entry must wait for more shares
   */
  private Attempt resolve(KeyState.Active key, Attempt failed, List<BlsEvent> events) {
    PendingEntry entry = failed.entry();
    PreparedMessage message = prepared.get(entry.duty.rootView());
    Attempt attempt = failed;
    while (true) {
      if (!blame(key, entry, attempt.signers(), message, events)) {
        // t shares that each verify recombine to a valid signature, for a key that passed
        // validation; reaching this means the key itself is inconsistent. Wait rather than spin.
        return null;
      }
      attempt = recombine(key, entry);
      if (attempt == null) {
        return null;
      }
      if (attempt.signature() != null
          && scheme.verify(key.command().thresholdKey().groupKey(), message, attempt.signature())) {
        return attempt;
      }
    }
  }

  /** Verifies the not-yet-verified shares among {@code signers}; drops and reports bad ones. */
  private boolean blame(
      KeyState.Active key,
      PendingEntry entry,
      List<NodeId> signers,
      PreparedMessage message,
      List<BlsEvent> events) {
    boolean dropped = false;
    for (NodeId member : signers) {
      if (entry.verified.contains(member)) {
        continue;
      }
      SignatureShare share = new SignatureShare(key.shareIndexOf(member), entry.shares.get(member));
      boolean good =
          scheme.verifyShare(key.command().publicShareOf(member).orElseThrow(), message, share);
      if (good) {
        entry.verified.add(member);
      } else {
        entry.shares.remove(member);
        entry.blamed.add(member);
        events.add(new BlsEvent.BadShare(member, key.key(), entry.index(), entry.term()));
        dropped = true;
      }
    }
    return dropped;
  }

  /**
   * Recombines t shares, preferring this node's own (known good), then verified ones, then the rest
   * in node order, so that the choice is deterministic.
   *
   * @return the attempt (its signature null if the shares do not even decode), or null if fewer
   *     than t shares are left
   */
  private Attempt recombine(KeyState.Active key, PendingEntry entry) {
    int t = key.threshold();
    List<NodeId> chosen = new ArrayList<>(t);
    if (entry.shares.containsKey(self)) {
      chosen.add(self);
    }
    for (NodeId member : entry.verified) {
      if (chosen.size() < t && !chosen.contains(member) && entry.shares.containsKey(member)) {
        chosen.add(member);
      }
    }
    for (Map.Entry<NodeId, byte[]> share : entry.shares.entrySet()) {
      if (chosen.size() < t && !chosen.contains(share.getKey())) {
        chosen.add(share.getKey());
      }
    }
    if (chosen.size() < t) {
      return null;
    }
    List<SignatureShare> shares = new ArrayList<>(t);
    for (NodeId member : chosen) {
      shares.add(new SignatureShare(key.shareIndexOf(member), entry.shares.get(member)));
    }
    try {
      return new Attempt(entry, chosen, scheme.combine(shares));
    } catch (IllegalArgumentException e) {
      // A share that is not even a point: the one-by-one check will name it.
      return new Attempt(entry, chosen, null);
    }
  }
}
