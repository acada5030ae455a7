package io.dvraft.testkit;

import io.dvraft.testkit.check.InvariantFactory;
import io.dvraft.testkit.check.Invariants;
import io.dvraft.testkit.choice.ChoiceSource;
import io.dvraft.testkit.sim.Cluster;
import io.dvraft.testkit.sim.NodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one scenario: N nodes on one thread, every random decision drawn from a {@link ChoiceSource}
 * seeded with the scenario's seed, every standard invariant checked after every step. The same
 * scenario gives the same run, down to the {@linkplain RunResult#traceHash() trace hash}; a
 * {@linkplain #replay(long[]) replay} of a run's recorded choices gives it again.
 *
 * <pre>{@code
 * RunResult result = Simulation.of(Scenario.swarmDefaults().withSeed(42)).run();
 * }</pre>
 *
 * <p>Immutable: the {@code with} methods return new simulations.
 */
public final class Simulation {

  private final Scenario scenario;
  private final NodeFactory nodes;
  private final List<InvariantFactory> invariants;

  private Simulation(Scenario scenario, NodeFactory nodes, List<InvariantFactory> invariants) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.invariants = List.copyOf(invariants);
  }

  /**
   * Returns a simulation of plain Raft nodes with the standard invariants.
   *
   * @param scenario what to run
   * @return the simulation
   */
  public static Simulation of(Scenario scenario) {
    return new Simulation(scenario, NodeFactory.RAFT, Invariants.standard());
  }

  /**
   * Returns this simulation driving nodes from another factory (a decorator such as BLS-Raft, or a
   * test's fault-injecting wrapper).
   *
   * @param factory creates the nodes
   * @return the simulation
   */
  public Simulation withNodes(NodeFactory factory) {
    return new Simulation(scenario, factory, invariants);
  }

  /**
   * Returns this simulation with one more invariant.
   *
   * @param invariant creates the invariant for each run
   * @return the simulation
   */
  public Simulation withInvariant(InvariantFactory invariant) {
    List<InvariantFactory> list = new ArrayList<>(invariants);
    list.add(invariant);
    return new Simulation(scenario, nodes, list);
  }

  /**
   * Returns this simulation with exactly these invariants (liveness is always checked).
   *
   * @param factories the invariants
   * @return the simulation
   */
  public Simulation withInvariants(List<InvariantFactory> factories) {
    return new Simulation(scenario, nodes, factories);
  }

  /**
   * Returns this simulation with another scenario.
   *
   * @param value the scenario
   * @return the simulation
   */
  public Simulation withScenario(Scenario value) {
    return new Simulation(value, nodes, invariants);
  }

  /**
   * Returns the scenario.
   *
   * @return the scenario
   */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * Runs the scenario from its seed.
   *
   * @return the result
   */
  public RunResult run() {
    return run(ChoiceSource.fromSeed(scenario.seed()));
  }

  /**
   * Runs the scenario replaying a choice sequence (a recorded or shrunk one).
   *
   * @param choices the sequence; missing choices are 0, the simplest
   * @return the result
   */
  public RunResult replay(long[] choices) {
    return run(ChoiceSource.replay(choices));
  }

  private RunResult run(ChoiceSource choices) {
    return new Cluster(scenario, choices, nodes, invariants).run();
  }
}
