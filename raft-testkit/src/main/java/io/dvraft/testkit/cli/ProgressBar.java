package io.dvraft.testkit.cli;

import io.dvraft.testkit.RunResult;
import java.io.PrintStream;

/** A one-line progress bar on a terminal: seeds done, failures, time left. */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private int failures;
  private long lastDraw;

  ProgressBar(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  synchronized void update(int done, int total, RunResult run) {
    if (!run.passed()) {
      failures++;
    }
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < 100_000_000L && done < total)) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * done / total);
    double elapsed = (now - start) / 1e9;
    double left = done == 0 ? 0 : elapsed * (total - done) / done;
    out.printf(
        "\r[%s%s] %d/%d seeds, %d failing, %.0fs left   ",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, failures, left);
    out.flush();
  }

  void finish() {
    if (enabled) {
      out.println();
    }
  }
}
