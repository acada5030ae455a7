package io.dvraft.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a hostile test class fed and what came of it (drop reasons with their numbers
 * blanked out, decoder rejections, messages withheld), and prints the tally after the class has
 * run, also to {@code target/hostile-report-<class>.txt}.
 */
final class HostileStats {

  private final String name;
  private final TreeMap<String, Long> counts = new TreeMap<>();

  HostileStats(String name) {
    this.name = name;
  }

  synchronized void count(String key) {
    counts.merge(key, 1L, Long::sum);
  }

  synchronized void add(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  synchronized long get(String key) {
    return counts.getOrDefault(key, 0L);
  }

  /** Counts a drop reason, with the numbers in it blanked so that reasons aggregate. */
  void dropped(RaftEvent.MessageDropped d) {
    count("dropped: " + d.messageType() + ": " + normalize(d.reason()));
  }

  static String normalize(String reason) {
    return reason.replaceAll("-?\\d+", "#");
  }

  synchronized String report() {
    StringBuilder sb = new StringBuilder("== " + name + " ==\n");
    long fed = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey().startsWith("fed: ")) {
        fed += e.getValue();
      }
    }
    sb.append(String.format("%,12d  hostile messages fed to step (total)%n", fed));
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      sb.append(String.format("%,12d  %s%n", e.getValue(), e.getKey()));
    }
    return sb.toString();
  }

  void print() {
    String report = report();
    System.out.println(report);
    try {
      Path dir = Path.of("target");
      if (Files.isDirectory(dir)) {
        Files.writeString(dir.resolve("hostile-report-" + name + ".txt"), report);
      }
    } catch (IOException e) {
      System.out.println("could not write the report: " + e);
    }
  }
}
