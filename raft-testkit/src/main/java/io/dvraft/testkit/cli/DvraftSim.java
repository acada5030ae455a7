package io.dvraft.testkit.cli;

import io.dvraft.bls.crypto.BlstThresholdScheme;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.testkit.Campaign;
import io.dvraft.testkit.CampaignFailure;
import io.dvraft.testkit.CampaignResult;
import io.dvraft.testkit.ClusterSettings;
import io.dvraft.testkit.FailureShrinker;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.Replay;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import io.dvraft.testkit.WorkloadRates;
import io.dvraft.testkit.bls.BlsNodeFactory;
import io.dvraft.testkit.bls.InsecureToyThresholdScheme;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dvraft-sim}: runs a simulated dvraft cluster (or a campaign of seeds, or a replay file),
 * prints a summary table, optionally writes an HTML timeline report, and exits non-zero if any
 * invariant was violated, printing the replay command.
 */
@Command(
    name = "dvraft-sim",
    mixinStandardHelpOptions = true,
    version = "dvraft-sim 0.1.0",
    sortOptions = false,
    description = {
      "Deterministic simulation of a dvraft Raft cluster under faults.",
      "One seed gives one run, exactly reproducible; --seeds runs a campaign.",
      "--threshold turns on BLS mode; with no arguments, the demo: a 3-of-5 BLS-Raft cluster"
          + " (real blst scheme) under swarm faults.",
      "Exit status: 0 all invariants held, 1 a violation, 2 bad usage."
    })
public final class DvraftSim implements Callable<Integer> {

  @Option(
      names = {"-n", "--nodes"},
      description = "Cluster size (default ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(
      names = {"-t", "--ticks"},
      description = "Ticks of the fault phase (default ${DEFAULT-VALUE}).")
  int ticks = 1500;

  @Option(
      names = "--heal-ticks",
      description = "Ticks of the final fault-free phase (default ${DEFAULT-VALUE}).")
  int healTicks = 400;

  @Option(
      names = "--liveness-ticks",
      description =
          "After the heal, a proposal must commit everywhere within this (default"
              + " ${DEFAULT-VALUE}).")
  int livenessTicks = 250;

  @Option(
      names = {"-s", "--seed"},
      description = "Seed of the run, or first seed of a campaign (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = {"-c", "--seeds"},
      description = "Campaign size: how many seeds to run (default ${DEFAULT-VALUE}).")
  int seeds = 1;

  @Option(
      names = {"-f", "--faults"},
      description =
          "swarm (each seed draws its own fault mix under the rates), fixed (exactly the rates) or"
              + " none (default ${DEFAULT-VALUE}).")
  String faults = "swarm";

  @Option(names = "--drop", description = "Message loss probability (bound in swarm mode).")
  Double drop;

  @Option(names = "--duplicate", description = "Message duplication probability.")
  Double duplicate;

  @Option(names = "--partition", description = "Per-tick chance that a partition starts.")
  Double partition;

  @Option(names = "--clog", description = "Per-tick chance that a link clogs.")
  Double clog;

  @Option(names = "--crash", description = "Per-tick chance that a node crashes.")
  Double crash;

  @Option(names = "--pause", description = "Per-tick chance that a node pauses.")
  Double pause;

  @Option(names = "--torn", description = "Chance that a crash hits the batch being written.")
  Double torn;

  @Option(names = "--max-latency", description = "Longest normal message latency in ticks.")
  Integer maxLatency;

  @Option(
      names = "--max-fault-ticks",
      description = "Longest partition, clog, pause or downtime in ticks.")
  Integer maxFaultTicks;

  @Option(names = "--no-reorder", description = "Keep each link FIFO.")
  boolean noReorder;

  @Option(names = "--clients", description = "Client count (default ${DEFAULT-VALUE}).")
  int clients = WorkloadRates.DEFAULT.clients();

  @Option(
      names = "--op-rate",
      description =
          "Per-tick chance an idle client starts an operation (default ${DEFAULT-VALUE}).")
  double opRate = WorkloadRates.DEFAULT.operationRate();

  @Option(names = "--no-operator", description = "No membership changes or leadership transfers.")
  boolean noOperator;

  @Option(
      names = "--inflight",
      description = "Max AppendEntries in flight per follower (default ${DEFAULT-VALUE}).")
  int inflight = ClusterSettings.DEFAULT.maxInflightAppends();

  @Option(
      names = "--snapshot-interval",
      description = "Entries between host snapshots, 0 never (default ${DEFAULT-VALUE}).")
  int snapshotInterval = ClusterSettings.DEFAULT.snapshotInterval();

  @Option(
      names = "--threshold",
      description =
          "BLS mode: the nodes run BLS-Raft and sign duties with t-of-n validator keys (t a"
              + " majority of --nodes); the BLS invariants are checked after every step.")
  Integer threshold;

  @Option(
      names = "--keys",
      description = "BLS mode: validator keys dealt to the cluster (default ${DEFAULT-VALUE}).")
  int keys = 1;

