package io.dvraft.testkit.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.testkit.Replay;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import io.dvraft.testkit.choice.ReplayFile;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay file of a BLS-Raft run records its nodes (scheme, keys, threshold), so that replaying it
 * runs BLS-Raft nodes again, exactly, and not plain Raft on the same choices.
 */
class BlsReplayTest {

  private static final Scenario SCENARIO = Scenario.swarmDefaults().withNodes(5).withSeed(77);

  @Test
  void replayFile_ofABlsRun_recordsItsNodes(@TempDir Path dir) throws Exception {
    RunResult run =
        Simulation.of(SCENARIO)
            .withNodes(BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3))
            .run();
    Path file = dir.resolve("bls.replay");

    Replay.of(run, "a BLS run").write(file);

    assertThat(ReplayFile.read(file).headers())
        .containsEntry("nodes.kind", "bls")
        .containsEntry("nodes.scheme", "toy")
        .containsEntry("nodes.keys", "2")
        .containsEntry("nodes.threshold", "3");
  }

  @Test
  void replay_ofABlsRun_runsBlsNodesAgain_exactly(@TempDir Path dir) throws Exception {
    RunResult run =
        Simulation.of(SCENARIO)
            .withNodes(BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3))
            .run();
    Path file = dir.resolve("bls.replay");
    Replay.of(run, "a BLS run").write(file);

    RunResult again = Replay.read(file).run();

    assertThat(again.traceHash()).isEqualTo(run.traceHash());
    assertThat(again.invariants()).containsKey("bls");
    RunResult asPlainRaft = Simulation.of(SCENARIO).replay(run.choices());
    assertThat(asPlainRaft.traceHash()).isNotEqualTo(run.traceHash());
  }

  @Test
  void byzantineMembers_travelInTheProperties() {
    BlsNodeFactory nodes =
        BlsNodeFactory.of(new InsecureToyThresholdScheme(), 1, 3).withByzantine(4, 5);

    Map<String, String> properties = nodes.properties();

    assertThat(properties).containsEntry("byzantine", "4,5");
    assertThat(BlsNodeFactory.fromProperties(properties).byzantine())
        .isEqualTo(nodes.byzantine());
  }

  @Test
  void replay_ofAPlainRun_recordsNoNodes() {
    RunResult run = Simulation.of(SCENARIO).run();

    Replay replay = Replay.of(run, "plain");

    assertThat(replay.nodes()).isEmpty();
    assertThat(replay.toFile().headers().keySet()).noneMatch(k -> k.startsWith("nodes."));
    assertThat(replay.run().traceHash()).isEqualTo(run.traceHash());
  }

  @Test
  void nodesThatCannotBeCreatedAgain_areRefusedWithAReason() {
    ThresholdScheme custom =
        (ThresholdScheme) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ThresholdScheme.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException();
            });
    Map<String, String> properties = BlsNodeFactory.of(custom, 1, 2).properties();

    assertThatThrownBy(() -> BlsNodeFactory.fromProperties(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be created from a replay file");
    assertThatThrownBy(() -> BlsNodeFactory.fromProperties(Map.of("kind", "bls", "scheme", "toy")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing BLS node property 'keys'");
  }
}
