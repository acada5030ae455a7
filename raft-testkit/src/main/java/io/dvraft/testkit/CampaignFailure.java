package io.dvraft.testkit;

import io.dvraft.testkit.check.Violation;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One failing seed of a campaign.
 *
 * @param seed the seed
 * @param run the failing run
 * @param shrunk the shrunk run, if the failure was shrunk
 * @param replayFile where its replay file was written, if it was
 */
public record CampaignFailure(
    long seed, RunResult run, Optional<FailureShrinker.Shrunk> shrunk, Optional<Path> replayFile) {

  /**
   * Checks that nothing is null.
   *
   * @param seed the seed
   * @param run the failing run
   * @param shrunk the shrunk run, if the failure was shrunk
   * @param replayFile where its replay file was written, if it was
   */
  public CampaignFailure {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(shrunk, "shrunk");
    Objects.requireNonNull(replayFile, "replayFile");
  }

  /**
   * Returns the violation the run stopped on.
   *
   * @return the first violation
   */
  public Violation violation() {
    return run.firstViolation().orElseThrow();
  }

  /**
   * Describes the failure for a test report: seed, violation, shrinking, replay file and command.
   *
   * @return the description, several lines
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("seed ").append(seed).append(": ").append(violation());
    shrunk.ifPresent(
        s ->
            text.append("\n    shrunk from ")
                .append(s.stats().originalLength())
                .append(" to ")
                .append(s.stats().finalLength())
                .append(" choices (")
                .append(s.stats().nonZeroChoices())
                .append(" not zero)")
                .append(
                    s.shrunk().scenario().durationTicks() < run.scenario().durationTicks()
                        ? " and the fault phase from "
                            + run.scenario().durationTicks()
                            + " to "
                            + s.shrunk().scenario().durationTicks()
                            + " ticks"
                        : "")
                .append(" (")
                .append(s.stats().attempts())
                .append(" replays); shrunk run: ")
                .append(s.shrunk().firstViolation().map(Violation::toString).orElse("?")));
    replayFile.ifPresent(
        p ->
            text.append("\n    replay file: ")
                .append(p.toAbsolutePath())
                .append("\n    replay: ")
                .append(Replay.command(p)));
    if (replayFile.isEmpty()) {
      text.append("\n    rerun: java -jar raft-testkit/target/dvraft-sim.jar --seed ").append(seed);
    }
    return text.toString();
  }
}
