package io.dvraft.raft;

import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One node under test, stepped by hand with messages from fake peers (the etcd/Aeron style: no
 * threads, no network). Every batch it outputs is persisted into a {@link MemoryStorage} exactly as
 * the host contract says, so {@link #persistedLog()} shows the log a host would hold.
 */
final class SteppedNode {

  static final int ELECTION_TICKS = 10;

  final RaftStateMachine raft;
  final MemoryStorage storage = new MemoryStorage();
  final List<LogEntry> applied = new ArrayList<>();
  /** Messages output and not yet taken by a {@link HandNetwork}. */
  final List<Envelope> outbox = new ArrayList<>();

  private SteppedNode(RaftStateMachine raft) {
    this.raft = raft;
  }

  // -------------------------------------------------------------------------------------------
  // Construction

  static NodeId n(long id) {
    return NodeId.of(id);
  }

  /** Voters n1..n{size}. */
  static Membership cluster(int size) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add(n(i));
    }
    return Membership.of(ids, List.of());
  }

  /**
   * The settings of plain Raft as the paper describes it: no pre-vote, no check-quorum, election
   * timeout 10 ticks, heartbeat every tick.
   */
  static RaftConfig.Builder paperConfig(long id, int size) {
    return RaftConfig.builder(n(id), cluster(size))
        .preVote(false)
        .checkQuorum(false)
        .electionTicks(ELECTION_TICKS)
        .heartbeatTicks(1)
        .seed(id);
  }

  static SteppedNode create(long id, int size) {
    return create(paperConfig(id, size).build());
  }

  static SteppedNode create(long id, int size, Consumer<RaftConfig.Builder> settings) {
    RaftConfig.Builder b = paperConfig(id, size);
    settings.accept(b);
    return create(b.build());
  }

  static SteppedNode create(RaftConfig config) {
    return new SteppedNode(RaftStateMachine.create(config));
  }

  /** A node restarted from {@code persisted}, its storage holding the same. */
  static SteppedNode restore(RaftConfig config, PersistedState persisted) {
    SteppedNode node = new SteppedNode(RaftStateMachine.restore(config, persisted));
    node.storage.hardState = persisted.hardState();
    node.storage.entries.addAll(persisted.entries());
    return node;
  }

  /**
   * A node restarted with the given persisted term (no vote) and a log whose entry i (from 1) has
   * term {@code entryTerms[i - 1]}; nothing is known committed.
   */
  static SteppedNode restored(RaftConfig config, long term, long... entryTerms) {
    return restored(config, new HardState(term, Optional.empty()), entryTerms);
  }

  /** As {@link #restored(RaftConfig, long, long...)}, with a persisted vote. */
  static SteppedNode restored(RaftConfig config, HardState hardState, long... entryTerms) {
    List<LogEntry> log = entries(1, entryTerms);
    PersistedState persisted = new PersistedState(hardState, Optional.empty(), log, 0);
    SteppedNode node = new SteppedNode(RaftStateMachine.restore(config, persisted));
    node.storage.hardState = persisted.hardState();
    node.storage.entries.addAll(log);
    return node;
  }

  static SteppedNode restored(long id, int size, long term, long... entryTerms) {
    return restored(paperConfig(id, size).build(), term, entryTerms);
  }

  /** The entry at {@code index} of {@code term}; two calls with the same arguments are equal. */
  static LogEntry entry(long index, long term) {
    return LogEntry.command(index, term, (index + "@" + term).getBytes(StandardCharsets.UTF_8));
  }

  /** Consecutive entries from {@code firstIndex} with the given terms. */
  static List<LogEntry> entries(long firstIndex, long... terms) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      list.add(entry(firstIndex + i, terms[i]));
    }
    return list;
  }

  // -------------------------------------------------------------------------------------------
  // Inputs; each returns what the node output in response, already handled as a host would

  Batch step(long from, Message m) {
    raft.step(n(from), m);
    return drain();
  }

  Batch tick() {
    raft.tick();
    return drain();
  }

  Batch tick(int times) {
    List<Output> all = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      all.addAll(tick().outputs());
    }
    return new Batch(all);
  }

  Batch propose(String command) {
    ProposalResult r = raft.propose(command.getBytes(StandardCharsets.UTF_8));
    if (!r.isAccepted()) {
      throw new AssertionError("proposal refused: " + r);
    }
    return drain();
  }

  /** Polls every pending batch, persisting and applying each one as the host contract says. */
  Batch drain() {
    List<Output> outs = new ArrayList<>();
    while (raft.hasOutput()) {
      Output out = raft.poll();
      if (out.isEmpty()) {
        break;
      }
      outs.add(out);
      storage.persist(out);
      outbox.addAll(out.messages());
      out.snapshotToInstall().ifPresent(s -> applied.clear());
      applied.addAll(out.committed());
      if (!out.committed().isEmpty()) {
        storage.applied = out.committed().get(out.committed().size() - 1).index();
      }
    }
    return new Batch(outs);
  }

  /** Ticks until the node campaigns: its term or role changes. */
  Batch timeOut() {
    long term = raft.status().term();
    Role role = raft.status().role();
    List<Output> all = new ArrayList<>();
    for (int i = 0; i < 2 * raft.config().electionTicks(); i++) {
      all.addAll(tick().outputs());
      if (raft.status().term() > term || raft.status().role() != role) {
        return new Batch(all);
      }
    }
    throw new AssertionError("node did not campaign within two election timeouts");
  }

  /**
   * Makes the node leader of the next term: it times out and the lowest-numbered peers grant their
   * votes until it has a majority.
   */
  Batch electLeader() {
    List<Output> all = new ArrayList<>(timeOut().outputs());
    long term = raft.status().term();
    for (NodeId peer : raft.status().membership().voters()) {
      if (raft.status().role() == Role.LEADER) {
        break;
      }
      if (!peer.equals(raft.id())) {
        all.addAll(step(peer.value(), new VoteResponse(term, true, false)).outputs());
      }
    }
    if (raft.status().role() != Role.LEADER) {
      throw new AssertionError("not elected: " + raft.status());
    }
    return new Batch(all);
  }

  /** Acknowledges {@code index} from each of the given followers, in the current term. */
  Batch ack(long index, long... followers) {
    List<Output> all = new ArrayList<>();
    for (long f : followers) {
      all.addAll(
          step(f, AppendEntriesResponse.accepted(raft.status().term(), index, 0)).outputs());
    }
    return new Batch(all);
  }

  RaftStatus status() {
    return raft.status();
  }

  Role role() {
    return raft.status().role();
  }

  long term() {
    return raft.status().term();
  }

  /** The log as the host persisted it (truncations applied). */
  List<LogEntry> persistedLog() {
    return List.copyOf(storage.entries);
  }

  /** The outputs of one or more polls, merged for assertions. */
  record Batch(List<Output> outputs) {

    List<Envelope> messages() {
      List<Envelope> all = new ArrayList<>();
      outputs.forEach(o -> all.addAll(o.messages()));
      return all;
    }

    /** The messages sent to one peer, in order. */
    List<Message> to(long id) {
      List<Message> all = new ArrayList<>();
      for (Envelope e : messages()) {
        if (e.to().equals(n(id))) {
          all.add(e.message());
        }
      }
      return all;
    }

    /** The messages of one type sent to anyone, in order. */
    <T extends Message> List<T> sent(Class<T> type) {
      List<T> all = new ArrayList<>();
      for (Envelope e : messages()) {
        if (type.isInstance(e.message())) {
          all.add(type.cast(e.message()));
        }
      }
      return all;
    }

    /** The messages of one type sent to one peer, in order. */
    <T extends Message> List<T> sent(Class<T> type, long to) {
      List<T> all = new ArrayList<>();
      for (Message m : to(to)) {
        if (type.isInstance(m)) {
          all.add(type.cast(m));
        }
      }
      return all;
    }

    List<LogEntry> committed() {
      List<LogEntry> all = new ArrayList<>();
      outputs.forEach(o -> all.addAll(o.committed()));
      return all;
    }

    List<LogEntry> entriesToPersist() {
      List<LogEntry> all = new ArrayList<>();
      outputs.forEach(o -> all.addAll(o.entriesToPersist()));
      return all;
    }

    Optional<HardState> hardState() {
      Optional<HardState> last = Optional.empty();
      for (Output o : outputs) {
        if (o.hardState().isPresent()) {
          last = o.hardState();
        }
      }
      return last;
    }

    List<RaftEvent> events() {
      List<RaftEvent> all = new ArrayList<>();
      outputs.forEach(o -> all.addAll(o.events()));
      return all;
    }

    boolean isEmpty() {
      return outputs.isEmpty();
    }
  }
}
