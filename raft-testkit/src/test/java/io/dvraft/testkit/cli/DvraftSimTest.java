package io.dvraft.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.Replay;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import io.dvraft.testkit.WorkloadRates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dvraft-sim command line: runs, campaigns, replays, reports and exit codes. */
class DvraftSimTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream savedOut;

  @BeforeEach
  void captureOut() {
    savedOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOut() {
    System.setOut(savedOut);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSingleRunPrintsTheSummaryTableAndExitsZero() {
    int status = DvraftSim.run("--seed", "3", "--ticks", "300", "--heal-ticks", "300");

    assertThat(status).isZero();
    assertThat(output())
        .contains(
            "| commits (highest index)",
            "| elections (terms with a leader)",
            "| messages dropped / duplicated",
            "| invariant election-safety",
            "ok",
            "OK: all invariants held");
  }

  @Test
  void aCampaignSummarizesAllSeeds(@TempDir Path dir) {
    int status =
        DvraftSim.run(
            "--seeds",
            "4",
            "--ticks",
            "200",
            "--heal-ticks",
            "300",
            "--replay-dir",
            dir.toString(),
            "--no-progress");

    assertThat(status).isZero();
    assertThat(output()).contains("campaign of 4 seeds", "| seeds", "| failing seeds", "0");
  }

  @Test
  void theHtmlReportIsASelfContainedTimeline(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("run.html");

    int status = DvraftSim.run("--seed", "5", "--ticks", "400", "--report", report.toString());

    assertThat(status).isZero();
    String html = Files.readString(report);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg", "n1", "n3", "leader", "heal", "Summary", "Events")
        .doesNotContain("<script src", "<link");
  }

  @Test
  void aReplayFileIsReRunExactlyAndAViolationExitsOne(@TempDir Path dir) throws Exception {
    Scenario impossible =
        new Scenario(
            3,
            50,
            20,
            5,
            FaultRates.NONE,
            false,
            WorkloadRates.IDLE,
            io.dvraft.testkit.ClusterSettings.DEFAULT,
            1);
    RunResult run = Simulation.of(impossible).run();
    assertThat(run.firstViolation())
        .hasValueSatisfying(v -> assertThat(v.invariant()).isEqualTo("liveness"));
    Path file = dir.resolve("liveness.replay");
    Replay.of(run, "liveness bound too short to elect a leader").write(file);

    int status = DvraftSim.run("--replay", file.toString());

    assertThat(status).isEqualTo(1);
    assertThat(output())
        .contains(
            "replay is exact",
            "VIOLATION: liveness",
            "replay: java -jar raft-testkit/target/dvraft-sim.jar --replay "
                + file.toAbsolutePath());
  }

  @Test
  void thresholdTurnsOnBlsModeAndTheSummaryShowsWhatWasSigned() {
    int status =
        DvraftSim.run(
            "--seed", "3", "--nodes", "5", "--threshold", "3", "--keys", "2", "--scheme", "toy",
            "--ticks", "400", "--heal-ticks", "300");

    assertThat(status).isZero();
    assertThat(output())
        .contains(
            "mode: BLS-Raft, 2 validator keys 3-of-5, scheme toy (INSECURE, fast)",
            "| invariant bls",
            "group signatures verified",
            "duties signed",
            "OK: all invariants held");
  }

  @Test
  void noArgumentsRunTheBlsDemo() {
    assertThat(DvraftSim.DEMO)
        .containsExactly(
            "--nodes", "5", "--threshold", "3", "--scheme", "blst", "--report", "dvraft-sim-report.html");
  }

  @Test
  void badOptionsExitTwo() {
    assertThat(DvraftSim.run("--faults", "sometimes")).isEqualTo(2);
    assertThat(DvraftSim.run("--nodes", "0")).isEqualTo(2);
    assertThat(DvraftSim.run("--nodes", "5", "--threshold", "2")).isEqualTo(2);
    assertThat(DvraftSim.run("--threshold", "2", "--scheme", "rsa")).isEqualTo(2);
    assertThat(DvraftSim.run("--threshold", "2", "--byzantine", "9")).isEqualTo(2);
  }

  @Test
  void byzantineMembersAreCaughtAndTheSummarySaysHowOften() {
    int status =
        DvraftSim.run(
            "--seed", "3", "--nodes", "5", "--threshold", "3", "--scheme", "toy",
            "--byzantine", "5", "--ticks", "400", "--heal-ticks", "300");

    assertThat(status).isZero();
    assertThat(output())
        .contains("byzantine nodes [5]", "bad shares caught", "OK: all invariants held")
        .doesNotContain(" 0 bad shares caught");
  }
}
