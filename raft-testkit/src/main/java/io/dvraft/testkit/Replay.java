package io.dvraft.testkit;

import io.dvraft.testkit.bls.BlsNodeFactory;
import io.dvraft.testkit.choice.ReplayFile;
import io.dvraft.testkit.sim.NodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run saved to be run again: its scenario, its nodes and its choice sequence, plus what it is
 * expected to show (the invariant it violated, its trace hash). Stored as a {@link ReplayFile}
 * whose headers are the scenario's {@linkplain Scenario#toProperties() properties}, the node
 * factory's {@linkplain NodeFactory#properties() properties} prefixed with {@code nodes.} (none
 * for plain Raft; {@code nodes.kind=bls} and the scheme, keys and threshold for BLS-Raft), and
 * {@code invariant}, {@code trace} and {@code description}.
 *
 * @param scenario the scenario
 * @param choices the choice sequence to replay
 * @param invariant the invariant the run violated, if it did
 * @param traceHash the trace hash the run had, to check that a replay is exact
 * @param description a note for a person
 * @param nodes the node factory's properties, empty for plain Raft
 */
public record Replay(
    Scenario scenario,
    long[] choices,
    Optional<String> invariant,
    Optional<String> traceHash,
    String description,
    Map<String, String> nodes) {

  /** The prefix of the node factory's properties among a replay file's headers. */
  public static final String NODES_PREFIX = "nodes.";

  /** The replay command printed for a replay file; the path is appended. */
  public static final String COMMAND = "java -jar raft-testkit/target/dvraft-sim.jar --replay ";

  /**
   * Checks that nothing is null and copies the choices.
   *
   * @param scenario the scenario
   * @param choices the choice sequence to replay
   * @param invariant the invariant the run violated, if it did
   * @param traceHash the trace hash the run had, to check that a replay is exact
   * @param description a note for a person
   * @param nodes the node factory's properties, empty for plain Raft
   */
  public Replay {
    Objects.requireNonNull(scenario, "scenario");
    choices = choices.clone();
    Objects.requireNonNull(invariant, "invariant");
    Objects.requireNonNull(traceHash, "traceHash");
    Objects.requireNonNull(description, "description");
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  /**
   * Returns a replay of plain Raft nodes.
   *
   * @param scenario the scenario
   * @param choices the choice sequence to replay
   * @param invariant the invariant the run violated, if it did
   * @param traceHash the trace hash the run had
   * @param description a note for a person
   */
  public Replay(
      Scenario scenario,
      long[] choices,
      Optional<String> invariant,
      Optional<String> traceHash,
      String description) {
    this(scenario, choices, invariant, traceHash, description, Map.of());
  }

  /**
   * Returns the replay of a run.
   *
   * @param run the run
   * @param description a note for a person
   * @return the replay
   */
  public static Replay of(RunResult run, String description) {
    return new Replay(
        run.scenario(),
        run.choices(),
        run.firstViolation().map(v -> v.invariant()),
        Optional.of(run.traceHash()),
        description,
        run.nodes());
  }

  /**
   * Returns a copy of the choice sequence.
   *
   * @return the choices
   */
  @Override
  public long[] choices() {
    return choices.clone();
  }

  /**
   * Runs the replay.
   *
   * @param simulation the simulation to replay with (its nodes and invariants); its scenario is
   *     replaced by this replay's
   * @return the result
   */
  public RunResult run(Simulation simulation) {
    return simulation.withScenario(scenario).replay(choices);
  }

  /**
   * Runs the replay with the standard invariants and the nodes it recorded: plain Raft nodes, or
   * BLS-Raft nodes (whose invariants come with them).
   *
   * @return the result
   * @throws IllegalArgumentException if the recorded nodes cannot be created again (an unknown
   *     kind, or a threshold scheme the test kit does not know)
   */
  public RunResult run() {
    return run(simulation());
  }

  /**
   * Returns the simulation {@link #run()} runs: the scenario, the recorded nodes, the standard
   * invariants.
   *
   * @return the simulation
   * @throws IllegalArgumentException if the recorded nodes cannot be created again
   */
  public Simulation simulation() {
    Simulation plain = Simulation.of(scenario);
    if (nodes.isEmpty()) {
      return plain;
    }
    return plain.withNodes(BlsNodeFactory.fromProperties(nodes));
  }

  /**
   * Returns the replay file.
   *
   * @return the file's content
   */
  public ReplayFile toFile() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("description", description);
    invariant.ifPresent(i -> headers.put("invariant", i));
    traceHash.ifPresent(t -> headers.put("trace", t));
    headers.putAll(scenario.toProperties());
    nodes.forEach((k, v) -> headers.put(NODES_PREFIX + k, v));
    return new ReplayFile(headers, choices);
  }

  /**
   * Reads a replay from its file's content.
   *
   * @param file the file's content
   * @return the replay
   * @throws IllegalArgumentException if the headers do not describe a scenario
   */
  public static Replay from(ReplayFile file) {
    return new Replay(
        Scenario.fromProperties(file.headers()),
        file.choices(),
        file.header("invariant"),
        file.header("trace"),
        file.header("description").orElse(""),
        nodeProperties(file.headers()));
  }

  private static Map<String, String> nodeProperties(Map<String, String> headers) {
    Map<String, String> nodes = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (k.startsWith(NODES_PREFIX)) {
        nodes.put(k.substring(NODES_PREFIX.length()), v);
      }
    });
    return nodes;
  }

  /**
   * Writes the replay file.
   *
   * @param path where
   * @throws IOException if writing fails
   */
  public void write(Path path) throws IOException {
    toFile().write(path);
  }

  /**
   * Reads a replay file.
   *
   * @param path the file
   * @return the replay
   * @throws IOException if reading fails
   */
  public static Replay read(Path path) throws IOException {
    return from(ReplayFile.read(path));
  }

  /**
   * Returns the command line that replays a file with the {@code dvraft-sim} jar, from the
   * repository's root.
   *
   * @param path the replay file
   * @return the command
   */
  public static String command(Path path) {
    return COMMAND + path.toAbsolutePath();
  }
}
