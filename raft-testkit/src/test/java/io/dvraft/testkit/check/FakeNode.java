package io.dvraft.testkit.check;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A hand-driven {@link NodeView} for checker tests: a log, a hard state, a role. */
final class FakeNode implements NodeView {

  final NodeId id;
  final List<LogEntry> log = new ArrayList<>();
  HardState hardState = HardState.INITIAL;
  Role role = Role.FOLLOWER;
  long term;
  long commit;
  long applied;
  boolean up = true;
  Membership membership = Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));

  FakeNode(long id) {
    this.id = NodeId.of(id);
  }

  /** Appends entries of the given terms after the current log. */
  FakeNode append(long... terms) {
    for (long t : terms) {
      log.add(LogEntry.command(log.size() + 1, t, new byte[] {(byte) log.size(), (byte) t}));
    }
    return this;
  }

  @Override
  public NodeId id() {
    return id;
  }

  @Override
  public boolean isUp() {
    return up;
  }

  @Override
  public Optional<RaftStatus> status() {
    if (!up) {
      return Optional.empty();
    }
    long last = log.size();
    long lastTerm = log.isEmpty() ? 0 : log.get(log.size() - 1).term();
    return Optional.of(
        new RaftStatus(
            id,
            role,
            term,
            Optional.empty(),
            hardState.votedFor(),
            commit,
            applied,
            1,
            last,
            lastTerm,
            membership));
  }

  @Override
  public HardState durableHardState() {
    return hardState;
  }

  @Override
  public long durableLastIndex() {
    return log.size();
  }

  @Override
  public long durableSnapshotIndex() {
    return 0;
  }

  @Override
  public OptionalLong durableChainAt(long index) {
    if (index > log.size()) {
      return OptionalLong.empty();
    }
    long chain = EntryChain.START;
    for (int i = 0; i < index; i++) {
      chain = EntryChain.extend(chain, log.get(i));
    }
    return OptionalLong.of(chain);
  }

  @Override
  public long appliedIndex() {
    return applied;
  }

  @Override
  public long appliedChain() {
    return durableChainAt(applied).orElseThrow();
  }
}
