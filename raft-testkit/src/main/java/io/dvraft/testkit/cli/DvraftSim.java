package io.dvraft.testkit.cli;

/** Placeholder. */
public final class DvraftSim {
  private DvraftSim() {}

  /**
   * Entry point.
   *
   * @param args arguments
   */
  public static void main(String[] args) {}
}
