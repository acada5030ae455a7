package io.dvraft.testkit.cli;

import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.sim.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run's timeline as one self-contained HTML page with an inline SVG: a lane per node
 * showing its role and term over time, when it was down (crashed) or paused, a lane of network
 * faults (partitions, clogs), the heal and any violation; then the summary and the event list.
 */
final class HtmlReport {

  private static final int LEFT = 70;
  private static final int WIDTH = 1200;
  private static final int LANE = 34;
  private static final int TOP = 30;

  private HtmlReport() {}

  static String render(RunResult run, String title) {
    Timeline timeline = run.timeline();
    long ticks = Math.max(1, timeline.ticks());
    int nodes = timeline.nodes();
    int height = TOP + (nodes + 1) * LANE + 40;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='")
        .append(LEFT + WIDTH + 70)
        .append("' height='")
        .append(height)
        .append("' font-family='sans-serif' font-size='11'>");
    for (int n = 1; n <= nodes; n++) {
      lane(svg, timeline, n, ticks);
    }
    faultLane(svg, timeline, nodes, ticks);
    axis(svg, ticks, height);
    markers(svg, timeline, ticks, height);
    svg.append("</svg>");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:20px;color:#222}")
        .append("table{border-collapse:collapse;margin:10px 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}")
        .append(".bad{color:#b00;font-weight:bold}.legend span{display:inline-block;")
        .append("padding:2px 8px;margin-right:6px;border-radius:3px;font-size:12px}")
        .append("</style></head><body>");
    html.append("<h1>").append(escape(title)).append("</h1>");
    html.append("<p>")
        .append(
            run.passed()
                ? "All invariants held."
                : "<span class='bad'>"
                    + escape(run.firstViolation().orElseThrow().toString())
                    + "</span>")
        .append("</p>");
    html.append("<div class='legend'>")
        .append("<span style='background:#2e7d32;color:#fff'>leader</span>")
        .append("<span style='background:#cfd8dc'>follower</span>")
        .append("<span style='background:#fff176'>pre-candidate</span>")
        .append("<span style='background:#ffb74d'>candidate</span>")
        .append("<span style='background:#d32f2f;color:#fff'>down (crashed)</span>")
        .append("<span style='background:#64b5f6'>paused</span>")
        .append("<span style='background:#8e24aa;color:#fff'>partition</span>")
        .append("<span style='background:#ff8a65'>clogged link</span>")
        .append("</div>");
    html.append(svg);
    html.append("<h2>Summary</h2><table>");
    for (String[] row : SummaryTable.rows(run)) {
      html.append("<tr><th>")
          .append(escape(row[0]))
          .append("</th><td>")
          .append(escape(row[1]))
          .append("</td></tr>");
    }
    html.append("</table><h2>Events</h2><table><tr><th>tick</th><th>node</th><th>event</th>")
        .append("<th>detail</th></tr>");
    for (Timeline.Event e : timeline.events()) {
      html.append("<tr><td>")
          .append(e.tick())
          .append("</td><td>")
          .append(e.node() < 0 ? "" : "n" + e.node())
          .append("</td><td>")
          .append(e.kind())
          .append("</td><td>")
          .append(escape(e.detail()))
          .append("</td></tr>");
    }
    html.append("</table></body></html>\n");
    return html.toString();
  }

  private static double x(long tick, long ticks) {
    return LEFT + (double) WIDTH * tick / ticks;
  }

  private static void lane(StringBuilder svg, Timeline timeline, int node, long ticks) {
    int y = TOP + (node - 1) * LANE;
    svg.append("<text x='8' y='").append(y + 20).append("'>n").append(node).append("</text>");
    String role = "FOLLOWER";
    String term = "0";
    long since = 0;
    boolean down = false;
    boolean paused = false;
    long pausedSince = 0;
    List<Timeline.Event> mine = new ArrayList<>();
    for (Timeline.Event e : timeline.events()) {
      if (e.node() == node) {
        mine.add(e);
      }
    }
    for (Timeline.Event e : mine) {
      switch (e.kind()) {
        case ROLE -> {
          bar(svg, since, e.tick(), y, down ? "DOWN" : role, term, ticks);
          String[] parts = e.detail().split(" ");
          role = parts[0];
          term = parts.length > 1 ? parts[1] : term;
          since = e.tick();
        }
        case CRASH -> {
          bar(svg, since, e.tick(), y, role, term, ticks);
          down = true;
          since = e.tick();
        }
        case RESTART -> {
          bar(svg, since, e.tick(), y, "DOWN", term, ticks);
          down = false;
          role = "FOLLOWER";
          since = e.tick();
        }
        case PAUSE -> {
          paused = true;
          pausedSince = e.tick();
        }
        case RESUME -> {
          if (paused) {
            pauseBar(svg, pausedSince, e.tick(), y, ticks);
          }
          paused = false;
        }
        default -> {}
      }
    }
    bar(svg, since, ticks, y, down ? "DOWN" : role, term, ticks);
    if (paused) {
      pauseBar(svg, pausedSince, ticks, y, ticks);
    }
  }

