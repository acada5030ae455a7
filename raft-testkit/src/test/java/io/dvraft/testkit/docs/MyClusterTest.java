package io.dvraft.testkit.docs;

// The first sample of docs/testing.md, verbatim below the package line.
import io.dvraft.testkit.Campaign;
import io.dvraft.testkit.Scenario;
import org.junit.jupiter.api.Test;

class MyClusterTest {
  @Test
  void survivesSwarmFaults() {
    Campaign.of(Scenario.swarmDefaults()).seeds(300).run().assertNoViolations();
  }
}
