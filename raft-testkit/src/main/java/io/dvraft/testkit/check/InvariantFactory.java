package io.dvraft.testkit.check;

/** Creates a fresh invariant for each run, bound to that run's sink. */
@FunctionalInterface
public interface InvariantFactory {

  /**
   * Creates the invariant.
   *
   * @param sink where it reports
   * @return a new invariant with no history
   */
  Invariant create(ViolationSink sink);
}
