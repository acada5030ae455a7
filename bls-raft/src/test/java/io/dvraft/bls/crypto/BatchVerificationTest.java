package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchVerificationTest {

  private static final int BATCH = 8;

  private final ThresholdScheme scheme = new BlstThresholdScheme();
  private DealtKey dealt;
  private List<PreparedMessage> messages;
  private List<GroupSignature> signatures;

  @BeforeEach
  void signEightDuties() {
    dealt = scheme.deal(2, Fixtures.indexes(7, 42, 1001), Fixtures.random(21));
    messages = new ArrayList<>();
    signatures = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      PreparedMessage message = scheme.prepare(Fixtures.root("duty " + i));
      messages.add(message);
      signatures.add(scheme.combine(List.of(
          scheme.signShare(dealt.secretShares().get(i % 3), message),
          scheme.signShare(dealt.secretShares().get((i + 1) % 3), message))));
    }
  }

  @Test
  void aValidBatchIsAllValid() {
    assertThat(scheme.batchVerify(dealt.key().groupKey(), messages, signatures))
        .containsExactlyElementsOf(Collections.nCopies(BATCH, true));
  }

  @Test
  void oneWrongSignatureInABatchOfEightIsPinpointed() {
    // A real signature of the group, on the wrong message: only a pairing can tell.
    signatures.set(5, signatures.get(2));

    List<Boolean> valid = scheme.batchVerify(dealt.key().groupKey(), messages, signatures);

    assertThat(valid).containsExactly(true, true, true, true, true, false, true, true);
  }

  @Test
  void aSignatureByAnotherKeyIsPinpointed() {
    DealtKey other = scheme.deal(2, Fixtures.oneTo(3), Fixtures.random(22));
    signatures.set(0, scheme.combine(List.of(
        scheme.signShare(other.secretShares().get(0), messages.get(0)),
        scheme.signShare(other.secretShares().get(1), messages.get(0)))));

    List<Boolean> valid = scheme.batchVerify(dealt.key().groupKey(), messages, signatures);

    assertThat(valid).containsExactly(false, true, true, true, true, true, true, true);
  }

  @Test
  void undecodableAndInfinitySignaturesAreInvalidWithoutSpoilingTheOthers() {
    byte[] noise = new byte[96];
    Fixtures.random(3).nextBytes(noise);
    signatures.set(1, new GroupSignature(noise));
    signatures.set(6, new GroupSignature(BadPoints.g2Infinity()));

    List<Boolean> valid = scheme.batchVerify(dealt.key().groupKey(), messages, signatures);

    assertThat(valid).containsExactly(true, false, true, true, true, true, false, true);
  }

  @Test
  void everySignatureIsInvalidUnderAnInvalidKey() {
    List<Boolean> valid = scheme.batchVerify(
        new GroupPublicKey(BadPoints.g1Infinity()), messages, signatures);

    assertThat(valid).containsExactlyElementsOf(Collections.nCopies(BATCH, false));
  }

  @Test
  void aBatchAgreesWithOneByOneVerification() {
    signatures.set(3, signatures.get(4));
    signatures.set(4, signatures.get(2));

    List<Boolean> batch = scheme.batchVerify(dealt.key().groupKey(), messages, signatures);

    for (int i = 0; i < BATCH; i++) {
      assertThat(batch.get(i))
          .as("signature %d", i)
          .isEqualTo(scheme.verify(dealt.key().groupKey(), messages.get(i), signatures.get(i)));
    }
    assertThat(batch).containsExactly(true, true, true, false, false, true, true, true);
  }

  @Test
  void emptyAndSingletonBatchesWork() {
    GroupPublicKey key = dealt.key().groupKey();

    assertThat(scheme.batchVerify(key, List.of(), List.of())).isEmpty();
    assertThat(scheme.batchVerify(key, messages.subList(0, 1), signatures.subList(0, 1)))
        .containsExactly(true);
    assertThat(scheme.batchVerify(key, messages.subList(0, 1), signatures.subList(1, 2)))
        .containsExactly(false);
  }

  @Test
  void listsOfDifferentSizesAreRejected() {
    assertThatThrownBy(() -> scheme.batchVerify(
            dealt.key().groupKey(), messages, signatures.subList(0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8 messages but 3 signatures");
  }

  @Test
  void aBatchAcrossSeveralValidatorKeysIsAllValidAndPinpointsABadOne() {
    DealtKey second = scheme.deal(3, Fixtures.oneTo(4), Fixtures.random(23));
    List<GroupPublicKey> keys = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      // Every other duty belongs to the second validator.
      boolean secondValidator = i % 2 == 1;
      keys.add(secondValidator ? second.key().groupKey() : dealt.key().groupKey());
      if (secondValidator) {
        PreparedMessage message = messages.get(i);
        signatures.set(i, scheme.combine(second.secretShares().subList(0, 3).stream()
            .map(s -> scheme.signShare(s, message)).toList()));
      }
    }

    assertThat(scheme.batchVerify(keys, messages, signatures))
        .containsExactlyElementsOf(Collections.nCopies(BATCH, true));

    keys.set(4, second.key().groupKey());
    assertThat(scheme.batchVerify(keys, messages, signatures))
        .containsExactly(true, true, true, true, false, true, true, true);
  }

  @Test
  void anInvalidKeyInAMixedBatchSpoilsOnlyItsOwnSignatures() {
    List<GroupPublicKey> keys = new ArrayList<>(Collections.nCopies(BATCH, dealt.key().groupKey()));
    keys.set(2, new GroupPublicKey(BadPoints.g1NotInSubgroup()));

    assertThat(scheme.batchVerify(keys, messages, signatures))
        .containsExactly(true, true, false, true, true, true, true, true);
  }
}
