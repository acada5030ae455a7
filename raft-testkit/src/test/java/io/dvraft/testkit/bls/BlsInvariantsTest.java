package io.dvraft.testkit.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCommand;
import io.dvraft.bls.BlsCommandCodec;
import io.dvraft.bls.BlsOutput;
import io.dvraft.bls.KeyId;
import io.dvraft.bls.SignedEntry;
import io.dvraft.bls.crypto.GroupSignature;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.testkit.check.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlsInvariantsTest {

  private final List<Violation> reported = new ArrayList<>();
  private final BlsInvariants checks =
      new BlsInvariants(
          new BlsRun(new InsecureToyThresholdScheme(), 1, 2, java.util.Set.of(), 7), reported::add);

  private static BlsOutput signing(long index) {
    byte[] data = BlsCommandCodec.encode(
        new BlsCommand.SignDuty(KeyId.of(0), new byte[32], new byte[] {1}, new byte[0]));
    byte[] signature = new byte[96];
    signature[95] = 1;
    SignedEntry signed =
        new SignedEntry(LogEntry.command(index, 2, data), KeyId.of(0), new GroupSignature(signature));
    return new BlsOutput(Output.EMPTY, List.of(), List.of(signed), List.of(), Optional.empty());
  }

  private List<Violation> oneEmissionViolations() {
    return reported.stream()
        .filter(v -> v.invariant().equals(BlsInvariants.ONE_SIGNER_PER_TERM))
        .toList();
  }

  @Test
  void twoNodesEmittingTheSameEntryInOneTermIsAViolation() {
    checks.polled(NodeId.of(1), 2, signing(5));
    checks.polled(NodeId.of(2), 2, signing(5));
    assertThat(oneEmissionViolations()).hasSize(1);
  }

  @Test
  void aLaterLeaderMayEmitTheEntryAgain() {
    checks.polled(NodeId.of(1), 2, signing(5));
    checks.polled(NodeId.of(2), 3, signing(5));
    checks.polled(NodeId.of(1), 2, signing(6));
    assertThat(oneEmissionViolations()).isEmpty();
  }
}
