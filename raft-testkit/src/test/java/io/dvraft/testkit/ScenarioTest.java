package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario is plain data that survives a trip through a replay file's headers. */
class ScenarioTest {

  @Test
  void aScenarioRoundTripsThroughItsProperties() {
    Scenario scenario =
        Scenario.swarmDefaults()
            .withNodes(5)
            .withSeed(-3)
            .withDuration(77)
            .withWorkload(WorkloadRates.DEFAULT.withoutOperator());

    Map<String, String> properties = scenario.toProperties();

    assertThat(properties)
        .containsEntry("nodes", "5")
        .containsEntry("faults.drop", "0.15")
        .containsEntry("cluster.electionTicks", "10");
    assertThat(Scenario.fromProperties(properties)).isEqualTo(scenario);
  }

  @Test
  void aMissingOrBadPropertyIsReportedByName() {
    Map<String, String> properties = new HashMap<>(Scenario.faultFree().toProperties());
    properties.remove("workload.keys");
    assertThatThrownBy(() -> Scenario.fromProperties(properties))
        .hasMessageContaining("workload.keys");

    properties.put("workload.keys", "many");
    assertThatThrownBy(() -> Scenario.fromProperties(properties)).hasMessageContaining("many");
  }

  @Test
  void impossibleScenariosAreRefused() {
    assertThatThrownBy(() -> Scenario.faultFree().withNodes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRates.NONE.withDrop(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
