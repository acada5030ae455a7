package io.dvraft.bls.crypto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The public side of a threshold key: the threshold t, the group public key, and one public share
 * per member. Everything a node needs to recombine and check signatures, nothing secret.
 *
 * <p>The constructor checks the structure (1 &lt;= t &lt;= n, distinct indexes). The points
 * themselves, and that the public shares lie on one polynomial of degree t-1 whose value at 0 is
 * the group key, are checked by {@link ThresholdScheme#importKey}: build keys from outside input
 * through it.
 *
 * @param threshold t, the number of signature shares that make a group signature
 * @param groupKey the group public key
 * @param publicShares one public share per member, in the caller's order (kept as given)
 */
public record ThresholdKey(int threshold, GroupPublicKey groupKey, List<PublicShare> publicShares) {

  /**
   * Checks the structure and copies the list.
   *
   * @param threshold t
   * @param groupKey the group public key
   * @param publicShares one public share per member; copied
   * @throws InvalidKeyMaterialException if there is no public share, if t is not in [1, n], or if
   *     two public shares have the same index
   */
  public ThresholdKey {
    Objects.requireNonNull(groupKey, "groupKey");
    publicShares = List.copyOf(publicShares);
    checkThreshold(threshold, publicShares.size());
    Set<ShareIndex> seen = new HashSet<>();
    for (PublicShare share : publicShares) {
      if (!seen.add(share.index())) {
        throw new InvalidKeyMaterialException("share index " + share.index() + " appears twice");
      }
    }
  }

  static void checkThreshold(int threshold, int members) {
    if (members < 1) {
      throw new InvalidKeyMaterialException("a threshold key needs at least one member");
    }
    if (threshold < 1 || threshold > members) {
      throw new InvalidKeyMaterialException(
          "threshold must be between 1 and the number of members (" + members + "), got "
              + threshold);
    }
  }

  /**
   * Returns n, the number of members.
   *
   * @return the number of public shares
   */
  public int size() {
    return publicShares.size();
  }

  /**
   * Returns the members' share indexes, in the order of {@link #publicShares()}.
   *
   * @return the indexes
   */
  public List<ShareIndex> indexes() {
    List<ShareIndex> indexes = new ArrayList<>(publicShares.size());
    for (PublicShare share : publicShares) {
      indexes.add(share.index());
    }
    return List.copyOf(indexes);
  }

  /**
   * Returns the public share of the member with the given index.
   *
   * @param index the member's x coordinate
   * @return the public share, or empty if no member has that index
   */
  public Optional<PublicShare> publicShare(ShareIndex index) {
    for (PublicShare share : publicShares) {
      if (share.index().equals(index)) {
        return Optional.of(share);
      }
    }
    return Optional.empty();
  }
}
