package io.dvraft.testkit.linearizability;

import java.util.Objects;
import java.util.Optional;

/**
 * A single read/write register holding a {@code long}.
 *
 * <p>A read's output is the value it saw; a write's output is ignored (record it as {@code null}).
 */
public final class RegisterModel implements Model<Long, RegisterModel.Input, Long> {

  /** An operation on the register. */
  public sealed interface Input permits Read, Write {}

  /** Reads the register; its output is the value read. */
  public record Read() implements Input {
    @Override
    public String toString() {
      return "read()";
    }
  }

  /**
   * Writes the register.
   *
   * @param value the value written
   */
  public record Write(long value) implements Input {
    @Override
    public String toString() {
      return "write(" + value + ")";
    }
  }

  private static final Read READ = new Read();

  private final long initialValue;

  /** Creates a register that starts at 0. */
  public RegisterModel() {
    this(0);
  }

  /**
   * Creates a register with the given initial value.
   *
   * @param initialValue what a read sees before any write
   */
  public RegisterModel(long initialValue) {
    this.initialValue = initialValue;
  }

  /**
   * Returns a read input.
   *
   * @return the read
   */
  public static Read read() {
    return READ;
  }

  /**
   * Returns a write input.
   *
   * @param value the value to write
   * @return the write
   */
  public static Write write(long value) {
    return new Write(value);
  }

  @Override
  public Long initialState() {
    return initialValue;
  }

  @Override
  public Optional<Long> step(Long state, Input input, Long output) {
    if (input instanceof Write write) {
      return Optional.of(write.value());
    }
    return Objects.equals(state, output) ? Optional.of(state) : Optional.empty();
  }

  @Override
  public Optional<Long> stepUnobserved(Long state, Input input) {
    if (input instanceof Write write) {
      return Optional.of(write.value());
    }
    return Optional.of(state);
  }
}
