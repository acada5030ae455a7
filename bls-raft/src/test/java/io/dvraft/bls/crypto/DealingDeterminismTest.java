package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealingDeterminismTest {

  private final ThresholdScheme scheme = new BlstThresholdScheme();

  @Test
  void dealingFromTheSameSeedGivesTheSameShares() {
    DealtKey first = scheme.deal(3, Fixtures.indexes(7, 42, 1001, 5), Fixtures.random(9));
    DealtKey second = new BlstThresholdScheme()
        .deal(3, Fixtures.indexes(7, 42, 1001, 5), Fixtures.random(9));

    assertThat(second).isEqualTo(first);
    assertThat(second.secretShares()).isEqualTo(first.secretShares());
  }

  @Test
  void dealingAGivenSecretFromTheSameSeedGivesTheSameShares() {
    byte[] secret = Fixtures.secret(2);

    DealtKey first = scheme.deal(secret, 2, Fixtures.oneTo(3), Fixtures.random(1));
    DealtKey second = scheme.deal(secret, 2, Fixtures.oneTo(3), Fixtures.random(1));
    DealtKey otherSeed = scheme.deal(secret, 2, Fixtures.oneTo(3), Fixtures.random(2));

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed.key().groupKey()).isEqualTo(first.key().groupKey());
    assertThat(otherSeed.secretShares()).isNotEqualTo(first.secretShares());
  }

  @Test
  void differentSeedsGiveDifferentKeys() {
    DealtKey a = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(1));
    DealtKey b = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(2));

    assertThat(a.key().groupKey()).isNotEqualTo(b.key().groupKey());
  }

  @Test
  void theSeededGeneratorRepeatsItsStreamAndDependsOnTheSeed() {
    DeterministicRandom a = Fixtures.random(1);
    DeterministicRandom b = Fixtures.random(1);
    DeterministicRandom c = Fixtures.random(2);
    long[] first = a.longs(10).toArray();

    assertThat(b.longs(10).toArray()).isEqualTo(first);
    assertThat(c.longs(10).toArray()).isNotEqualTo(first);
    assertThat(first).doesNotHaveDuplicates();
  }

  @Test
  void theSeedMustBe32Bytes() {
    assertThatThrownBy(() -> DeterministicRandom.fromSeed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
  }

  @Test
  void aSecureRandomDealsAWorkingKey() {
    DealtKey dealt = scheme.deal(2, Fixtures.oneTo(3), new SecureRandom());
    byte[] message = Fixtures.root("m");

    GroupSignature signature = scheme.combine(List.of(
        scheme.signShare(dealt.secretShares().get(2), message),
        scheme.signShare(dealt.secretShares().get(0), message)));

    assertThat(scheme.verify(dealt.key().groupKey(), message, signature)).isTrue();
  }
}
