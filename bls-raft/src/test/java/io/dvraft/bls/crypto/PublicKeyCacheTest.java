package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import supranational.blst.P1_Affine;

class PublicKeyCacheTest {

  private static byte[] publicKey(int seed) {
    return Bls.publicKey(Fixtures.secret(seed));
  }

  @Test
  void aKnownKeyIsDecodedOnceAndReturnedFromTheCache() {
    PublicKeyCache cache = new PublicKeyCache(4);

    P1_Affine first = cache.get(publicKey(1), "key");
    P1_Affine second = cache.get(publicKey(1), "key");

    assertThat(second).isSameAs(first);
    assertThat(first.compress()).isEqualTo(publicKey(1));
  }

  @Test
  void theLeastRecentlyUsedKeyIsEvictedBeyondCapacity() {
    PublicKeyCache cache = new PublicKeyCache(2);
    P1_Affine one = cache.get(publicKey(1), "key");
    cache.get(publicKey(2), "key");
    cache.get(publicKey(1), "key");
    P1_Affine two = cache.get(publicKey(2), "key");
    cache.get(publicKey(3), "key");

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(publicKey(2), "key")).isSameAs(two);
    assertThat(cache.get(publicKey(1), "key")).isNotSameAs(one);
  }

  @Test
  void invalidKeysAreRejectedEveryTimeAndNeverStored() {
    PublicKeyCache cache = new PublicKeyCache(4);
    byte[] bad = BadPoints.g1NotInSubgroup();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.get(bad, "key"))
          .isInstanceOf(InvalidKeyMaterialException.class)
          .hasMessageContaining("key is not in the G1 prime-order subgroup");
    }
    assertThat(cache.size()).isZero();
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new PublicKeyCache(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new BlstThresholdScheme(0)).hasMessageContaining("at least 1");
  }
}
