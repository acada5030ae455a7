package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Mode;
import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.Sent;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same fault-free schedule, run once with plain Raft nodes and once with BLS-Raft nodes, sends
 * the same messages (extensions aside) and BLS-Raft emits each signed duty at the very step where
 * plain Raft's leader commits it.
 */
class MessageParityTest {

  /** What one run produced, to compare across modes. */
  private record Run(List<Message> messages, Map<String, Integer> counts, Map<Long, Long> steps) {}

  @ParameterizedTest(name = "{0} nodes, {1}-of-{0}")
  @CsvSource({"3, 2", "5, 3"})
  void blsRaftSendsWhatRaftSendsAndSignsWhereRaftCommits(int size, int threshold) {
    Run plain = run(Mode.PLAIN, size, threshold);
    Run bls = run(Mode.BLS, size, threshold);

    assertThat(bls.counts()).isEqualTo(plain.counts());
    assertThat(bls.messages()).isEqualTo(plain.messages());
    assertThat(bls.steps()).isNotEmpty().isEqualTo(plain.steps());
  }

  private static Run run(Mode mode, int size, int threshold) {
    List<Long> ids = new ArrayList<>();
    for (long i = 1; i <= size; i++) {
      ids.add(i);
    }
    BlsCluster cluster = new BlsCluster(mode, ids, 77, b -> {});
    Node leader = cluster.electLeader();
    TestKey key = cluster.dealKey(1, threshold, cluster.plainMembers());
    assertThat(cluster.proposeAddKey(leader, key).isAccepted()).isTrue();
    cluster.stabilize();
    int duty = 0;
    for (int round = 0; round < 6; round++) {
      for (int i = 0; i <= round % 3; i++) {
        assertThat(
                cluster
                    .proposeDuty(leader, key.id(), BlsCluster.root("p" + duty), "d" + duty)
                    .isAccepted())
            .isTrue();
        duty++;
      }
      cluster.deliverRound();
      if (round % 2 == 0) {
        cluster.tickAll();
      }
      cluster.deliverRound();
      cluster.stabilize();
    }
    cluster.settle(2);

    Map<Long, Long> steps = new TreeMap<>();
    if (mode == Mode.PLAIN) {
      for (LogEntry e : leader.applied) {
        if (BlsCommandCodec.isBlsCommand(e.data()) && MirroredEntry.of(e).duty() != null) {
          steps.put(e.index(), leader.appliedAtStep.get(e.index()));
        }
      }
    } else {
      cluster.firstEmissions().forEach((index, emitted) -> steps.put(index, emitted.step()));
      cluster.assertEmissionsValid(Map.of(key.id(), key));
    }
    List<Message> messages = new ArrayList<>();
    for (Sent s : cluster.sentLog) {
      messages.add(withoutExtension(s.message()));
    }
    return new Run(messages, cluster.messageCounts(), steps);
  }

  private static Message withoutExtension(Message m) {
    if (m instanceof AppendEntries a) {
      return a.withExtension(new byte[0]);
    }
    if (m instanceof AppendEntriesResponse r) {
      return r.withExtension(new byte[0]);
    }
    return m;
  }
}
