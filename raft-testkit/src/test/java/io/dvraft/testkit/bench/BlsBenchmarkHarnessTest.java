package io.dvraft.testkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.SignedEntry;
import io.dvraft.bls.crypto.BlstThresholdScheme;
import org.junit.jupiter.api.Test;

/**
 * The BLS-Raft benchmark measures what it claims: the cluster signs every duty with the group key,
 * the crypto bound computes byte for byte the same group signatures, and the plain Raft cluster it
 * is compared with for message parity runs the same schedule.
 */
class BlsBenchmarkHarnessTest {

  private static final BlstThresholdScheme SCHEME = new BlstThresholdScheme();

  @Test
  void cluster_signsEachDuty_withTheGroupKey() {
    BlsBenchCluster cluster = new BlsBenchCluster(BlsBenchCluster.Mode.BLS, SCHEME, 3, 2);

    for (long slot = 1; slot <= 3; slot++) {
      long index = cluster.proposeDuty(slot);
      cluster.pumpUntilDone(index);
      SignedEntry signed = cluster.lastSigned();

      assertThat(signed.entry().index()).isEqualTo(index);
      assertThat(SCHEME.verify(
          cluster.dealt().key().groupKey(), signed.duty().signingRoot(), signed.signature()))
          .isTrue();
    }
    assertThat(cluster.leaderSigned()).isEqualTo(3);
    // Every node signs every duty once, as the crypto bound counts: n = 3 journaled shares each.
    assertThat(cluster.journalRecords()).isEqualTo(3 * 3);
  }

  @Test
  void cryptoBound_makesTheSameGroupSignatures_asTheCluster() {
    BlsBenchCluster cluster = new BlsBenchCluster(BlsBenchCluster.Mode.BLS, SCHEME, 3, 2);
    CryptoBound bound = new CryptoBound(cluster.dealt(), 4);

    assertThat(bound.signWindow(1, 4)).isTrue();
    for (int i = 0; i < 4; i++) {
      long index = cluster.proposeDuty(1 + i);
      cluster.pumpUntilDone(index);
      assertThat(cluster.lastSigned().signature().bytes()).isEqualTo(bound.signature(i));
    }
    assertThat(bound.signWindow(5, 1)).isTrue();
  }

  @Test
  void windowOfDuties_isAllSigned() {
    BlsBenchCluster cluster = new BlsBenchCluster(BlsBenchCluster.Mode.BLS, SCHEME, 3, 2);

    long last = 0;
    for (long slot = 1; slot <= 16; slot++) {
      last = cluster.proposeDuty(slot);
    }
    cluster.pumpUntilDone(last);

    assertThat(cluster.leaderSigned()).isEqualTo(16);
    assertThat(cluster.lastSigned().entry().index()).isEqualTo(last);
  }

  @Test
  void messageParity_blsRaftSendsAsManyMessagesAsPlainRaft() {
    for (int window : new int[] {1, 16}) {
      long bls = BlsOverhead.messagesFor(BlsBenchCluster.Mode.BLS, window);
      long plain = BlsOverhead.messagesFor(BlsBenchCluster.Mode.PLAIN, window);

      assertThat(bls).as("window %d", window).isPositive().isEqualTo(plain);
    }
  }
}
