package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.RaftStatus;
import io.dvraft.testkit.WorkloadRates;
import io.dvraft.testkit.choice.ChoiceSource;
import io.dvraft.testkit.linearizability.KeyValueModel;
import io.dvraft.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients and the operator. Each tick, each idle client may start a put, append or read on a
 * node (usually the leader, sometimes any node); the operator may ask the leader for a membership
 * change or a leadership transfer. Results are recorded as a history for the linearizability check:
 * a refused or superseded write is left out (it never took effect), an abandoned one is pending.
 */
final class Workload {

  private final WorkloadRates rates;
  private final ChoiceSource choices;
  private final Counters counters;
  private final Trace trace;
  private final Timeline timeline;
  private final ClientOp[] busy;
  private final long[] deadline;
  private final List<Operation<KeyValueModel.Input, String>> history = new ArrayList<>();
  private long nextValue;
  private long nextReadId = 1;

  Workload(
      WorkloadRates rates,
      ChoiceSource choices,
      Counters counters,
      Trace trace,
      Timeline timeline) {
    this.rates = rates;
    this.choices = choices;
    this.counters = counters;
    this.trace = trace;
    this.timeline = timeline;
    this.busy = new ClientOp[rates.clients()];
    this.deadline = new long[rates.clients()];
  }

  List<Operation<KeyValueModel.Input, String>> history() {
    return history;
  }

  void tick(long now, Cluster cluster, boolean operator) {
    for (int c = 0; c < busy.length; c++) {
      ClientOp op = busy[c];
      if (op != null && op.state != ClientOp.State.OUTSTANDING) {
        busy[c] = null;
      } else if (op != null && now >= deadline[c]) {
        abandoned(op);
      }
    }
    for (int c = 0; c < busy.length; c++) {
      if (busy[c] == null && choices.chance(rates.operationRate())) {
        start(now, c, cluster);
      }
    }
    if (operator) {
      operate(now, cluster);
    }
  }

  private void start(long now, int client, Cluster cluster) {
    int kind = choices.nextInt(100);
    String key = "k" + choices.nextInt(rates.keys());
    boolean anyNode = choices.chance(0.25);
    List<SimHost> available = cluster.available();
    if (available.isEmpty()) {
      return;
    }
    SimHost leader = cluster.leader();
    SimHost target =
        anyNode || leader == null || !available.contains(leader) ? choices.pick(available) : leader;
    ClientOp op;
    if (kind < rates.readPercent()) {
      op = new ClientOp(client, now, KeyValueModel.get(key), null, nextReadId++);
    } else {
      String value = "c" + client + "." + nextValue++ + ";";
      boolean append = kind < rates.readPercent() + rates.appendPercent();
      KeyValueModel.Input input =
          append ? KeyValueModel.append(key, value) : KeyValueModel.put(key, value);
      byte[] command = append ? KvStore.append(key, value) : KvStore.put(key, value);
      op = new ClientOp(client, now, input, command, 0);
    }
    trace.event(now, "client " + client + " " + op.input + " at " + target.id());
    boolean taken = op.isRead() ? target.submitRead(op) : target.submitWrite(op);
    if (taken) {
      busy[client] = op;
      deadline[client] = now + rates.clientTimeoutTicks();
      if (!op.isRead()) {
        counters.proposalsAccepted++;
      }
    }
  }

  private void operate(long now, Cluster cluster) {
    double any = rates.membershipChangeRate() + rates.transferRate();
    if (any == 0 || !choices.chance(Math.min(1, any))) {
      return;
    }
    boolean change = choices.nextDouble() * any < rates.membershipChangeRate();
    if (change) {
      SimHost leader = cluster.leader();
      if (leader != null) {
        changeMembership(now, cluster, leader);
      }
    }
    if (!change) {
      SimHost leader = cluster.leader();
      if (leader != null) {
        RaftStatus status = leader.status().orElseThrow();
        List<NodeId> others = new ArrayList<>(status.membership().voters());
        others.remove(leader.id());
        if (!others.isEmpty()) {
          NodeId target = choices.pick(others);
          if (leader.node().transferLeadership(target).ok()) {
            counters.transfers++;
            timeline.add(now, leader.id().value(), Timeline.Kind.TRANSFER, "to " + target);
            trace.event(now, "transfer " + leader.id() + " -> " + target);
          }
        }
      }
    }
  }

  private void changeMembership(long now, Cluster cluster, SimHost leader) {
    List<NodeId> ids = new ArrayList<>(cluster.ids());
    int n = ids.size();
    int majority = n / 2 + 1;
    int size = majority + choices.nextInt(n - majority + 1);
    for (int i = n - 1; i > 0; i--) {
      int j = choices.nextInt(i + 1);
      NodeId t = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, t);
    }
    List<NodeId> voters = new ArrayList<>(ids.subList(0, size));
    List<NodeId> learners = new ArrayList<>();
    for (NodeId id : ids.subList(size, n)) {
      if (!choices.chance(0.3)) {
        learners.add(id);
      }
    }
    if (leader.node().changeMembership(voters, learners).ok()) {
      counters.membershipChanges++;
      String what = "voters " + voters + " learners " + learners;
      timeline.add(now, leader.id().value(), Timeline.Kind.MEMBERSHIP, what);
      trace.event(now, "membership " + what);
    }
  }

  void completed(ClientOp op, long now, String output) {
    if (op.state != ClientOp.State.OUTSTANDING) {
      return;
    }
    op.state = ClientOp.State.DONE;
    history.add(Operation.completed(op.client, op.callTick, now, op.input, output));
    if (op.isRead()) {
      counters.readsCompleted++;
    } else {
      counters.writesCompleted++;
    }
    trace.event(now, "client " + op.client + " done " + op.input + " -> " + output);
  }

  void failed(ClientOp op) {
    if (op.state == ClientOp.State.OUTSTANDING) {
      op.state = ClientOp.State.FAILED;
    }
  }

  void abandoned(ClientOp op) {
    if (op.state != ClientOp.State.OUTSTANDING) {
      return;
    }
    op.state = ClientOp.State.ABANDONED;
    if (!op.isRead()) {
      history.add(Operation.pending(op.client, op.callTick, op.input));
    }
  }

  /** Gives up on everything still outstanding at the end of the run. */
  void finish() {
    for (ClientOp op : busy) {
      if (op != null) {
        abandoned(op);
      }
    }
  }
}
