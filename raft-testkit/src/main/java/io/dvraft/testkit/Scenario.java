package io.dvraft.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines a simulation run except its random choices: plain data, so that users or
 * any generator can build one, and so that it fits in a replay file's headers.
 *
 * <p>A run has two phases: {@code durationTicks} of faults and workload, then {@code healTicks} in
 * which every fault is healed (partitions and clogs lifted, crashed nodes restarted, paused ones
 * resumed, no more message loss) while clients keep going. Liveness is checked there: within {@code
 * livenessTicks} of the heal, a leader must be elected and a proposal must commit on every member.
 *
 * @param nodes how many nodes, 1 to 9; all start as voters
 * @param durationTicks the length of the fault phase
 * @param healTicks the length of the final fault-free phase, at least {@code livenessTicks}
 * @param livenessTicks how soon after the heal a proposal must have committed everywhere
 * @param faults the fault rates, or their upper bounds when {@code swarm}
 * @param swarm whether each run draws its own fault mix below {@code faults}
 * @param workload what clients and operator do
 * @param cluster the Raft settings and snapshot policy
 * @param seed the seed of the run (a campaign runs seeds {@code seed}, {@code seed + 1}, ...)
 */
public record Scenario(
    int nodes,
    int durationTicks,
    int healTicks,
    int livenessTicks,
    FaultRates faults,
    boolean swarm,
    WorkloadRates workload,
    ClusterSettings cluster,
    long seed) {

  /**
   * Checks the scenario.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @param nodes how many nodes, 1 to 9; all start as voters
   * @param durationTicks the length of the fault phase
   * @param healTicks the length of the final fault-free phase, at least {@code livenessTicks}
   * @param livenessTicks how soon after the heal a proposal must have committed everywhere
   * @param faults the fault rates, or their upper bounds when {@code swarm}
   * @param swarm whether each run draws its own fault mix below {@code faults}
   * @param workload what clients and operator do
   * @param cluster the Raft settings and snapshot policy
   * @param seed the seed of the run (a campaign runs seeds {@code seed}, {@code seed + 1}, ...)
   */
  public Scenario {
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(cluster, "cluster");
    if (nodes < 1 || nodes > 9) {
      throw new IllegalArgumentException("nodes must be within 1..9: " + nodes);
    }
    if (durationTicks < 0 || livenessTicks < 1 || healTicks < livenessTicks) {
      throw new IllegalArgumentException(
          "need durationTicks >= 0, livenessTicks >= 1 and healTicks >= livenessTicks");
    }
  }

  /**
   * Returns the default swarm scenario: three nodes, 1500 ticks of swarm faults under the {@link
   * FaultRates#SWARM_BOUNDS} with the {@link WorkloadRates#DEFAULT} workload, then 400 healed ticks
   * with a liveness bound of 250.
   *
   * @return the scenario, seed 1
   */
  public static Scenario swarmDefaults() {
    return new Scenario(
        3,
        1500,
        400,
        250,
        FaultRates.SWARM_BOUNDS,
        true,
        WorkloadRates.DEFAULT,
        ClusterSettings.DEFAULT,
        1);
  }

  /**
   * Returns a fault-free scenario: a perfect network, no crash, the default workload.
   *
   * @return the scenario, seed 1
   */
  public static Scenario faultFree() {
    return new Scenario(
        3,
        500,
        300,
        250,
        FaultRates.NONE,
        false,
        WorkloadRates.DEFAULT,
        ClusterSettings.DEFAULT,
        1);
  }

  /**
   * Returns this scenario with another seed.
   *
   * @param value the seed
   * @return the scenario
   */
  public Scenario withSeed(long value) {
    return new Scenario(
        nodes, durationTicks, healTicks, livenessTicks, faults, swarm, workload, cluster, value);
  }

  /**
   * Returns this scenario with another cluster size.
   *
   * @param value the number of nodes
   * @return the scenario
   */
  public Scenario withNodes(int value) {
    return new Scenario(
        value, durationTicks, healTicks, livenessTicks, faults, swarm, workload, cluster, seed);
  }

  /**
   * Returns this scenario with another fault phase length.
   *
   * @param value ticks
   * @return the scenario
   */
  public Scenario withDuration(int value) {
    return new Scenario(
        nodes, value, healTicks, livenessTicks, faults, swarm, workload, cluster, seed);
  }

  /**
   * Returns this scenario with fixed fault rates (no swarm).
   *
   * @param value the rates
   * @return the scenario
   */
  public Scenario withFaults(FaultRates value) {
    return new Scenario(
        nodes, durationTicks, healTicks, livenessTicks, value, false, workload, cluster, seed);
  }

  /**
   * Returns this scenario in swarm mode under the given bounds.
   *
   * @param bounds the upper bounds of each run's fault rates
   * @return the scenario
   */
  public Scenario withSwarm(FaultRates bounds) {
    return new Scenario(
        nodes, durationTicks, healTicks, livenessTicks, bounds, true, workload, cluster, seed);
  }

  /**
   * Returns this scenario with another workload.
   *
   * @param value the workload
   * @return the scenario
   */
  public Scenario withWorkload(WorkloadRates value) {
    return new Scenario(
        nodes, durationTicks, healTicks, livenessTicks, faults, swarm, value, cluster, seed);
  }

  /**
   * Returns this scenario with other Raft settings.
   *
   * @param value the settings
   * @return the scenario
   */
  public Scenario withCluster(ClusterSettings value) {
    return new Scenario(
        nodes, durationTicks, healTicks, livenessTicks, faults, swarm, workload, value, seed);
  }

  /**
   * Returns the scenario as flat {@code key=value} pairs (nested records as {@code faults.drop} and
   * so on), the form replay files store.
   *
   * @return the pairs, in component order
   */
  public Map<String, String> toProperties() {
    return RecordProperties.flatten(this);
  }

  /**
   * Rebuilds a scenario from {@link #toProperties()}; other keys are ignored.
   *
   * @param properties the pairs
   * @return the scenario
   * @throws IllegalArgumentException if a key is missing or a value does not parse
   */
  public static Scenario fromProperties(Map<String, String> properties) {
    return RecordProperties.build(Scenario.class, properties);
  }
}