  private static void bar(
      StringBuilder svg, long from, long to, int y, String role, String term, long ticks) {
    if (to <= from) {
      return;
    }
    String color =
        switch (role) {
          case "LEADER" -> "#2e7d32";
          case "CANDIDATE" -> "#ffb74d";
          case "PRE_CANDIDATE" -> "#fff176";
          case "DOWN" -> "#d32f2f";
          default -> "#cfd8dc";
        };
    double x0 = x(from, ticks);
    double w = Math.max(0.5, x(to, ticks) - x0);
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'><title>%s term %s, ticks"
                + " %d-%d</title></rect>",
            x0,
            y + 4,
            w,
            LANE - 8,
            color,
            role.toLowerCase(Locale.ROOT),
            term,
            from,
            to));
    if (w > 28 && !role.equals("DOWN")) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%.1f' y='%d' fill='%s'>t%s</text>",
              x0 + 3,
              y + 21,
              role.equals("LEADER") ? "#fff" : "#333",
              term));
    }
  }

  private static void pauseBar(StringBuilder svg, long from, long to, int y, long ticks) {
    double x0 = x(from, ticks);
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x='%.1f' y='%d' width='%.1f' height='6' fill='#64b5f6'><title>paused, ticks"
                + " %d-%d</title></rect>",
            x0,
            y + LANE - 6,
            Math.max(0.5, x(to, ticks) - x0),
            from,
            to));
  }

  private static void faultLane(StringBuilder svg, Timeline timeline, int nodes, long ticks) {
    int y = TOP + nodes * LANE;
    svg.append("<text x='8' y='").append(y + 20).append("'>network</text>");
    int row = 0;
    for (Timeline.Event e : timeline.events()) {
      if (e.kind() != Timeline.Kind.PARTITION && e.kind() != Timeline.Kind.CLOG) {
        continue;
      }
      long until = untilOf(e.detail(), ticks);
      double x0 = x(e.tick(), ticks);
      String color = e.kind() == Timeline.Kind.PARTITION ? "#8e24aa" : "#ff8a65";
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x='%.1f' y='%d' width='%.1f' height='5' fill='%s'><title>%s %s</title></rect>",
              x0,
              y + 4 + (row % 4) * 6,
              Math.max(0.5, x(until, ticks) - x0),
              color,
              e.kind().toString().toLowerCase(Locale.ROOT),
              escape(e.detail())));
      row++;
    }
  }

  private static long untilOf(String detail, long ticks) {
    int at = detail.lastIndexOf("until ");
    if (at < 0) {
      return ticks;
    }
    try {
      return Math.min(ticks, Long.parseLong(detail.substring(at + 6).trim()));
    } catch (NumberFormatException e) {
      return ticks;
    }
  }

  private static void axis(StringBuilder svg, long ticks, int height) {
    long step = Math.max(1, ticks / 10);
    for (long t = 0; t <= ticks; t += step) {
      double x = x(t, ticks);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#eee'/>"
                  + "<text x='%.1f' y='%d' fill='#666'>%d</text>",
              x,
              TOP,
              x,
              height - 25,
              x - 8,
              height - 12,
              t));
    }
    svg.append("<text x='").append(LEFT).append("' y='16' fill='#666'>tick</text>");
  }

  private static void markers(StringBuilder svg, Timeline timeline, long ticks, int height) {
    for (Timeline.Event e : timeline.events()) {
      if (e.kind() == Timeline.Kind.HEAL || e.kind() == Timeline.Kind.VIOLATION) {
        String color = e.kind() == Timeline.Kind.HEAL ? "#1565c0" : "#b00";
        double x = x(e.tick(), ticks);
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='%s' stroke-width='2'>"
                    + "<title>%s</title></line><text x='%.1f' y='%d' fill='%s'>%s</text>",
                x,
                TOP - 4,
                x,
                height - 25,
                color,
                escape(e.detail()),
                x + 3,
                TOP - 6,
                color,
                e.kind() == Timeline.Kind.HEAL ? "heal" : "violation"));
      }
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace("\"", "&quot;");
  }
}
