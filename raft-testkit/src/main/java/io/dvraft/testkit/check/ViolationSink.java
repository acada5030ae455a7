package io.dvraft.testkit.check;

/** Where invariants report what they find wrong. */
@FunctionalInterface
public interface ViolationSink {

  /**
   * Reports a broken invariant.
   *
   * @param violation what was found
   */
  void report(Violation violation);
}
