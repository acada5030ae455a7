package io.dvraft.testkit;

/**
 * What the simulated clients and operator do. Clients run a key-value workload (put and append of
 * unique values, linearizable reads through ReadIndex), each with at most one operation
 * outstanding; the operator changes the membership and transfers leadership now and then.
 *
 * @param clients how many clients, at least 1
 * @param keys how many distinct keys they touch, at least 1 (fewer keys, more contention)
 * @param operationRate the chance per tick that an idle client starts an operation
 * @param readPercent the share of operations that are reads, 0 to 100
 * @param appendPercent the share that are appends, 0 to 100; the rest are puts
 * @param membershipChangeRate the chance per tick (fault phase only) that the leader is asked for a
 *     membership change: a random majority of the nodes as voters, the rest mostly learners
 * @param transferRate the chance per tick (fault phase only) that the leader is asked to hand
 *     leadership to another voter
 * @param clientTimeoutTicks how long a client waits for an answer before giving up (the operation
 *     then counts as pending: it may or may not have happened)
 */
public record WorkloadRates(
    int clients,
    int keys,
    double operationRate,
    int readPercent,
    int appendPercent,
    double membershipChangeRate,
    double transferRate,
    int clientTimeoutTicks) {

  /** Four clients on three keys, busy, with occasional reconfiguration and transfers. */
  public static final WorkloadRates DEFAULT =
      new WorkloadRates(4, 3, 0.25, 40, 30, 0.003, 0.003, 60);

  /** No client and no operator at all. */
  public static final WorkloadRates IDLE = new WorkloadRates(1, 1, 0, 0, 0, 0, 0, 60);

  /**
   * Checks the rates.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @param clients how many clients, at least 1
   * @param keys how many distinct keys they touch, at least 1 (fewer keys, more contention)
   * @param operationRate the chance per tick that an idle client starts an operation
   * @param readPercent the share of operations that are reads, 0 to 100
   * @param appendPercent the share that are appends, 0 to 100; the rest are puts
   * @param membershipChangeRate the chance per tick (fault phase only) that the leader is asked for
   *     a membership change: a random majority of the nodes as voters, the rest mostly learners
   * @param transferRate the chance per tick (fault phase only) that the leader is asked to hand
   *     leadership to another voter
   * @param clientTimeoutTicks how long a client waits for an answer before giving up (the operation
   *     then counts as pending: it may or may not have happened)
   */
  public WorkloadRates {
    if (clients < 1 || keys < 1 || clientTimeoutTicks < 1) {
      throw new IllegalArgumentException("clients, keys and clientTimeoutTicks must be at least 1");
    }
    if (readPercent < 0 || appendPercent < 0 || readPercent + appendPercent > 100) {
      throw new IllegalArgumentException("readPercent + appendPercent must be within 0..100");
    }
    for (double p : new double[] {operationRate, membershipChangeRate, transferRate}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("rates must be in [0, 1]: " + p);
      }
    }
  }

  /**
   * Returns the same workload without membership changes or leadership transfers.
   *
   * @return the new rates
   */
  public WorkloadRates withoutOperator() {
    return new WorkloadRates(
        clients, keys, operationRate, readPercent, appendPercent, 0, 0, clientTimeoutTicks);
  }
}
