package io.dvraft.testkit.bls;

import io.dvraft.bls.crypto.BlstThresholdScheme;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.testkit.sim.NodeFactory;
import io.dvraft.testkit.sim.SimNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Creates {@link BlsSimNode}s: a BLS-Raft cluster in the simulator. For each run ({@link
 * #forRun}) it deals {@code keys} validator keys, {@code threshold}-of-n over the run's initial
 * nodes (share index = node id), deterministically from the run's seed; gives every node its
 * {@link io.dvraft.bls.KeyRing}; keeps each node's signing journal on a simulated disk that loses
 * a batch's records exactly when the rest of the batch is lost; and checks the BLS invariants
 * ({@link BlsInvariants}) after every step.
 *
 * <p>Nodes propose the workload themselves: a leader proposes the {@code AddKey} entries once per
 * term, now and then removes a key and adds it back a little later, and, on some ticks, proposes a
 * duty with a random duty key, usually with the root every node agrees on for that duty and
 * sometimes with a conflicting one, to exercise the signing policy.
 *
 * @param scheme the threshold scheme (the real {@code BlstThresholdScheme} or {@link
 *     InsecureToyThresholdScheme})
 * @param keys how many validator keys to deal
 * @param threshold t, a majority of the cluster's initial nodes
 * @param byzantine the nodes whose shares are corrupted on their way out (see {@link
 *     #withByzantine}); empty for an honest cluster
 */
public record BlsNodeFactory(
    ThresholdScheme scheme, int keys, int threshold, SortedSet<NodeId> byzantine)
    implements NodeFactory {

  /**
   * Checks the settings.
   *
   * @param scheme the threshold scheme
   * @param keys how many validator keys to deal, at least 1
   * @param threshold t, at least 1
   * @param byzantine the nodes whose shares are corrupted; copied
   */
  public BlsNodeFactory {
    Objects.requireNonNull(scheme, "scheme");
    if (keys < 1 || threshold < 1) {
      throw new IllegalArgumentException("keys and threshold must be positive");
    }
    byzantine = Collections.unmodifiableSortedSet(new TreeSet<>(byzantine));
  }

  /**
   * Creates a factory of honest nodes.
   *
   * @param scheme the threshold scheme
   * @param keys how many validator keys to deal, at least 1
   * @param threshold t, at least 1
   */
  public BlsNodeFactory(ThresholdScheme scheme, int keys, int threshold) {
    this(scheme, keys, threshold, new TreeSet<>());
  }

  /**
   * Returns this factory with byzantine members: every share these nodes send is corrupted after
   * it leaves BLS-Raft (half the time a flipped byte, half the time a well-formed signature of
   * another root), as a compromised operator would send it. The leader must find them out and sign
   * with the honest shares; the liveness check counts these nodes out of the possible signers.
   *
   * @param ids the byzantine nodes' ids
   * @return the factory
   */
  public BlsNodeFactory withByzantine(long... ids) {
    SortedSet<NodeId> set = new TreeSet<>(byzantine);
    for (long id : ids) {
      set.add(NodeId.of(id));
    }
    return new BlsNodeFactory(scheme, keys, threshold, set);
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
   * @param properties {@code kind=bls}, {@code scheme} ({@code blst} or {@code toy}), {@code keys},
   *     {@code threshold} and optionally {@code byzantine}
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
    BlsNodeFactory factory =
        of(scheme, intProperty(properties, "keys"), intProperty(properties, "threshold"));
    String byzantine = properties.getOrDefault("byzantine", "").trim();
    if (!byzantine.isEmpty()) {
      for (String id : byzantine.split(",")) {
        try {
          factory = factory.withByzantine(Long.parseLong(id.trim()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("BLS node property 'byzantine' is not a list of ids: "
              + byzantine, e);
        }
      }
    }
    return factory;
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
   * a scheme the test kit cannot create again), {@code keys}, {@code threshold} and, if any, the
   * {@code byzantine} node ids (comma-separated).
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
    if (!byzantine.isEmpty()) {
      StringBuilder ids = new StringBuilder();
      for (NodeId id : byzantine) {
        ids.append(ids.length() == 0 ? "" : ",").append(id.value());
      }
      p.put("byzantine", ids.toString());
    }
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
    return new BlsRun(scheme, keys, threshold, byzantine, seed);
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
