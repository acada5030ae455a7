package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts faults during the fault phase. Each tick it draws one choice, whether a fault starts (at
 * the sum of the per-tick rates), and only if one does, which kind (in proportion to the rates) and
 * its details. A zero choice always means "no fault", so a shrunk choice sequence keeps only the
 * faults that matter, and a quiet tick costs a single choice.
 */
final class FaultInjector {

  private final ChoiceSource choices;
  private final FaultRates rates;

  FaultInjector(ChoiceSource choices, FaultRates rates) {
    this.choices = choices;
    this.rates = rates;
  }

  /**
   * Draws a run's own fault mix under swarm bounds: each fault on or off, its rate below the bound.
   */
  static FaultRates swarm(FaultRates bounds, ChoiceSource choices) {
    int maxLatency =
        bounds.minLatency() + choices.nextInt(bounds.maxLatency() - bounds.minLatency() + 1);
    double drop = rate(choices, bounds.drop());
    double duplicate = rate(choices, bounds.duplicate());
    boolean reorder = bounds.reorder() && choices.nextBoolean();
    double partition = rate(choices, bounds.partition());
    double clog = rate(choices, bounds.clog());
    double crash = rate(choices, bounds.crash());
    double pause = rate(choices, bounds.pause());
    double torn = bounds.tornWrite() * choices.nextInt(101) / 100.0;
    return new FaultRates(
        bounds.minLatency(),
        maxLatency,
        drop,
        duplicate,
        reorder,
        partition,
        clog,
        crash,
        pause,
        torn,
        bounds.minFaultTicks(),
        bounds.maxFaultTicks(),
        bounds.clogTicks());
  }

  private static double rate(ChoiceSource choices, double bound) {
    return choices.nextBoolean() ? bound * (1 + choices.nextInt(100)) / 100.0 : 0;
  }

  void tick(long now, Cluster cluster) {
    double[] weights = {rates.partition(), rates.clog(), rates.crash(), rates.pause()};
    double any = 0;
    for (double w : weights) {
      any += w;
    }
    if (any == 0 || !choices.chance(Math.min(1, any))) {
      return;
    }
    int kind = 0;
    double point = choices.nextDouble() * any;
    while (kind < weights.length - 1 && point >= weights[kind]) {
      point -= weights[kind];
      kind++;
    }
    switch (kind) {
      case 0 -> partition(now, cluster);
      case 1 -> clog(now, cluster);
      case 2 -> crash(now, cluster);
      default -> pause(now, cluster);
    }
  }

  private int duration() {
    return choices.nextInt(rates.minFaultTicks(), rates.maxFaultTicks() + 1);
  }

  private void partition(long now, Cluster cluster) {
    List<NodeId> ids = cluster.ids();
    if (ids.size() < 2) {
      return;
    }
    int kind = choices.nextInt(3);
    long until = now + duration();
    Set<Long> links;
    String description;
    if (kind == 0) {
      NodeId alone = choices.pick(ids);
      links = Links.between(List.of(alone), others(ids, alone), true);
      description = alone + " isolated";
    } else if (kind == 1) {
      List<NodeId> side = new ArrayList<>();
      for (NodeId id : ids) {
        if (choices.nextBoolean()) {
          side.add(id);
        }
      }
      if (side.isEmpty()) {
        side.add(ids.get(0));
      } else if (side.size() == ids.size()) {
        side.remove(side.size() - 1);
      }
      List<NodeId> rest = new ArrayList<>(ids);
      rest.removeAll(side);
      links = Links.between(side, rest, true);
      description = side + " | " + rest;
    } else {
      NodeId node = choices.pick(ids);
      boolean outgoing = choices.nextBoolean();
      links =
          outgoing
              ? Links.between(List.of(node), others(ids, node), false)
              : Links.between(others(ids, node), List.of(node), false);
      description = outgoing ? node + " cannot send" : node + " cannot receive";
    }
    cluster.partition(now, new Links.Cut(links, until, description));
  }

  private void clog(long now, Cluster cluster) {
    List<NodeId> ids = cluster.ids();
    if (ids.size() < 2) {
      return;
    }
    NodeId from = choices.pick(ids);
    NodeId to = choices.pick(others(ids, from));
    long until = now + duration();
    cluster.clog(
        now, new Links.Clog(Links.key(from, to), until, rates.clogTicks(), from + " -> " + to));
  }

  private void crash(long now, Cluster cluster) {
    List<SimHost> candidates = new ArrayList<>();
    for (SimHost h : cluster.available()) {
      if (!h.crashArmed()) {
        candidates.add(h);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    SimHost host = choices.pick(candidates);
    int downtime = duration();
    if (choices.chance(rates.tornWrite())) {
      int mode = choices.nextInt(3);
      int keep = mode == 0 ? 0 : mode == 1 ? choices.nextInt(1, 8) : Integer.MAX_VALUE;
      long armedUntil = now + 2L * cluster.settings().electionTicks();
      cluster.arm(now, host, new CrashPlan(keep, armedUntil, downtime));
    } else {
      cluster.crashNow(host, now, "between batches", downtime);
    }
  }

  private void pause(long now, Cluster cluster) {
    List<SimHost> available = cluster.available();
    if (available.isEmpty()) {
      return;
    }
    SimHost host = choices.pick(available);
    cluster.pause(now, host, now + duration());
  }

  private static List<NodeId> others(List<NodeId> ids, NodeId except) {
    List<NodeId> out = new ArrayList<>(ids);
    out.remove(except);
    return out;
  }
}
