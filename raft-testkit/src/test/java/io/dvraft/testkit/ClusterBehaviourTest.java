package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.sim.Timeline;
import org.junit.jupiter.api.Test;

/** What the simulator does to a cluster, fault by fault, while every invariant keeps holding. */
class ClusterBehaviourTest {

  private static final Scenario BASE = Scenario.faultFree().withDuration(800);

  @Test
  void aFaultFreeClusterElectsOneLeaderAndServesClients() {
    RunResult run = Simulation.of(BASE.withWorkload(WorkloadRates.DEFAULT.withoutOperator())).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().elections()).isEqualTo(1);
    assertThat(run.stats().writesCompleted()).isGreaterThan(100);
    assertThat(run.stats().readsCompleted()).isGreaterThan(100);
    assertThat(run.stats().messagesDropped()).isZero();
    assertThat(run.invariants())
        .containsEntry("election-safety", "ok")
        .hasEntrySatisfying("linearizability", v -> assertThat(v).startsWith("ok"))
        .hasEntrySatisfying("liveness", v -> assertThat(v).startsWith("ok"));
  }

  @Test
  void crashesLoseOrTearTheBatchBeingWrittenAndNodesRestartFromDisk() {
    FaultRates crashy = new FaultRates(1, 3, 0, 0, false, 0, 0, 0.02, 0, 1.0, 5, 40, 0);

    RunResult run = Simulation.of(BASE.withFaults(crashy).withNodes(5)).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().crashes()).isGreaterThan(5);
    assertThat(run.stats().tornWrites()).isGreaterThan(0);
    assertThat(run.timeline().events()).anyMatch(e -> e.kind() == Timeline.Kind.RESTART);
    assertThat(run.stats().elections()).isGreaterThan(1);
  }

  @Test
  void partitionsAndClogsCutAndSlowLinksUntilTheyHeal() {
    FaultRates net = new FaultRates(1, 3, 0, 0, false, 0.02, 0.02, 0, 0, 0, 10, 60, 40);

    RunResult run = Simulation.of(BASE.withFaults(net)).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().partitions()).isGreaterThan(3);
    assertThat(run.stats().clogs()).isGreaterThan(3);
    assertThat(run.stats().messagesDropped()).isGreaterThan(0);
    assertThat(run.timeline().events()).anyMatch(e -> e.kind() == Timeline.Kind.LIFTED);
  }

  @Test
  void lossyDuplicatingReorderingNetworksStillConverge() {
    FaultRates lossy = new FaultRates(1, 6, 0.2, 0.1, true, 0, 0, 0, 0, 0, 5, 60, 0);

    RunResult run = Simulation.of(BASE.withFaults(lossy)).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().messagesDuplicated()).isGreaterThan(100);
    assertThat(run.stats().messagesDropped()).isGreaterThan(100);
  }

  @Test
  void pausedNodesStopTickingAndReceivingForAWhile() {
    RunResult run = Simulation.of(BASE.withFaults(FaultRates.NONE.withPause(0.02))).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().pauses()).isGreaterThan(5);
    assertThat(run.timeline().events()).anyMatch(e -> e.kind() == Timeline.Kind.RESUME);
  }

  @Test
  void theOperatorChangesMembershipAndTransfersLeadership() {
    WorkloadRates busy = new WorkloadRates(4, 3, 0.25, 40, 30, 0.02, 0.02, 60);

    RunResult run = Simulation.of(BASE.withWorkload(busy).withNodes(5)).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().membershipChanges()).isGreaterThan(3);
    assertThat(run.stats().transfers()).isGreaterThan(3);
    assertThat(run.stats().leaders()).isGreaterThan(1);
  }

  @Test
  void hostsSnapshotAndLaggingFollowersGetInstallSnapshot() {
    FaultRates net = new FaultRates(1, 3, 0, 0, false, 0.02, 0, 0.01, 0, 0, 20, 80, 0);

    RunResult run = Simulation.of(BASE.withFaults(net).withDuration(1500)).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().snapshotsTaken()).isGreaterThan(10);
    assertThat(run.stats().snapshotsInstalled()).isGreaterThan(0);
  }
}
