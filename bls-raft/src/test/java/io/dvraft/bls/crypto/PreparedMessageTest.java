package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedMessageTest {

  private static final byte[] ROOT = Fixtures.root("proposal 12345");

  private final ThresholdScheme scheme = new BlstThresholdScheme();
  private final DealtKey dealt = scheme.deal(3, Fixtures.oneTo(5), Fixtures.random(31));

  @Test
  void aCachedHashGivesTheSameSignaturesAsHashingEachTime() {
    PreparedMessage prepared = scheme.prepare(ROOT);

    for (SecretShare share : dealt.secretShares()) {
      assertThat(scheme.signShare(share, prepared)).isEqualTo(scheme.signShare(share, ROOT));
    }
  }

  @Test
  void reusingAPreparedMessageManyTimesDoesNotChangeIt() {
    // jblst's sign_with and mult mutate their receiver: a cached point used without a copy
    // would make every later signature wrong.
    PreparedMessage prepared = scheme.prepare(ROOT);
    List<SignatureShare> first = dealt.secretShares().stream()
        .map(s -> scheme.signShare(s, prepared)).toList();
    GroupSignature combined = scheme.combine(first.subList(0, 3));
    scheme.batchVerify(
        dealt.key().groupKey(), List.of(prepared, prepared), List.of(combined, combined));

    List<SignatureShare> again = dealt.secretShares().stream()
        .map(s -> scheme.signShare(s, prepared)).toList();

    assertThat(again).isEqualTo(first);
    assertThat(scheme.verify(dealt.key().groupKey(), prepared, combined)).isTrue();
    assertThat(scheme.combine(again.subList(2, 5))).isEqualTo(combined);
  }

  @Test
  void verificationAgreesWithAndWithoutTheCache() {
    PreparedMessage prepared = scheme.prepare(ROOT);
    GroupSignature signature = scheme.combine(dealt.secretShares().subList(1, 4).stream()
        .map(s -> scheme.signShare(s, prepared)).toList());
    PublicShare publicShare = dealt.key().publicShares().get(0);
    SignatureShare share = scheme.signShare(dealt.secretShares().get(0), ROOT);

    assertThat(scheme.verify(dealt.key().groupKey(), prepared, signature)).isTrue();
    assertThat(scheme.verify(dealt.key().groupKey(), ROOT, signature)).isTrue();
    assertThat(scheme.verifyShare(publicShare, prepared, share)).isTrue();
    assertThat(scheme.verifyShare(publicShare, scheme.prepare(ROOT), share)).isTrue();
    assertThat(scheme.verifyShare(publicShare, ROOT, share)).isTrue();
    assertThat(scheme.verifyShare(publicShare, Fixtures.root("other"), share)).isFalse();
  }

  @Test
  void aMessagePreparedElsewhereIsPreparedAgain() {
    PreparedMessage foreign = ROOT::clone;
    SecretShare share = dealt.secretShares().get(0);

    assertThat(scheme.signShare(share, foreign)).isEqualTo(scheme.signShare(share, ROOT));
  }

  @Test
  void thePreparedMessageKeepsItsOwnCopyOfTheBytes() {
    byte[] root = ROOT.clone();
    PreparedMessage prepared = scheme.prepare(root);
    root[0] ^= 1;
    prepared.message()[1] ^= 1;

    assertThat(prepared.message()).isEqualTo(ROOT);
    assertThat(scheme.signShare(dealt.secretShares().get(0), prepared))
        .isEqualTo(scheme.signShare(dealt.secretShares().get(0), ROOT));
  }
}
