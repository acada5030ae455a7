package io.dvraft.testkit.check;

import java.util.List;

/** The invariants every simulation checks unless told otherwise. */
public final class Invariants {

  private Invariants() {}

  /**
   * Returns the standard checkers: election safety, one vote per term, log matching, leader
   * completeness, state machine safety, committed durability, monotonic progress and
   * linearizability of the client history. (Liveness is checked by the simulator itself, in the
   * fault-free phase at the end of a run.)
   *
   * @return factories, in the order they are called
   */
  public static List<InvariantFactory> standard() {
    return List.of(
        ElectionSafety::new,
        OneVotePerTerm::new,
        LogMatching::new,
        LeaderCompleteness::new,
        StateMachineSafety::new,
        CommittedDurability::new,
        MonotonicProgress::new,
        ReadLinearizability::new);
  }
}