  @Option(
      names = "--scheme",
      description =
          "BLS mode: blst (real BLS12-381) or toy (fast, INSECURE, for large campaigns) (default"
              + " ${DEFAULT-VALUE}).")
  String scheme = "blst";

  @Option(
      names = "--byzantine",
      split = ",",
      paramLabel = "ID",
      description =
          "BLS mode: nodes whose shares are corrupted on the way out (a compromised operator),"
              + " comma-separated ids; the leader must catch them and sign with honest shares.")
  List<Long> byzantine = new ArrayList<>();

  @Option(
      names = {"-r", "--replay"},
      paramLabel = "FILE",
      description = "Replay a replay file (ignores the scenario options).")
  Path replay;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Write an HTML timeline report (of the run, or of a campaign's first failing run).")
  Path report;

  @Option(
      names = "--replay-dir",
      paramLabel = "DIR",
      description = "Where failing runs' replay files go (default ${DEFAULT-VALUE}).")
  Path replayDir = Path.of("dvraft-replays");

  @Option(
      names = "--shrink-attempts",
      description =
          "Replays spent shrinking a failure, 0 to not shrink (default ${DEFAULT-VALUE}).")
  int shrinkAttempts = FailureShrinker.DEFAULT_ATTEMPTS;

  @Option(names = "--threads", description = "Threads for a campaign (default: one per processor).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--progress",
      negatable = true,
      description = "Show a progress bar on stderr (default: only on a terminal).")
  Boolean progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli fills in the options. */
  public DvraftSim() {}

  /**
   * Runs the command line.
   *
   * @param args the arguments; {@code --help} lists them
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting, for tests.
   *
   * @param args the arguments
   * @return the exit status
   */
  public static int run(String... args) {
    return new CommandLine(new DvraftSim()).execute(args.length == 0 ? DEMO : args);
  }

  /**
   * What no arguments run: the demo, a 3-of-5 BLS-Raft cluster with the real blst scheme under
   * swarm faults, writing its HTML timeline to {@code dvraft-sim-report.html}.
   */
  static final String[] DEMO = {
    "--nodes", "5", "--threshold", "3", "--scheme", "blst", "--report", "dvraft-sim-report.html"
  };

  /** The BLS node factory the options ask for, or empty for plain Raft. */
  Optional<BlsNodeFactory> blsNodes() {
    if (threshold == null) {
      return Optional.empty();
    }
    ThresholdScheme s =
        switch (scheme) {
          case "blst" -> new BlstThresholdScheme();
          case "toy" -> new InsecureToyThresholdScheme();
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--scheme must be blst or toy, not '" + scheme + "'");
        };
    if (threshold <= nodes / 2 || threshold > nodes || keys < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--threshold must be a majority of --nodes (at most --nodes), and --keys positive");
    }
    for (long id : byzantine) {
      if (id < 1 || id > nodes) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--byzantine ids must be node ids, 1 to --nodes: " + id);
      }
    }
    return Optional.of(
        BlsNodeFactory.of(s, keys, threshold)
            .withByzantine(byzantine.stream().mapToLong(Long::longValue).toArray()));
  }

  private String modeLine() {
    if (threshold == null) {
      return "mode: plain Raft";
    }
    return "mode: BLS-Raft, "
        + keys
        + (keys == 1 ? " validator key " : " validator keys ")
        + threshold
        + "-of-"
        + nodes
        + ", scheme "
        + (scheme.equals("blst") ? "blst (real BLS12-381)" : "toy (INSECURE, fast)")
        + (byzantine.isEmpty() ? "" : ", byzantine nodes " + byzantine);
  }

  private Simulation simulation(Scenario scenario) {
    Simulation sim = Simulation.of(scenario);
    return blsNodes().map(sim::withNodes).orElse(sim);
  }

  private Campaign campaignOf(Scenario scenario) {
    Campaign campaign = Campaign.of(scenario);
    return blsNodes().map(campaign::nodes).orElse(campaign);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (replay != null) {
      return replay(out);
    }
    Scenario scenario = scenario();
    blsNodes();
    if (seeds <= 1) {
      return single(out, scenario);
    }
    return campaign(out, scenario);
  }

