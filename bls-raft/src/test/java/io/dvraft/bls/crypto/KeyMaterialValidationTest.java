package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyMaterialValidationTest {

  private static final BigInteger R = ScalarField.R;
  private static final byte[] MESSAGE = Fixtures.root("block 7");

  private final ThresholdScheme scheme = new BlstThresholdScheme();
  private final DealtKey dealt = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(1));

  private static byte[] scalar(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int skip = raw.length > 32 ? raw.length - 32 : 0;
    System.arraycopy(raw, skip, out, 32 - (raw.length - skip), raw.length - skip);
    return out;
  }

  @Test
  void aZeroSecretIsRejected() {
    assertThatThrownBy(() -> new SecretShare(ShareIndex.of(1), new byte[32]))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("is zero");
    assertThatThrownBy(() -> scheme.deal(new byte[32], 1, Fixtures.oneTo(1), Fixtures.random(1)))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("group secret is zero");
    assertThatThrownBy(() -> Bls.sign(new byte[32], MESSAGE))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("zero");
  }

  @Test
  void secretsAtOrAboveTheGroupOrderAreRejected() {
    BigInteger allOnes = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    for (BigInteger value : List.of(R, R.add(BigInteger.ONE), allOnes)) {
      assertThatThrownBy(() -> new SecretShare(ShareIndex.of(1), scalar(value)))
          .isInstanceOf(InvalidKeyMaterialException.class)
          .hasMessageContaining("not below the group order r");
      assertThatThrownBy(() -> Bls.sign(scalar(value), MESSAGE))
          .isInstanceOf(InvalidKeyMaterialException.class)
          .hasMessageContaining("not below the group order r");
    }
  }

  @Test
  void theLargestValidSecretIsAccepted() {
    byte[] largest = scalar(R.subtract(BigInteger.ONE));

    assertThatCode(() -> new SecretShare(ShareIndex.of(1), largest)).doesNotThrowAnyException();
    assertThat(Bls.verify(Bls.publicKey(largest), MESSAGE, Bls.sign(largest, MESSAGE))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 48})
  void secretsThatAreNot32BytesAreRejected(int length) {
    byte[] secret = new byte[length];
    Arrays.fill(secret, (byte) 1);

    assertThatThrownBy(() -> new SecretShare(ShareIndex.of(1), secret))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("must be 32 bytes, got " + length);
    assertThatThrownBy(() -> scheme.deal(secret, 1, Fixtures.oneTo(1), Fixtures.random(1)))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("must be 32 bytes, got " + length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 47, 49, 96})
  void publicKeysThatAreNot48BytesAreRejected(int length) {
    assertThatThrownBy(() -> new GroupPublicKey(new byte[length]))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("must be 48 bytes, got " + length);
    assertThatThrownBy(() -> new PublicShare(ShareIndex.of(3), new byte[length]))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("public share x3 must be 48 bytes");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 48, 95, 97})
  void signaturesThatAreNot96BytesAreRejected(int length) {
    assertThatThrownBy(() -> new GroupSignature(new byte[length]))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("must be 96 bytes, got " + length);
    assertThatThrownBy(() -> new SignatureShare(ShareIndex.of(2), new byte[length]))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("signature share x2 must be 96 bytes");
  }

  @Test
  void aPublicKeyOutsideTheSubgroupIsRejected() {
    byte[] bad = BadPoints.g1NotInSubgroup();
    GroupPublicKey key = new GroupPublicKey(bad);

    assertThatThrownBy(() -> scheme.validate(key))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("not in the G1 prime-order subgroup");
    assertThatThrownBy(() -> scheme.validate(new PublicShare(ShareIndex.of(2), bad)))
        .hasMessageContaining("public share x2 is not in the G1 prime-order subgroup");
    assertThatThrownBy(() -> scheme.importKey(2, key, dealt.key().publicShares()))
        .hasMessageContaining("group public key is not in the G1 prime-order subgroup");
    assertThat(Bls.verify(bad, MESSAGE, Bls.sign(Fixtures.secret(1), MESSAGE))).isFalse();
  }

  @Test
  void anInfinityPublicKeyIsRejected() {
    GroupPublicKey infinity = new GroupPublicKey(BadPoints.g1Infinity());

    assertThatThrownBy(() -> scheme.validate(infinity))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("point at infinity");
    List<PublicShare> shares = new ArrayList<>(dealt.key().publicShares());
    shares.set(1, new PublicShare(shares.get(1).index(), BadPoints.g1Infinity()));
    assertThatThrownBy(() -> scheme.importKey(2, dealt.key().groupKey(), shares))
        .hasMessageContaining("public share x2 is the point at infinity");
    // The classic forgery: infinity key, infinity signature, any message.
    assertThat(scheme.verify(infinity, MESSAGE, new GroupSignature(BadPoints.g2Infinity())))
        .isFalse();
  }

  @Test
  void anInfinitySignatureIsRejected() {
    GroupSignature infinity = new GroupSignature(BadPoints.g2Infinity());

    assertThatThrownBy(() -> scheme.validate(infinity))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("group signature is the point at infinity");
    SignatureShare infinityShare = new SignatureShare(ShareIndex.of(3), BadPoints.g2Infinity());
    assertThatThrownBy(() -> scheme.validate(infinityShare))
        .hasMessageContaining("signature share x3 is the point at infinity");
    assertThat(scheme.verify(dealt.key().groupKey(), MESSAGE, infinity)).isFalse();
  }

  @Test
  void aSignatureOutsideTheSubgroupIsRejected() {
    GroupSignature bad = new GroupSignature(BadPoints.g2NotInSubgroup());

    assertThatThrownBy(() -> scheme.validate(bad))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("not in the G2 prime-order subgroup");
    assertThat(scheme.verify(dealt.key().groupKey(), MESSAGE, bad)).isFalse();
  }

  @Test
  void random96BytesAreRejectedAsASignature() {
    byte[] noise = new byte[96];
    Fixtures.random(77).nextBytes(noise);
    GroupSignature signature = new GroupSignature(noise);
    SignatureShare good = scheme.signShare(dealt.secretShares().get(0), MESSAGE);
    SignatureShare garbage = new SignatureShare(ShareIndex.of(2), noise);

    assertThatThrownBy(() -> scheme.validate(signature))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("is not a compressed G2 point");
    assertThat(scheme.verify(dealt.key().groupKey(), MESSAGE, signature)).isFalse();
    assertThatThrownBy(() -> scheme.combine(List.of(good, garbage)))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("signature share x2 is not a compressed G2 point");
  }

  @Test
  void shareIndexesMustBePositive() {
    assertThatThrownBy(() -> ShareIndex.of(0))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("at least 1, got 0");
    assertThatThrownBy(() -> ShareIndex.of(-5)).hasMessageContaining("got -5");
  }

  @Test
  void duplicateIndexesAreRejectedEverywhere() {
    List<ShareIndex> twice = Fixtures.indexes(7, 42, 7);
    SignatureShare share = scheme.signShare(dealt.secretShares().get(0), MESSAGE);
    List<PublicShare> publics = dealt.key().publicShares();

    assertThatThrownBy(() -> scheme.deal(2, twice, Fixtures.random(1)))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("share index x7 appears twice");
    assertThatThrownBy(() -> new ThresholdKey(
            2, dealt.key().groupKey(), List.of(publics.get(0), publics.get(1), publics.get(0))))
        .hasMessageContaining("share index x1 appears twice");
    assertThatThrownBy(() -> scheme.combine(List.of(share, share)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signature share x1 appears twice");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 4})
  void thresholdsOutsideOneToNAreRejected(int t) {
    assertThatThrownBy(() -> scheme.deal(t, Fixtures.oneTo(3), Fixtures.random(1)))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("between 1 and the number of members (3), got " + t);
    ThresholdKey key = dealt.key();
    assertThatThrownBy(() -> new ThresholdKey(t, key.groupKey(), key.publicShares()))
        .isInstanceOf(InvalidKeyMaterialException.class);
  }

  @Test
  void aKeyWithoutMembersIsRejected() {
    assertThatThrownBy(() -> scheme.deal(1, List.of(), Fixtures.random(1)))
        .hasMessageContaining("at least one member");
  }

  @Test
  void publicSharesFromAnotherDealAreRejectedOnImport() {
    DealtKey other = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(2));
    List<PublicShare> mixed = new ArrayList<>(dealt.key().publicShares());
    mixed.set(2, other.key().publicShares().get(2));

    assertThatThrownBy(() -> scheme.importKey(2, dealt.key().groupKey(), mixed))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("public share x3 is not on the polynomial of the first 2");
    assertThatThrownBy(() -> scheme.importKey(
            2, other.key().groupKey(), dealt.key().publicShares()))
        .hasMessageContaining("do not interpolate to the group public key");
  }

  @Test
  void aSecretShareThatDoesNotMatchItsPublicShareIsRejectedOnImport() {
    SecretShare wrong = new SecretShare(ShareIndex.of(1), dealt.secretShares().get(1).scalar());
    SecretShare stranger = new SecretShare(ShareIndex.of(9), Fixtures.secret(3));

    assertThatThrownBy(() -> scheme.importSecretShare(dealt.key(), wrong))
        .isInstanceOf(InvalidKeyMaterialException.class)
        .hasMessageContaining("secret share x1 does not match its public share");
    assertThatThrownBy(() -> scheme.importSecretShare(dealt.key(), stranger))
        .hasMessageContaining("no member with share index x9");
  }

  @Test
  void combiningNothingIsRejected() {
    assertThatThrownBy(() -> scheme.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero signature shares");
  }

  @Test
  void verifyingAShareAgainstAnotherMembersPublicShareIsACallerError() {
    SignatureShare share = scheme.signShare(dealt.secretShares().get(0), MESSAGE);
    PreparedMessage message = scheme.prepare(MESSAGE);

    assertThatThrownBy(() -> scheme.verifyShare(dealt.key().publicShares().get(1), message, share))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public share x2 given for signature share x1");
  }
}
