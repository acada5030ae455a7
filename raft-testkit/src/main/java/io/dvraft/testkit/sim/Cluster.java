package io.dvraft.testkit.sim;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.ClusterSettings;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.check.ClusterView;
import io.dvraft.testkit.check.Invariant;
import io.dvraft.testkit.check.InvariantFactory;
import io.dvraft.testkit.check.NodeView;
import io.dvraft.testkit.check.Violation;
import io.dvraft.testkit.choice.ChoiceSource;
import io.dvraft.testkit.linearizability.KeyValueModel;
import io.dvraft.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One simulation run: N hosts, one network, one thread, every random decision drawn from one {@link
 * ChoiceSource}. Time is logical; each tick:
 *
 * <ol>
 *   <li>expired partitions and clogs are lifted, nodes due back restart or resume;
 *   <li>in the fault phase, faults may start; at its end everything heals;
 *   <li>clients and the operator act;
 *   <li>every running, unpaused node ticks (in id order) and its host handles the output;
 *   <li>every message due is delivered, in delivery order, and the receiver's host handles the
 *       output (replies sent now arrive in a later tick);
 *   <li>in the healed phase, the liveness probe advances; invariants check the tick.
 * </ol>
 *
 * <p>The run stops at the first violation. Use it once: {@link #run()} returns the result.
 */
public final class Cluster implements ClusterView {

  private static final boolean DEBUG = Boolean.getBoolean("dvraft.sim.debug");
  private static final long DEBUG_FROM = Long.getLong("dvraft.sim.debugFrom", 0);
  private final Scenario scenario;
  private final ChoiceSource choices;
  private final NodeFactory factory;
  private final FaultRates faults;
  private final FaultRates healedFaults;
  private final long timingSalt;
  private final List<SimHost> hosts = new ArrayList<>();
  private final List<NodeId> ids = new ArrayList<>();
  private final Links links = new Links();
  private final Counters counters = new Counters();
  private final Trace trace = new Trace();
  private final Timeline timeline;
  private final Network network;
  private final Workload workload;
  private final FaultInjector injector;
  private final InvariantSet invariants;
  private final List<Violation> violations = new ArrayList<>();
  private final Set<Long> electedTerms = new HashSet<>();
  private LivenessProbe probe;
  private boolean healed;
  private long tick;
  private long healTick = -1;
  private boolean ran;
  private final Map<String, String> nodeProperties;

  /**
   * Sets up a run.
   *
   * @param scenario what to run
   * @param choices where every random decision comes from (a seeded or a replaying source)
   * @param factory creates the nodes
   * @param invariantFactories the invariants to check
   */
  public Cluster(
      Scenario scenario,
      ChoiceSource choices,
      NodeFactory factory,
      List<InvariantFactory> invariantFactories) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.choices = Objects.requireNonNull(choices, "choices");
    this.factory = Objects.requireNonNull(factory, "factory").forRun(scenario.seed());
    this.nodeProperties = factory.properties();
    this.timeline = new Timeline(scenario.nodes());
    this.faults =
        scenario.swarm() ? FaultInjector.swarm(scenario.faults(), choices) : scenario.faults();
    this.healedFaults = faults.healed();
    this.timingSalt = choices.nextInt(1 << 20);
    List<Invariant> list = new ArrayList<>();
    List<InvariantFactory> all = new ArrayList<>(invariantFactories);
    all.addAll(this.factory.invariants());
    for (InvariantFactory f : all) {
      list.add(f.create(v -> violation(v.invariant(), v.tick(), v.message())));
    }
    this.invariants = new InvariantSet(list);
    this.network = new Network(choices, links, counters);
    this.workload = new Workload(scenario.workload(), choices, counters, trace, timeline);
    this.injector = new FaultInjector(choices, faults);
    for (int i = 1; i <= scenario.nodes(); i++) {
      ids.add(NodeId.of(i));
    }
    Membership membership = Membership.of(ids, List.of());
    for (NodeId id : ids) {
      hosts.add(new SimHost(id, this, scenario.cluster().configFor(id, membership, 0)));
    }
  }

  /**
   * Runs the scenario to its end or its first violation.
   *
   * @return the result
   * @throws IllegalStateException if the run was already run
   */
  public RunResult run() {
    if (ran) {
      throw new IllegalStateException("a Cluster runs once");
    }
    ran = true;
    long end = (long) scenario.durationTicks() + scenario.healTicks();
    try {
      for (tick = 1; tick <= end && violations.isEmpty(); tick++) {
        step();
      }
      tick = Math.min(tick, end);
      workload.finish();
      if (violations.isEmpty()) {
        invariants.onRunEnd(this);
      }
    } catch (RuntimeException e) {
      violation(
          "exception",
          tick,
          e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
    }
    timeline.end(tick);
    Map<String, String> summaries = new LinkedHashMap<>(invariants.summaries());
    summaries.put(LivenessProbe.NAME, livenessSummary());
    long highestCommit = 0;
    for (SimHost h : hosts) {
      highestCommit = Math.max(highestCommit, h.appliedIndex());
    }
    return new RunResult(
        scenario,
        faults,
        violations,
        counters.toStats(tick, highestCommit, workload.history().size()),
        trace.finish(),
        choices.recorded(),
        summaries,
        timeline,
        nodeProperties);
  }

  private String livenessSummary() {
    for (Violation v : violations) {
      if (v.invariant().equals(LivenessProbe.NAME)) {
        return "VIOLATED";
      }
    }
    if (probe == null || probe.doneAt() < 0) {
      return "not reached";
    }
    return "ok (probe committed " + (probe.doneAt() - healTick) + " ticks after the heal)";
  }

  private void step() {
    boolean faultPhase = tick <= scenario.durationTicks();
    if (!faultPhase && !healed) {
      heal();
    }
    for (String lifted : links.expire(tick)) {
      timeline.add(tick, -1, Timeline.Kind.LIFTED, lifted);
      trace.event(tick, lifted);
    }
    for (SimHost h : hosts) {
      if (!h.isUp() && h.restartAt() >= 0 && h.restartAt() <= tick) {
        restart(h);
      } else if (h.isPaused() && h.resumeAt() <= tick) {
        h.resume();
        timeline.add(tick, h.id().value(), Timeline.Kind.RESUME, "");
        trace.event(tick, h.id() + " resumed");
      } else if (h.crashArmed() && h.crashPlan().armedUntil() <= tick) {
        crashNow(h, tick, "between batches", h.crashPlan().downtime());
      }
    }
    if (faultPhase) {
      injector.tick(tick, this);
    }
    workload.tick(tick, this, faultPhase);
    for (SimHost h : hosts) {
      if (h.isAvailable()) {
        h.tick(tick);
      }
    }
    deliverDue();
    if (probe != null) {
      probe.tick(tick, this);
    }
    invariants.onTickEnd(this);
  }

  private void deliverDue() {
    Network.InFlight m;
    while ((m = network.nextDue(tick)) != null) {
      SimHost to = host(m.to());
      if (!to.isUp()) {
        counters.messagesDropped++;
      } else if (to.isPaused()) {
        network.postpone(m, to.resumeAt());
      } else if (links.blocked(m.from(), m.to())) {
        counters.messagesDropped++;
      } else {
        counters.messagesDelivered++;
        trace.delivery(tick, m.from(), m.to(), m.message());
        if (DEBUG && tick > DEBUG_FROM) {
          System.out.println(tick + " " + m.from() + "->" + m.to() + " " + m.message());
        }
        to.deliver(tick, m.from(), m.message());
      }
    }
  }

  private void heal() {
    healed = true;
    healTick = tick;
    links.healAll();
    timeline.add(tick, -1, Timeline.Kind.HEAL, "all faults healed");
    trace.event(tick, "heal");
    for (SimHost h : hosts) {
      h.disarm();
      if (h.isPaused()) {
        h.resume();
        timeline.add(tick, h.id().value(), Timeline.Kind.RESUME, "");
      }
      if (!h.isUp()) {
        restart(h);
      }
    }
    probe = new LivenessProbe(tick, scenario.livenessTicks());
  }

  private void restart(SimHost h) {
    timeline.add(tick, h.id().value(), Timeline.Kind.RESTART, "");
    trace.event(tick, h.id() + " restarted");
    h.restart(tick);
  }

  // ---------------------------------------------------------------------------------------------
  // Called by the hosts, the workload and the fault injector

  FaultRates currentFaults() {
    return healed ? healedFaults : faults;
  }

  void send(long now, NodeId from, NodeId to, Message message) {
    network.send(now, from, to, message, currentFaults());
  }

  void partition(long now, Links.Cut cut) {
    links.cut(cut);
    counters.partitions++;
    timeline.add(now, -1, Timeline.Kind.PARTITION, cut.description() + " until " + cut.until());
    trace.event(now, "partition " + cut.description() + " until " + cut.until());
  }

  void clog(long now, Links.Clog clog) {
    links.clog(clog);
    counters.clogs++;
    timeline.add(now, -1, Timeline.Kind.CLOG, clog.description() + " until " + clog.until());
    trace.event(now, "clog " + clog.description() + " until " + clog.until());
  }

  void arm(long now, SimHost host, CrashPlan plan) {
    host.armCrash(plan);
    trace.event(now, host.id() + " armed to crash keeping " + plan.keepRecords());
  }

  void crashNow(SimHost host, long now, String how, int downtime) {
    counters.crashes++;
    timeline.add(now, host.id().value(), Timeline.Kind.CRASH, how);
    trace.event(now, host.id() + " crashed " + how);
    host.crash(now, now + downtime);
  }

  void pause(long now, SimHost host, long until) {
    counters.pauses++;
    host.pause(until);
    timeline.add(now, host.id().value(), Timeline.Kind.PAUSE, "until " + until);
    trace.event(now, host.id() + " paused until " + until);
  }

  void roleChanged(long now, SimHost host, RaftEvent.StateChanged s) {
    timeline.add(now, host.id().value(), Timeline.Kind.ROLE, s.role() + " " + s.term());
    trace.event(now, host.id() + " " + s.role() + " " + s.term());
    if (s.role() == Role.LEADER) {
      if (electedTerms.add(s.term())) {
        counters.elections++;
      }
      counters.leaders.add(host.id());
    }
  }

  void applied(long now, SimHost host, LogEntry entry) {
    if (probe != null) {
      probe.applied(entry);
    }
  }

  void hostContractBroken(long now, String message) {
    violation("host-contract", now, message);
  }

  void violation(String invariant, long now, String message) {
    Violation v = new Violation(invariant, now, message);
    violations.add(v);
    timeline.add(now, -1, Timeline.Kind.VIOLATION, v.toString());
    trace.event(now, v.toString());
  }

  /** The running leader of the highest term, or null. */
  SimHost leader() {
    SimHost best = null;
    long bestTerm = -1;
    for (SimHost h : hosts) {
      if (h.isUp()) {
        RaftStatus s = h.node().status();
        if (s.role() == Role.LEADER && s.term() > bestTerm) {
          best = h;
          bestTerm = s.term();
        }
      }
    }
    return best;
  }

  /** Hosts that are up and not paused, in id order. */
  List<SimHost> available() {
    List<SimHost> out = new ArrayList<>();
    for (SimHost h : hosts) {
      if (h.isAvailable()) {
        out.add(h);
      }
    }
    return out;
  }

  List<SimHost> hosts() {
    return hosts;
  }

  List<NodeId> ids() {
    return ids;
  }

  private SimHost host(NodeId id) {
    return hosts.get((int) id.value() - 1);
  }

  NodeFactory factory() {
    return factory;
  }

  long timingSalt() {
    return timingSalt;
  }

  ClusterSettings settings() {
    return scenario.cluster();
  }

  Counters counters() {
    return counters;
  }

  Trace trace() {
    return trace;
  }

  Workload workload() {
    return workload;
  }

  InvariantSet invariants() {
    return invariants;
  }

  long healTick() {
    return healTick;
  }

  // ---------------------------------------------------------------------------------------------
  // ClusterView

  @Override
  public long tick() {
    return tick;
  }

  @Override
  public List<? extends NodeView> nodes() {
    return hosts;
  }

  @Override
  public NodeView node(NodeId id) {
    if (id.value() < 1 || id.value() > hosts.size()) {
      throw new IllegalArgumentException("no node " + id);
    }
    return host(id);
  }

  @Override
  public List<Operation<KeyValueModel.Input, String>> history() {
    return List.copyOf(workload.history());
  }
}