  Scenario scenario() {
    FaultRates base = faults.equals("none") ? FaultRates.NONE : FaultRates.SWARM_BOUNDS;
    FaultRates rates =
        new FaultRates(
            base.minLatency(),
            maxLatency != null ? maxLatency : base.maxLatency(),
            or(drop, base.drop()),
            or(duplicate, base.duplicate()),
            base.reorder() && !noReorder,
            or(partition, base.partition()),
            or(clog, base.clog()),
            or(crash, base.crash()),
            or(pause, base.pause()),
            or(torn, base.tornWrite()),
            base.minFaultTicks(),
            maxFaultTicks != null ? maxFaultTicks : base.maxFaultTicks(),
            base.clogTicks());
    boolean swarm =
        switch (faults) {
          case "swarm" -> true;
          case "fixed", "none" -> false;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "--faults must be swarm, fixed or none, not '" + faults + "'");
        };
    WorkloadRates w = WorkloadRates.DEFAULT;
    WorkloadRates workload =
        new WorkloadRates(
            clients,
            w.keys(),
            opRate,
            w.readPercent(),
            w.appendPercent(),
            w.membershipChangeRate(),
            w.transferRate(),
            w.clientTimeoutTicks());
    if (noOperator) {
      workload = workload.withoutOperator();
    }
    ClusterSettings c = ClusterSettings.DEFAULT;
    ClusterSettings cluster =
        new ClusterSettings(
            c.electionTicks(),
            c.heartbeatTicks(),
            c.preVote(),
            c.checkQuorum(),
            c.maxEntriesPerAppend(),
            inflight,
            snapshotInterval,
            c.snapshotTrailingEntries(),
            c.snapshotChunkBytes());
    try {
      return new Scenario(
          nodes, ticks, healTicks, livenessTicks, rates, swarm, workload, cluster, seed);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static double or(Double value, double fallback) {
    return value != null ? value : fallback;
  }

  private int single(PrintWriter out, Scenario scenario) throws IOException {
    RunResult run = simulation(scenario).run();
    out.println(
        "dvraft-sim: seed "
            + scenario.seed()
            + ", "
            + scenario.nodes()
            + " nodes, "
            + (scenario.durationTicks() + scenario.healTicks())
            + " ticks");
    out.println(modeLine());
    out.print(SummaryTable.format(SummaryTable.rows(run)));
    writeReport(out, run, "dvraft-sim seed " + scenario.seed());
    if (run.passed()) {
      out.println("OK: all invariants held");
      out.flush();
      return 0;
    }
    out.println("VIOLATION: " + run.firstViolation().orElseThrow());
    out.flush();
    Campaign campaign =
        campaignOf(scenario)
            .seeds(1)
            .threads(1)
            .shrinkAttempts(shrinkAttempts)
            .replayDirectory(replayDir);
    CampaignResult result = campaign.run();
    for (CampaignFailure f : result.failures()) {
      out.println(f.describe());
    }
    out.flush();
    return 1;
  }

  private int campaign(PrintWriter out, Scenario scenario) throws IOException {
    boolean showProgress = progress != null ? progress : System.console() != null;
    ProgressBar bar = new ProgressBar(System.err, showProgress);
    out.println(
        "dvraft-sim: campaign of "
            + seeds
            + " seeds from "
            + scenario.seed()
            + ", "
            + scenario.nodes()
            + " nodes, "
            + (scenario.durationTicks() + scenario.healTicks())
            + " ticks each");
    out.println(modeLine());
    out.flush();
    CampaignResult result =
        campaignOf(scenario)
            .seeds(seeds)
            .threads(threads)
            .shrinkAttempts(shrinkAttempts)
            .replayDirectory(replayDir)
            .listener(bar::update)
            .run();
    bar.finish();
    out.print(SummaryTable.format(SummaryTable.rows(result)));
    if (report != null) {
      RunResult shown =
          result.failures().isEmpty()
              ? simulation(scenario).run()
              : result
                  .failures()
                  .get(0)
                  .shrunk()
                  .map(s -> s.shrunk())
                  .orElse(result.failures().get(0).run());
      writeReport(out, shown, "dvraft-sim seed " + shown.scenario().seed());
    }
    if (result.passed()) {
      out.println("OK: all invariants held on every seed");
      out.flush();
      return 0;
    }
    out.println("VIOLATIONS:");
    for (CampaignFailure f : result.failures()) {
      out.println("  " + f.describe());
    }
    out.flush();
    return 1;
  }

  private int replay(PrintWriter out) throws IOException {
    Replay r = Replay.read(replay);
    RunResult run = r.run();
    out.println(
        "dvraft-sim: replay of "
            + replay
            + (r.description().isEmpty() ? "" : " (" + r.description() + ")"));
    out.println("nodes: " + (r.nodes().isEmpty() ? "plain Raft" : r.nodes()));
    out.print(SummaryTable.format(SummaryTable.rows(run)));
    writeReport(out, run, "dvraft-sim replay " + replay.getFileName());
    r.traceHash()
        .ifPresent(
            expected ->
                out.println(
                    expected.equals(run.traceHash())
                        ? "replay is exact: trace hash matches the recorded run"
                        : "WARNING: trace hash differs from the recorded run (" + expected + ")"));
    if (run.passed()) {
      out.println("OK: all invariants held");
      out.flush();
      return 0;
    }
    out.println("VIOLATION: " + run.firstViolation().orElseThrow());
    out.println("replay: " + Replay.command(replay));
    out.flush();
    return 1;
  }

  private void writeReport(PrintWriter out, RunResult run, String title) throws IOException {
    if (report == null) {
      return;
    }
    Path parent = report.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(report, HtmlReport.render(run, title), StandardCharsets.UTF_8);
    out.println("report: " + report.toAbsolutePath());
  }
}
