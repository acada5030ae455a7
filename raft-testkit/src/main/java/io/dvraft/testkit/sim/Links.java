package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The state of the network's links: which directed links are cut by partitions, which clogged. */
final class Links {

  /** A partition: a set of cut directed links, lifted at {@code until}. */
  record Cut(Set<Long> links, long until, String description) {}

  /** A clogged directed link: extra delay until {@code until}. */
  record Clog(long link, long until, int extraTicks, String description) {}

  private final List<Cut> cuts = new ArrayList<>();
  private final List<Clog> clogs = new ArrayList<>();

  static long key(NodeId from, NodeId to) {
    return (from.value() << 32) | to.value();
  }

  static Set<Long> between(List<NodeId> side, List<NodeId> other, boolean bothWays) {
    Set<Long> links = new HashSet<>();
    for (NodeId a : side) {
      for (NodeId b : other) {
        links.add(key(a, b));
        if (bothWays) {
          links.add(key(b, a));
        }
      }
    }
    return links;
  }

  void cut(Cut cut) {
    cuts.add(cut);
  }

  void clog(Clog clog) {
    clogs.add(clog);
  }

  boolean blocked(NodeId from, NodeId to) {
    long k = key(from, to);
    for (Cut c : cuts) {
      if (c.links().contains(k)) {
        return true;
      }
    }
    return false;
  }

  int extraDelay(NodeId from, NodeId to) {
    long k = key(from, to);
    int extra = 0;
    for (Clog c : clogs) {
      if (c.link() == k) {
        extra = Math.max(extra, c.extraTicks());
      }
    }
    return extra;
  }

  /** Lifts what has expired; returns the descriptions of what was lifted. */
  List<String> expire(long now) {
    List<String> lifted = new ArrayList<>();
    cuts.removeIf(
        c -> {
          boolean over = c.until() <= now;
          if (over) {
            lifted.add("partition healed: " + c.description());
          }
          return over;
        });
    clogs.removeIf(
        c -> {
          boolean over = c.until() <= now;
          if (over) {
            lifted.add("link unclogged: " + c.description());
          }
          return over;
        });
    return lifted;
  }

  void healAll() {
    cuts.clear();
    clogs.clear();
  }

  int activeCuts() {
    return cuts.size();
  }
}
