package io.dvraft.testkit.check;

import java.util.Objects;

/**
 * A base for invariants: holds the name and the sink, counts violations, and summarizes as {@code
 * ok} or {@code VIOLATED}.
 */
public abstract class AbstractInvariant implements Invariant {

  private final String name;
  private final ViolationSink sink;
  private int violations;

  /**
   * Creates the invariant.
   *
   * @param name its name
   * @param sink where to report
   */
  protected AbstractInvariant(String name, ViolationSink sink) {
    this.name = Objects.requireNonNull(name, "name");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Reports a violation of this invariant.
   *
   * @param tick when
   * @param message what was seen
   */
  protected final void violated(long tick, String message) {
    violations++;
    sink.report(new Violation(name, tick, message));
  }

  @Override
  public String summary() {
    return violations == 0 ? "ok" : "VIOLATED (" + violations + ")";
  }
}
