package io.dvraft.testkit.choice;

/** Thrown when a replay file is malformed; the message names the source and the line. */
public final class ReplayFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The 1-based line of the problem, or 0 if it concerns the whole text. */
  private final int line;

  /**
   * Creates the exception.
   *
   * @param source where the text came from, for the message (a path, or "replay text")
   * @param line the 1-based line of the problem, or 0 if it concerns the whole text
   * @param problem what is wrong
   */
  public ReplayFormatException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.line = line;
  }

  /**
   * Returns the 1-based line of the problem.
   *
   * @return the line, or 0 if the problem concerns the whole text
   */
  public int line() {
    return line;
  }
}
