package io.dvraft.bls;

import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks this node's secret share of each key against the public share its {@code AddKey} assigns
 * to this node, once per key addition and share, and reports an unusable one once.
 */
final class OwnKeyShares {

  private record Addition(KeyId key, long index) implements Comparable<Addition> {
    @Override
    public int compareTo(Addition o) {
      int byKey = key.compareTo(o.key);
      return byKey != 0 ? byKey : Long.compare(index, o.index);
    }
  }

  /** The share last checked for an addition (null if there was none) and what was wrong. */
  private record Checked(SecretShare share, String problem) {}

  private final NodeId self;
  private final ThresholdScheme scheme;
  private final KeyRing ring;
  private final List<BlsEvent> events;
  private final TreeMap<Addition, Checked> checked = new TreeMap<>();

  OwnKeyShares(NodeId self, ThresholdScheme scheme, KeyRing ring, List<BlsEvent> events) {
    this.self = self;
    this.scheme = scheme;
    this.ring = ring;
    this.events = events;
  }

  /**
   * Returns this node's checked secret share for a key it is a member of, or null if it has no
   * usable one (reported once).
   */
  SecretShare usable(KeyState.Active key) {
    SecretShare share = ring.get(key.key()).orElse(null);
    Addition addition = new Addition(key.key(), key.index());
    Checked previous = checked.get(addition);
    if (previous != null && previous.share() == share) {
      return previous.problem() == null ? share : null;
    }
    String problem = problem(key, share);
    checked.put(addition, new Checked(share, problem));
    if (problem != null && (previous == null || !Objects.equals(previous.problem(), problem))) {
      events.add(new BlsEvent.SecretShareUnusable(key.key(), key.index(), problem));
    }
    return problem == null ? share : null;
  }

  private String problem(KeyState.Active key, SecretShare share) {
    if (share == null) {
      return "the key ring holds no secret share of " + key.key();
    }
    ShareIndex assigned = key.shareIndexOf(self);
    if (!share.index().equals(assigned)) {
      return "the secret share has index "
          + share.index()
          + " but the key assigns "
          + assigned
          + " to "
          + self;
    }
    try {
      scheme.importSecretShare(key.command().thresholdKey(), share);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Forgets the checks of additions at or after {@code index} (Raft truncated them). */
  void truncateFrom(long index) {
    checked.keySet().removeIf(a -> a.index() >= index);
  }
}
