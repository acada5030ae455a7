package io.dvraft.testkit.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.GroupSignature;
import io.dvraft.bls.crypto.InvalidKeyMaterialException;
import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.SignatureShare;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InsecureToyThresholdSchemeTest {

  private final InsecureToyThresholdScheme scheme = new InsecureToyThresholdScheme();
  private final byte[] root = "root".getBytes(StandardCharsets.UTF_8);

  private DealtKey deal(int t, long... ids) {
    List<ShareIndex> indexes = new ArrayList<>();
    for (long id : ids) {
      indexes.add(ShareIndex.of(id));
    }
    return scheme.deal(t, indexes, new SplittableRandom(7));
  }

  private List<SignatureShare> sign(DealtKey key, int... which) {
    List<SignatureShare> out = new ArrayList<>();
    for (int i : which) {
      out.add(scheme.signShare(key.secretShares().get(i), root));
    }
    return out;
  }

  @Test
  void fieldMultiplicationMatchesBigIntegerArithmetic() {
    SplittableRandom r = new SplittableRandom(1);
    BigInteger p = BigInteger.valueOf(InsecureToyThresholdScheme.P);
    for (int i = 0; i < 10_000; i++) {
      long a = Math.floorMod(r.nextLong(), InsecureToyThresholdScheme.P);
      long b = Math.floorMod(r.nextLong(), InsecureToyThresholdScheme.P);
      long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(p).longValue();
      assertThat(InsecureToyThresholdScheme.mul(a, b)).isEqualTo(expected);
    }
  }

  @Test
  void anyThresholdSubsetRecombinesToTheSameVerifyingSignature() {
    DealtKey key = deal(3, 7, 42, 1001, 5, 9);
    GroupSignature a = scheme.combine(sign(key, 0, 1, 2));
    GroupSignature b = scheme.combine(sign(key, 4, 2, 3));
    assertThat(a).isEqualTo(b);
    assertThat(scheme.verify(key.key().groupKey(), root, a)).isTrue();
  }

  @Test
  void fewerThanThresholdSharesDoNotVerify() {
    DealtKey key = deal(3, 1, 2, 3, 4, 5);
    assertThat(scheme.verify(key.key().groupKey(), root, scheme.combine(sign(key, 0, 1))))
        .isFalse();
  }

  @Test
  void aShareOfAnotherMessageSpoilsTheRecombination() {
    DealtKey key = deal(2, 1, 2, 3);
    List<SignatureShare> shares = sign(key, 0);
    shares.add(scheme.signShare(key.secretShares().get(1), "other".getBytes(StandardCharsets.UTF_8)));
    GroupSignature bad = scheme.combine(shares);
    assertThat(scheme.verify(key.key().groupKey(), root, bad)).isFalse();
    assertThat(scheme.verifyShare(key.key().publicShares().get(1), root, shares.get(1))).isFalse();
    assertThat(scheme.verifyShare(key.key().publicShares().get(0), root, shares.get(0))).isTrue();
  }

  @Test
  void importChecksThatThePublicSharesLieOnOnePolynomial() {
    DealtKey key = deal(2, 1, 2, 3);
    assertThat(scheme.importKey(2, key.key().groupKey(), key.key().publicShares()))
        .isEqualTo(key.key());
    DealtKey other = deal(2, 1, 2, 3);
    DealtKey different = scheme.deal(2, List.of(ShareIndex.of(1), ShareIndex.of(2), ShareIndex.of(3)),
        new SplittableRandom(99));
    assertThat(other.key()).isEqualTo(key.key());
    assertThatThrownBy(() -> scheme.importKey(2, different.key().groupKey(), key.key().publicShares()))
        .isInstanceOf(InvalidKeyMaterialException.class);
  }

  @Test
  void malformedEncodingsAndTheIdentityAreRejected() {
    byte[] junk = new byte[96];
    junk[0] = 1;
    assertThatThrownBy(() -> scheme.validate(new GroupSignature(junk)))
        .isInstanceOf(InvalidKeyMaterialException.class);
    assertThatThrownBy(() -> scheme.validate(new GroupSignature(new byte[96])))
        .isInstanceOf(InvalidKeyMaterialException.class);
  }

  @Test
  void aSecretShareMustMatchItsPublicShare() {
    DealtKey key = deal(2, 1, 2, 3);
    SecretShare wrong = new SecretShare(ShareIndex.of(1), key.secretShares().get(1).scalar());
    assertThatThrownBy(() -> scheme.importSecretShare(key.key(), wrong))
        .isInstanceOf(InvalidKeyMaterialException.class);
    assertThat(scheme.importSecretShare(key.key(), key.secretShares().get(0)))
        .isEqualTo(key.secretShares().get(0));
  }
}
