package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  private final ThresholdScheme scheme = new BlstThresholdScheme();

  @Test
  void secretShareToStringNeverShowsTheSecret() {
    byte[] secret = Fixtures.secret(4);
    SecretShare share = new SecretShare(ShareIndex.of(42), secret);
    String hex = HexFormat.of().formatHex(secret);

    assertThat(share.toString())
        .contains("x42")
        .doesNotContainIgnoringCase(hex)
        .doesNotContainIgnoringCase(hex.substring(0, 8))
        .doesNotContainIgnoringCase(hex.substring(hex.length() - 8));
  }

  @Test
  void dealtKeyToStringNeverShowsAnySecretShare() {
    DealtKey dealt = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(6));
    String text = dealt.toString();

    for (SecretShare share : dealt.secretShares()) {
      String secretHex = HexFormat.of().formatHex(share.scalar());
      assertThat(text).doesNotContainIgnoringCase(secretHex.substring(0, 8));
    }
    assertThat(text).contains("3 secret shares");
  }

  @Test
  void secretShareIsCopiedInAndOut() {
    byte[] secret = Fixtures.secret(4);
    SecretShare share = new SecretShare(ShareIndex.of(1), secret);

    secret[5] ^= 1;
    byte[] out = share.scalar();
    out[6] ^= 1;

    assertThat(share.scalar()).isEqualTo(Fixtures.secret(4));
  }

  @Test
  void secretSharesAreEqualByContentAndHashOnlyTheirIndex() {
    SecretShare a = new SecretShare(ShareIndex.of(1), Fixtures.secret(4));
    SecretShare same = new SecretShare(ShareIndex.of(1), Fixtures.secret(4));
    SecretShare otherSecret = new SecretShare(ShareIndex.of(1), Fixtures.secret(5));

    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherSecret);
    assertThat(a.hashCode()).isEqualTo(otherSecret.hashCode());
  }

  @Test
  void byteValuedTypesCompareByContentAndCopyTheirBytes() {
    DealtKey dealt = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(6));
    byte[] key = dealt.key().groupKey().bytes();
    byte[] signature =
        scheme.signShare(dealt.secretShares().get(0), Fixtures.root("m")).signature();

    GroupPublicKey groupKey = new GroupPublicKey(key);
    key[0] ^= 1;
    groupKey.bytes()[1] ^= 1;

    assertThat(groupKey).isEqualTo(dealt.key().groupKey())
        .hasSameHashCodeAs(dealt.key().groupKey());
    assertThat(new GroupSignature(signature)).isEqualTo(new GroupSignature(signature.clone()));
    assertThat(new SignatureShare(ShareIndex.of(1), signature))
        .isEqualTo(new SignatureShare(ShareIndex.of(1), signature.clone()))
        .isNotEqualTo(new SignatureShare(ShareIndex.of(2), signature));
    assertThat(new PublicShare(ShareIndex.of(1), dealt.key().groupKey().bytes()))
        .isEqualTo(new PublicShare(ShareIndex.of(1), dealt.key().groupKey().bytes()));
  }

  @Test
  void toStringsAreShortAndNameTheIndex() {
    SignatureShare share = scheme.signShare(
        new SecretShare(ShareIndex.of(1001), Fixtures.secret(1)), Fixtures.root("m"));

    assertThat(share.toString()).startsWith("SignatureShare[x1001, ").hasSizeLessThan(60);
  }

  @Test
  void thresholdKeyLooksUpPublicSharesByIndexAndKeepsTheirOrder() {
    DealtKey dealt = scheme.deal(2, Fixtures.indexes(1001, 7, 42), Fixtures.random(6));
    ThresholdKey key = dealt.key();

    assertThat(key.indexes()).isEqualTo(Fixtures.indexes(1001, 7, 42));
    assertThat(key.size()).isEqualTo(3);
    assertThat(key.publicShare(ShareIndex.of(7))).contains(key.publicShares().get(1));
    assertThat(key.publicShare(ShareIndex.of(8))).isEmpty();
    assertThat(dealt.secretShare(ShareIndex.of(42))).contains(dealt.secretShares().get(2));
  }

  @Test
  void thresholdKeyListIsImmutable() {
    DealtKey dealt = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(6));
    List<PublicShare> shares = dealt.key().publicShares();

    assertThatThrownBy(() -> shares.remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
