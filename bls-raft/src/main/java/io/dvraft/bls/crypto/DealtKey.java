package io.dvraft.bls.crypto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dealer hands out: the public threshold key and every member's secret share. Used by
 * tests and devnets; in production each member receives only its own {@link SecretShare}.
 *
 * @param key the public side, already validated by the scheme that dealt it
 * @param secretShares one secret share per member, in the order of {@code key.publicShares()}
 */
public record DealtKey(ThresholdKey key, List<SecretShare> secretShares) {

  /**
   * Checks that the secret shares match the public shares one for one.
   *
   * @param key the public side
   * @param secretShares one secret share per member, in the key's order; copied
   * @throws InvalidKeyMaterialException if the indexes differ from the key's, or their order does
   */
  public DealtKey {
    Objects.requireNonNull(key, "key");
    secretShares = List.copyOf(secretShares);
    if (secretShares.size() != key.size()) {
      throw new InvalidKeyMaterialException(
          key.size() + " public shares but " + secretShares.size() + " secret shares");
    }
    for (int i = 0; i < secretShares.size(); i++) {
      ShareIndex expected = key.publicShares().get(i).index();
      if (!secretShares.get(i).index().equals(expected)) {
        throw new InvalidKeyMaterialException(
            "secret share " + i + " has index " + secretShares.get(i).index() + ", expected "
                + expected);
      }
    }
  }

  /**
   * Returns the secret share of the member with the given index.
   *
   * @param index the member's x coordinate
   * @return the secret share, or empty if no member has that index
   */
  public Optional<SecretShare> secretShare(ShareIndex index) {
    return secretShares.stream().filter(s -> s.index().equals(index)).findFirst();
  }

  /**
   * Shows the public key and how many secret shares there are, never the secrets.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "DealtKey[" + key + ", " + secretShares.size() + " secret shares <redacted>]";
  }
}
