package io.dvraft.testkit.cli;

import io.dvraft.testkit.CampaignResult;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows of the summary table the CLI prints and the HTML report shows. */
final class SummaryTable {

  private SummaryTable() {}

  static List<String[]> rows(RunResult run) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"seed", Long.toString(run.scenario().seed())});
    rows.add(new String[] {"nodes", Integer.toString(run.scenario().nodes())});
    rows.add(new String[] {"faults", describe(run)});
    stats(rows, run.stats());
    for (Map.Entry<String, String> e : run.invariants().entrySet()) {
      rows.add(new String[] {"invariant " + e.getKey(), e.getValue()});
    }
    rows.add(new String[] {"trace hash", run.traceHash()});
    return rows;
  }

  static List<String[]> rows(CampaignResult campaign) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"seeds", campaign.seeds() + " (from " + campaign.scenario().seed() + ")"});
    rows.add(new String[] {"nodes", Integer.toString(campaign.scenario().nodes())});
    rows.add(
        new String[] {
          "failing seeds",
          campaign.failures().size()
              + (campaign.failures().isEmpty() ? "" : " " + campaign.failuresByInvariant())
        });
    rows.add(
        new String[] {"linearizability inconclusive", Integer.toString(campaign.inconclusive())});
    stats(rows, campaign.totals());
    rows.add(
        new String[] {"time", String.format("%.1f s", campaign.elapsed().toMillis() / 1000.0)});
    return rows;
  }

  private static String describe(RunResult run) {
    var f = run.faults();
    return (run.scenario().swarm() ? "swarm: " : "")
        + String.format(
            "latency %d-%d, drop %.3f, dup %.3f, reorder %s, partition %.4f, clog %.4f, crash %.4f,"
                + " pause %.4f, torn %.2f",
            f.minLatency(),
            f.maxLatency(),
            f.drop(),
            f.duplicate(),
            f.reorder(),
            f.partition(),
            f.clog(),
            f.crash(),
            f.pause(),
            f.tornWrite());
  }

  private static void stats(List<String[]> rows, RunStats s) {
    rows.add(new String[] {"ticks", Long.toString(s.ticks())});
    rows.add(new String[] {"commits (highest index)", Long.toString(s.highestCommit())});
    rows.add(
        new String[] {
          "writes accepted / completed", s.proposalsAccepted() + " / " + s.writesCompleted()
        });
    rows.add(new String[] {"reads completed", Long.toString(s.readsCompleted())});
    rows.add(new String[] {"elections (terms with a leader)", Long.toString(s.elections())});
    rows.add(new String[] {"distinct leaders", Long.toString(s.leaders())});
    rows.add(
        new String[] {
          "messages sent / delivered", s.messagesSent() + " / " + s.messagesDelivered()
        });
    rows.add(
        new String[] {
          "messages dropped / duplicated", s.messagesDropped() + " / " + s.messagesDuplicated()
        });
    rows.add(new String[] {"crashes (torn writes)", s.crashes() + " (" + s.tornWrites() + ")"});
    rows.add(
        new String[] {
          "partitions / clogs / pauses", s.partitions() + " / " + s.clogs() + " / " + s.pauses()
        });
    rows.add(
        new String[] {
          "membership changes / transfers", s.membershipChanges() + " / " + s.transfers()
        });
    rows.add(
        new String[] {
          "snapshots taken / installed", s.snapshotsTaken() + " / " + s.snapshotsInstalled()
        });
    rows.add(new String[] {"client history (operations)", Long.toString(s.historySize())});
  }

  static String format(List<String[]> rows) {
    int width = 0;
    for (String[] r : rows) {
      width = Math.max(width, r[0].length());
    }
    StringBuilder out = new StringBuilder();
    String rule = "+" + "-".repeat(width + 2) + "+" + "-".repeat(50) + "\n";
    out.append(rule);
    for (String[] r : rows) {
      out.append("| ")
          .append(r[0])
          .append(" ".repeat(width - r[0].length()))
          .append(" | ")
          .append(r[1])
          .append('\n');
    }
    out.append(rule);
    return out.toString();
  }
}
