package io.dvraft.testkit.sim;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The liveness check of the final, fault-free phase: from the heal on, it proposes a probe command
 * through whichever node leads (again, if a leader change loses it), and requires that within the
 * bound a leader exists and the probe is applied by every member of its configuration. The probe
 * committing means every entry before it in the leader's log committed too.
 */
final class LivenessProbe {

  /** The name liveness violations carry. */
  static final String NAME = "liveness";

  private final long deadline;
  private boolean done;
  private byte[] command;
  private long index;
  private long term;
  private boolean committed;
  private int attempts;
  private long doneAt = -1;

  LivenessProbe(long healTick, int livenessTicks) {
    this.deadline = healTick + livenessTicks;
  }

  long doneAt() {
    return doneAt;
  }

  void tick(long now, Cluster cluster) {
    if (done) {
      return;
    }
    SimHost leader = cluster.leader();
    if (index == 0 && leader != null && leader.isAvailable()) {
      attempts++;
      command = ("probe " + attempts).getBytes(StandardCharsets.UTF_8);
      ProposalResult result = leader.propose(command);
      if (result instanceof ProposalResult.Accepted a) {
        index = a.index();
        term = a.term();
      }
    }
    if (committed && leader != null && appliedEverywhere(cluster, leader)) {
      done = true;
      doneAt = now;
      return;
    }
    if (now >= deadline) {
      done = true;
      cluster.violation(NAME, now, describe(cluster, leader));
    }
  }

  private boolean appliedEverywhere(Cluster cluster, SimHost leader) {
    RaftStatus status = leader.status().orElseThrow();
    for (NodeId member : status.membership().members()) {
      if (cluster.node(member).appliedIndex() < index) {
        return false;
      }
    }
    return true;
  }

  void applied(LogEntry entry) {
    if (index == 0 || entry.index() != index || done) {
      return;
    }
    if (entry.term() == term && Arrays.equals(entry.data(), command)) {
      committed = true;
    } else if (!committed) {
      index = 0;
    }
  }

  private static String describe(io.dvraft.raft.Membership m) {
    return "voters"
        + m.voters()
        + (m.isJoint() ? "+" + m.outgoingVoters() : "")
        + (m.learners().isEmpty() ? "" : "learners" + m.learners());
  }

  private String describe(Cluster cluster, SimHost leader) {
    StringBuilder text = new StringBuilder();
    if (leader == null) {
      text.append("no leader ");
    } else if (!committed) {
      text.append("probe not committed ");
    } else {
      text.append("probe committed but not applied on every member ");
    }
    text.append(deadline - cluster.healTick()).append(" ticks after the heal;");
    for (SimHost h : cluster.hosts()) {
      text.append(' ').append(h.id()).append('=');
      text.append(
          h.status()
              .map(
                  s ->
                      s.role()
                          + "/t"
                          + s.term()
                          + "/c"
                          + s.commitIndex()
                          + "/a"
                          + h.appliedIndex()
                          + "/last"
                          + s.lastIndex()
                          + "/"
                          + describe(s.membership()))
              .orElse("down"));
    }
    return text.toString();
  }
}
