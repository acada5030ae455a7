package io.dvraft.bls;

import io.dvraft.bls.crypto.ThresholdScheme;

/**
 * Decides whether an {@code AddKey} can be signed with, the same way on every node (the checks are
 * deterministic): the threshold is a majority of the members, and the public material is consistent
 * (valid points, public shares on one polynomial whose value at 0 is the group key).
 */
final class KeyValidator {

  private KeyValidator() {}

  /** Returns what is wrong with the key, or null if it is valid. */
  static String problem(BlsCommand.AddKey command, ThresholdScheme scheme) {
    String threshold =
        thresholdProblem(command.thresholdKey().threshold(), command.members().size());
    if (threshold != null) {
      return threshold;
    }
    try {
      scheme.importKey(
          command.thresholdKey().threshold(),
          command.thresholdKey().groupKey(),
          command.thresholdKey().publicShares());
      return null;
    } catch (IllegalArgumentException e) {
      return "invalid key material: " + e.getMessage();
    }
  }

  /**
   * With one root per duty per node, two sets of t signers share a node only if 2t &gt; n; a
   * smaller threshold would let two conflicting roots both reach t shares.
   */
  static String thresholdProblem(int threshold, int members) {
    if (2L * threshold <= members) {
      return "threshold " + threshold + " is not a majority of " + members + " members";
    }
    return null;
  }
}
