package io.dvraft.testkit;

/**
 * How hostile the simulated world is: network latency and message faults, and how often partitions,
 * clogged links, crashes and pauses start. Plain data: rates are probabilities per message (drop,
 * duplicate) or per tick (the others).
 *
 * <p>With {@link Scenario#swarm()} these rates are upper bounds: each run draws its own mix from
 * its seed, switching each fault on or off and picking its rate below the bound, so different seeds
 * stress different combinations.
 *
 * @param minLatency the shortest delivery delay in ticks, at least 1
 * @param maxLatency the longest normal delivery delay in ticks, at least {@code minLatency}
 * @param drop the chance that a message is lost
 * @param duplicate the chance that a message is delivered twice
 * @param reorder whether messages on one link may overtake each other (otherwise each link is FIFO,
 *     as over TCP)
 * @param partition the chance per tick that a network partition starts: one node cut off, a random
 *     split in two, or a one-way (asymmetric) cut
 * @param clog the chance per tick that one link gets clogged: its messages are delayed by {@code
 *     clogTicks} more
 * @param crash the chance per tick that a running node crashes (and restarts later)
 * @param pause the chance per tick that a running node pauses (stops ticking and receiving, as in a
 *     long GC pause) for a while
 * @param tornWrite the chance that a crash hits a batch being written: the batch is lost, torn (a
 *     prefix of it reaches the disk) or written but not sent; otherwise the crash falls between
 *     batches
 * @param minFaultTicks the shortest partition, clog, pause or downtime, in ticks
 * @param maxFaultTicks the longest partition, clog, pause or downtime, in ticks
 * @param clogTicks the extra delay of a clogged link
 */
public record FaultRates(
    int minLatency,
    int maxLatency,
    double drop,
    double duplicate,
    boolean reorder,
    double partition,
    double clog,
    double crash,
    double pause,
    double tornWrite,
    int minFaultTicks,
    int maxFaultTicks,
    int clogTicks) {

  /** A perfect network, nodes that never fail; latency 1 to 3 ticks. */
  public static final FaultRates NONE = new FaultRates(1, 3, 0, 0, false, 0, 0, 0, 0, 0, 5, 60, 40);

  /** The default bounds of a swarm run: every kind of fault, at rates that still make progress. */
  public static final FaultRates SWARM_BOUNDS =
      new FaultRates(1, 4, 0.15, 0.05, true, 0.012, 0.012, 0.006, 0.006, 1.0, 5, 80, 40);

  /**
   * Checks the rates.
   *
   * @throws IllegalArgumentException if a probability is outside [0, 1] or a range is empty
   * @param minLatency the shortest delivery delay in ticks, at least 1
   * @param maxLatency the longest normal delivery delay in ticks, at least {@code minLatency}
   * @param drop the chance that a message is lost
   * @param duplicate the chance that a message is delivered twice
   * @param reorder whether messages on one link may overtake each other (otherwise each link is
   *     FIFO, as over TCP)
   * @param partition the chance per tick that a network partition starts: one node cut off, a
   *     random split in two, or a one-way (asymmetric) cut
   * @param clog the chance per tick that one link gets clogged: its messages are delayed by {@code
   *     clogTicks} more
   * @param crash the chance per tick that a running node crashes (and restarts later)
   * @param pause the chance per tick that a running node pauses (stops ticking and receiving, as in
   *     a long GC pause) for a while
   * @param tornWrite the chance that a crash hits a batch being written: the batch is lost, torn (a
   *     prefix of it reaches the disk) or written but not sent; otherwise the crash falls between
   *     batches
   * @param minFaultTicks the shortest partition, clog, pause or downtime, in ticks
   * @param maxFaultTicks the longest partition, clog, pause or downtime, in ticks
   * @param clogTicks the extra delay of a clogged link
   */
  public FaultRates {
    require(minLatency >= 1, "minLatency must be at least 1");
    require(maxLatency >= minLatency, "maxLatency must be at least minLatency");
    for (double p : new double[] {drop, duplicate, partition, clog, crash, pause, tornWrite}) {
      require(p >= 0 && p <= 1, "probabilities must be in [0, 1]: " + p);
    }
    require(minFaultTicks >= 1, "minFaultTicks must be at least 1");
    require(maxFaultTicks >= minFaultTicks, "maxFaultTicks must be at least minFaultTicks");
    require(clogTicks >= 0, "clogTicks must not be negative");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Says whether any fault can happen with these rates.
   *
   * @return false for a perfect world
   */
  public boolean anyFault() {
    return drop > 0 || duplicate > 0 || partition > 0 || clog > 0 || crash > 0 || pause > 0;
  }

  /**
   * Returns the same rates with message drops at another rate.
   *
   * @param value the chance a message is lost
   * @return the new rates
   */
  public FaultRates withDrop(double value) {
    return new FaultRates(
        minLatency,
        maxLatency,
        value,
        duplicate,
        reorder,
        partition,
        clog,
        crash,
        pause,
        tornWrite,
        minFaultTicks,
        maxFaultTicks,
        clogTicks);
  }

  /**
   * Returns the same rates with crashes at another rate.
   *
   * @param value the chance per tick that a node crashes
   * @return the new rates
   */
  public FaultRates withCrash(double value) {
    return new FaultRates(
        minLatency,
        maxLatency,
        drop,
        duplicate,
        reorder,
        partition,
        clog,
        value,
        pause,
        tornWrite,
        minFaultTicks,
        maxFaultTicks,
        clogTicks);
  }

  /**
   * Returns the same rates with partitions starting at another rate.
   *
   * @param value the chance per tick that a partition starts
   * @return the new rates
   */
  public FaultRates withPartition(double value) {
    return new FaultRates(
        minLatency,
        maxLatency,
        drop,
        duplicate,
        reorder,
        value,
        clog,
        crash,
        pause,
        tornWrite,
        minFaultTicks,
        maxFaultTicks,
        clogTicks);
  }

  /**
   * Returns the same rates with pauses starting at another rate.
   *
   * @param value the chance per tick that a node pauses
   * @return the new rates
   */
  public FaultRates withPause(double value) {
    return new FaultRates(
        minLatency,
        maxLatency,
        drop,
        duplicate,
        reorder,
        partition,
        clog,
        crash,
        value,
        tornWrite,
        minFaultTicks,
        maxFaultTicks,
        clogTicks);
  }

  /**
   * Returns the rates with everything a final, fault-free phase switches off: message loss and
   * duplication, and the start of partitions, clogs, crashes and pauses. Latency is kept.
   *
   * @return the healed rates
   */
  public FaultRates healed() {
    return new FaultRates(
        minLatency,
        maxLatency,
        0,
        0,
        reorder,
        0,
        0,
        0,
        0,
        0,
        minFaultTicks,
        maxFaultTicks,
        clogTicks);
  }
}
