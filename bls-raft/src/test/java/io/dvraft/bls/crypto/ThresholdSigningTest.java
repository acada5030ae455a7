package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdSigningTest {

  private static final byte[] MESSAGE = Fixtures.root("attestation 42");

  private final ThresholdScheme scheme = new BlstThresholdScheme();

  static Stream<Arguments> groups() {
    return Stream.of(
        Arguments.of(1, Fixtures.oneTo(1)),
        Arguments.of(2, Fixtures.oneTo(3)),
        Arguments.of(3, Fixtures.oneTo(5)),
        Arguments.of(5, Fixtures.oneTo(7)),
        Arguments.of(2, Fixtures.indexes(7, 42, 1001)),
        Arguments.of(3, Fixtures.indexes(7, 42, 1001, 65_537, Long.MAX_VALUE)));
  }

  /** The groups where t-1 shares is a non-empty set. */
  static Stream<Arguments> groupsWithThresholdAboveOne() {
    return groups().filter(a -> (int) a.get()[0] > 1);
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("groups")
  void everyThresholdSubsetRecombinesToTheGroupSecretsOwnSignature(
      int t, List<ShareIndex> indexes) {
    byte[] groupSecret = Fixtures.secret(t);
    DealtKey dealt = scheme.deal(groupSecret, t, indexes, Fixtures.random(indexes.size()));
    byte[] expected = Bls.sign(groupSecret, MESSAGE);
    PreparedMessage message = scheme.prepare(MESSAGE);
    List<SignatureShare> shares =
        dealt.secretShares().stream().map(s -> scheme.signShare(s, message)).toList();

    assertThat(dealt.key().groupKey().bytes()).isEqualTo(Bls.publicKey(groupSecret));
    List<List<SignatureShare>> subsets = Subsets.of(shares, t);
    assertThat(subsets).isNotEmpty();
    for (List<SignatureShare> subset : subsets) {
      GroupSignature signature = scheme.combine(subset);
      assertThat(signature.bytes()).as("combined from %s", subset).isEqualTo(expected);
      assertThat(scheme.verify(dealt.key().groupKey(), message, signature)).isTrue();
      assertThat(Bls.verify(dealt.key().groupKey().bytes(), MESSAGE, signature.bytes())).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("groupsWithThresholdAboveOne")
  void fewerThanThresholdSharesGiveASignatureThatDoesNotVerify(int t, List<ShareIndex> indexes) {
    DealtKey dealt = scheme.deal(t, indexes, Fixtures.random(t));
    PreparedMessage message = scheme.prepare(MESSAGE);
    List<SignatureShare> shares =
        dealt.secretShares().stream().map(s -> scheme.signShare(s, message)).toList();

    for (List<SignatureShare> subset : Subsets.of(shares, t - 1)) {
      assertThat(scheme.verify(dealt.key().groupKey(), message, scheme.combine(subset)))
          .as("combined from %s", subset)
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("groups")
  void eachShareVerifiesUnderItsOwnPublicShareAndNoOther(int t, List<ShareIndex> indexes) {
    DealtKey dealt = scheme.deal(t, indexes, Fixtures.random(3));
    PreparedMessage message = scheme.prepare(MESSAGE);
    List<PublicShare> publics = dealt.key().publicShares();

    for (int i = 0; i < publics.size(); i++) {
      SignatureShare share = scheme.signShare(dealt.secretShares().get(i), message);
      assertThat(scheme.verifyShare(publics.get(i), message, share)).isTrue();
      if (publics.size() > 1) {
        PublicShare other = publics.get((i + 1) % publics.size());
        SignatureShare relabelled = new SignatureShare(other.index(), share.signature());
        assertThat(scheme.verifyShare(other, message, relabelled)).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("groupsWithThresholdAboveOne")
  void sharesOfDifferentMessagesDoNotCombineIntoAValidSignature(int t, List<ShareIndex> indexes) {
    DealtKey dealt = scheme.deal(t, indexes, Fixtures.random(5));
    List<SignatureShare> mixed = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      byte[] message = i == 0 ? Fixtures.root("other duty") : MESSAGE;
      mixed.add(scheme.signShare(dealt.secretShares().get(i), message));
    }

    assertThat(scheme.verify(dealt.key().groupKey(), MESSAGE, scheme.combine(mixed))).isFalse();
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("groups")
  void aDealtKeyPassesItsOwnImportChecks(int t, List<ShareIndex> indexes) {
    DealtKey dealt = scheme.deal(t, indexes, Fixtures.random(9));
    ThresholdKey key = dealt.key();

    ThresholdKey imported = scheme.importKey(t, key.groupKey(), key.publicShares());

    assertThat(imported).isEqualTo(key);
    for (SecretShare share : dealt.secretShares()) {
      assertThat(scheme.importSecretShare(imported, share)).isEqualTo(share);
    }
  }
}
