package io.dvraft.testkit.bls;

import io.dvraft.bls.crypto.BlstThresholdScheme;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.testkit.sim.NodeFactory;
import io.dvraft.testkit.sim.SimNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creates {@link BlsSimNode}s: a BLS-Raft cluster in the simulator. For each run ({@link
 * #forRun}) it deals {@code keys} validator keys, {@code threshold}-of-n over the run's initial
 * nodes (share index = node id), deterministically from the run's seed; gives every node its
 * {@link io.dvraft.bls.KeyRing}; keeps each node's signing journal on a simulated disk that loses
 * a batch's records exactly when the rest of the batch is lost; and checks the BLS invariants
 * ({@link BlsInvariants}) after every step.
 *
 * <p>Nodes propose the workload themselves: a leader proposes the {@code AddKey} entries once per
 * term and, on some ticks, a duty with a random duty key, usually with the root every node agrees
 * on for that duty and sometimes with a conflicting one, to exercise the signing policy.
 *
 * @param scheme the threshold scheme (the real {@code BlstThresholdScheme} or {@link
 *     InsecureToyThresholdScheme})
 * @param keys how many validator keys to deal
 * @param threshold t, a majority of the cluster's initial nodes
 */
public record BlsNodeFactory(ThresholdScheme scheme, int keys, int threshold)
    implements NodeFactory {

  /**
   * Checks the settings.
   *
   * @param scheme the threshold scheme
   * @param keys how many validator keys to deal, at least 1
   * @param threshold t, at least 1
   */
  public BlsNodeFactory {
    Objects.requireNonNull(scheme, "scheme");
    if (keys < 1 || threshold < 1) {
      throw new IllegalArgumentException("keys and threshold must be positive");
    }
  }

  /**
   * Returns a factory of BLS nodes.
   *
   * @param scheme the threshold scheme
   * @param keys how many validator keys to deal
   * @param threshold t
   * @return the factory
   */
  public static BlsNodeFactory of(ThresholdScheme scheme, int keys, int threshold) {
    return new BlsNodeFactory(scheme, keys, threshold);
  }

  /** The value of the {@code kind} property that says the nodes are BLS-Raft nodes. */
  public static final String KIND = "bls";

  /**
   * Returns a factory from the properties {@link #properties()} wrote, so that a replay file of a
   * BLS-Raft run replays it with BLS-Raft nodes.
   *
   * @param properties {@code kind=bls}, {@code scheme} ({@code blst} or {@code toy}), {@code keys}
   *     and {@code threshold}
   * @return the factory
   * @throws IllegalArgumentException if a property is missing or invalid, or the scheme is not one
   *     the test kit can create
   */
  public static BlsNodeFactory fromProperties(Map<String, String> properties) {
    if (!KIND.equals(properties.get("kind"))) {
      throw new IllegalArgumentException(
          "node kind '" + properties.get("kind") + "' is not '" + KIND + "'");
    }
    String name = properties.getOrDefault("scheme", "");
    ThresholdScheme scheme = switch (name) {
      case "blst" -> new BlstThresholdScheme();
      case "toy" -> new InsecureToyThresholdScheme();
      default -> throw new IllegalArgumentException(
          "BLS scheme '" + name + "' cannot be created from a replay file (blst or toy)");
    };
    return of(scheme, intProperty(properties, "keys"), intProperty(properties, "threshold"));
  }

  private static int intProperty(Map<String, String> properties, String name) {
    String text = properties.get(name);
    if (text == null) {
      throw new IllegalArgumentException("missing BLS node property '" + name + "'");
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("BLS node property '" + name + "' is not a number: " + text);
    }
  }

  /**
   * Returns {@code kind=bls}, the scheme's name ({@code blst}, {@code toy}, or its class name for
   * a scheme the test kit cannot create again), {@code keys} and {@code threshold}.
   *
   * @return the properties, in that order
   */
  @Override
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kind", KIND);
    p.put("scheme", schemeName());
    p.put("keys", Integer.toString(keys));
    p.put("threshold", Integer.toString(threshold));
    return p;
  }

  private String schemeName() {
    if (scheme instanceof BlstThresholdScheme) {
      return "blst";
    }
    if (scheme instanceof InsecureToyThresholdScheme) {
      return "toy";
    }
    return scheme.getClass().getName();
  }

  @Override
  public NodeFactory forRun(long seed) {
    return new BlsRun(scheme, keys, threshold, seed);
  }

  /**
   * Not used: nodes are created by the factory of a run ({@link #forRun}).
   *
   * @param config its configuration
   * @return never
   */
  @Override
  public SimNode create(RaftConfig config) {
    throw new IllegalStateException("BLS nodes are created by the factory of a run (forRun)");
  }

  /**
   * Not used: nodes are restored by the factory of a run.
   *
   * @param config its configuration
   * @param persisted what the host's disk holds
   * @return never
   */
  @Override
  public SimNode restore(RaftConfig config, PersistedState persisted) {
    throw new IllegalStateException("BLS nodes are restored by the factory of a run (forRun)");
  }
}
