package io.dvraft.raft;

import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.internal.FrozenList;
import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.log.RaftLog;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.ReadIndexResponse;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import io.dvraft.raft.quorum.VoteResult;
import io.dvraft.raft.tracker.Progress;
import io.dvraft.raft.tracker.ProgressState;
import io.dvraft.raft.tracker.ProgressTracker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's Raft state machine: pure, deterministic, single-threaded.
 *
 * <p>The host feeds it inputs ({@link #tick()}, {@link #step}, {@link #propose}, {@link
 * #readIndex}, {@link #changeMembership}, {@link #transferLeadership}, {@link #snapshotTaken}) and
 * drains its work with {@link #poll()}, handling each {@link Output} in the documented order:
 * persist, send, apply, answer reads. It owns no thread, clock, randomness or I/O: the same
 * configuration, seed and inputs give the same outputs, byte for byte.
 *
 * <p>Peer input never makes it throw: a message that cannot be valid is dropped and reported as a
 * {@link RaftEvent.MessageDropped}. Host misuse (null arguments) throws
 * {@link NullPointerException}. It is not thread-safe; drive it from one thread.
 */
public final class RaftStateMachine {

  private final RaftConfig config;
  private final NodeId id;
  private final SplitMix64 random;
  private final RaftLog log;
  private final ProgressTracker tracker;
  private final MembershipHistory memberships;
  private final ReadQueue reads = new ReadQueue();
  private final SnapshotReceiver receiver = new SnapshotReceiver();

  private final List<Envelope> messages = new ArrayList<>();
  private final List<ReadState> readsReady = new ArrayList<>();
  private final List<RaftEvent> events = new ArrayList<>();
  private Snapshot snapshotToInstall;

  private long term;
  private NodeId votedFor;
  private NodeId leader;
  private Role role = Role.FOLLOWER;
  private HardState lastHardState;
  private Role reportedRole = Role.FOLLOWER;
  private long reportedTerm;
  private NodeId reportedLeader;

  private int electionElapsed;
  private int transferElapsed;
  private long removalCommitIndex;
  private long removalRound;
  private final List<NodeId> removalConfirmedBy = new ArrayList<>();
  private int heartbeatElapsed;
  private int randomizedElectionTimeout;
  private long ticks;

  private Snapshot snapshot;
  private final Map<NodeId, Snapshot> snapshotsInFlight = new HashMap<>();
  private NodeId transferTarget;
  private long uncommittedBytes;
  private long round;
  private boolean roundWanted;
  private boolean appendsWanted;
  private final long[] roundStartTicks = new long[64];
  private long leaseStart = Long.MIN_VALUE;
  /** Until this tick, vote requests are ignored as if a leader had just been heard (see restore). */
  private long stickyUntilTick;

  private RaftStateMachine(RaftConfig config, PersistedState persisted) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(persisted, "persisted");
    this.id = config.id();
    this.random = new SplitMix64(config.seed());
    this.snapshot = persisted.snapshot().orElse(null);
    long snapIndex = snapshot == null ? 0 : snapshot.metadata().index();
    long snapTerm = snapshot == null ? 0 : snapshot.metadata().term();
    this.log = new RaftLog(snapIndex, snapTerm);
    this.memberships =
        new MembershipHistory(
            snapIndex, snapshot == null ? config.membership() : snapshot.metadata().membership());
    for (LogEntry entry : persisted.entries()) {
      appendToLog(entry);
    }
    HardState hs = persisted.hardState();
    if (hs.term() < log.lastTerm()) {
      throw new IllegalArgumentException(
          "persisted term " + hs.term() + " is below the last entry's term " + log.lastTerm());
    }
    this.term = hs.term();
    this.votedFor = hs.votedFor().orElse(null);
    this.lastHardState = hs;
    this.reportedTerm = term;
    log.markRestored(Math.max(snapIndex, persisted.appliedIndex()));
    // Memberships take effect only once known committed: restarting on an older configuration
    // than the cluster's could elect a leader from a quorum that misses the current one. The
    // persisted commit index says what is committed, but it may lag (or be 0, if the host does
    // not keep it); a leader appends a membership entry only after every earlier one in its log
    // is committed, so all but the last persisted one are committed anyway.
    long previousMembership = 0;
    long lastMembership = 0;
    for (LogEntry entry : persisted.entries()) {
      if (entry.type() == EntryType.MEMBERSHIP) {
        previousMembership = lastMembership;
        lastMembership = entry.index();
      }
    }
    log.commitTo(Math.max(previousMembership, hs.commit()));
    this.tracker =
        new ProgressTracker(id, memberships.current(), config.maxInflightAppends(), log.lastIndex());
    applyCommittedMemberships();
    resetElectionTimer();
  }

  /**
   * Creates a node that has persisted nothing yet, starting from the configured membership.
   *
   * @param config the node's settings
   * @return the state machine, a follower in term 0
   */
  public static RaftStateMachine create(RaftConfig config) {
    return new RaftStateMachine(config, PersistedState.EMPTY);
  }

  /**
   * Recreates a node after a restart from what its host persisted.
   *
   * <p>The node restarts as a follower with its persisted term and vote, so it never votes twice
   * in a term. Entries up to {@code persisted.appliedIndex()} count as committed and applied;
   * entries up to the hard state's commit index count as committed, and its first batch hands
   * out again those after the applied index.
   *
   * @param config the node's settings
   * @param persisted the persisted hard state, snapshot and log
   * @return the state machine
   * @throws IllegalArgumentException if the persisted state is inconsistent
   */
  public static RaftStateMachine restore(RaftConfig config, PersistedState persisted) {
    RaftStateMachine node = new RaftStateMachine(config, persisted);
    if (config.readMode() == ReadMode.LEASE) {
      // A leader's lease counts on this node refusing votes for an election timeout after it
      // acknowledged a heartbeat, which it may have done just before crashing: keep refusing
      // for an election timeout (it will not campaign itself before then anyway).
      node.stickyUntilTick = config.electionTicks();
    }
    return node;
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  /** Advances logical time by one tick: election timeouts, heartbeats and check-quorum. */
  public void tick() {
    ticks++;
    if (role == Role.LEADER) {
      tickLeader();
    } else {
      tickElection();
    }
    reportStateChange();
  }

  /**
   * Delivers a message from a peer. Stale, duplicated and reordered messages are normal and
   * handled as Raft says; invalid ones are dropped with a {@link RaftEvent.MessageDropped}.
   *
   * @param from the sender, as authenticated by the host's transport
   * @param message the message
   */
  public void step(NodeId from, Message message) {
    if (from == null || message == null) {
      String type = message == null ? "null" : message.getClass().getSimpleName();
      events.add(new RaftEvent.MessageDropped(from, type, "null sender or message"));
      return;
    }
    String problem = checkSender(from, message);
    if (problem == null) {
      problem = MessageChecks.problem(message);
    }
    if (problem != null) {
      drop(from, message, problem);
      return;
    }
    if (acceptTerm(from, message)) {
      dispatch(from, message);
    }
    reportStateChange();
  }

  /**
   * Proposes a command. Only the leader accepts; the command is copied.
   *
   * @param command the command bytes
   * @return where it was appended, or why it was refused
   */
  public ProposalResult propose(byte[] command) {
    Objects.requireNonNull(command, "command");
    RefusalReason refusal = proposalRefusal(command.length);
    if (refusal != null) {
      events.add(new RaftEvent.RequestRefused("propose", refusal));
      return new ProposalResult.Refused(refusal, Optional.ofNullable(leader));
    }
    LogEntry entry = LogEntry.command(log.lastIndex() + 1, term, command.clone());
    appendAsLeader(entry);
    return new ProposalResult.Accepted(entry.index(), term);
  }

  /**
   * Asks for a linearizable read. When it is safe, a {@link ReadState} with this id comes out in
   * {@link Output#readsReady()}; a follower forwards the request to its leader. A read can be
   * lost with a message or a leadership change ({@link RaftEvent.ReadsDropped}): the host retries
   * after a timeout.
   *
   * @param readId the host's id for the read
   * @return whether the read was taken
   */
  public RequestResult readIndex(long readId) {
    if (role == Role.LEADER) {
      leaderRead(null, readId);
      return RequestResult.accepted();
    }
    if (leader == null) {
      return refuse("readIndex", RefusalReason.NO_LEADER);
    }
    send(leader, new ReadIndexRequest(term, readId));
    return RequestResult.accepted();
  }

  /**
   * Changes the membership through joint consensus (thesis 4.3): the leader appends a joint
   * configuration and, once it is committed, the final one. Only one change runs at a time. A
   * change that only touches learners takes effect in one step.
   *
   * @param voters the voters after the change
   * @param learners the learners after the change
   * @return whether the change was started
   */
  public RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners) {
    Objects.requireNonNull(voters, "voters");
    Objects.requireNonNull(learners, "learners");
    if (role != Role.LEADER) {
      return refuse("changeMembership", RefusalReason.NOT_LEADER);
    }
    if (removalCommitIndex > 0) {
      return refuse("changeMembership", RefusalReason.NOT_A_MEMBER);
    }
    if (transferTarget != null) {
      return refuse("changeMembership", RefusalReason.TRANSFER_IN_PROGRESS);
    }
    Membership current = tracker.membership();
    if (memberships.hasPending() || current.isJoint()) {
      return refuse("changeMembership", RefusalReason.CHANGE_IN_PROGRESS);
    }
    Membership target;
    try {
      target = Membership.of(voters, learners);
    } catch (IllegalArgumentException e) {
      return refuse("changeMembership", RefusalReason.INVALID_MEMBERSHIP);
    }
    if (target.equals(current)) {
      return RequestResult.accepted();
    }
    Membership next =
        target.voters().equals(current.voters())
            ? target
            : current.enterJoint(target.voters(), target.learners());
    appendMembership(next);
    reportStateChange();
    return RequestResult.accepted();
  }

  /**
   * Hands leadership to another voter (thesis 3.10): the leader catches the target up, then tells
   * it to campaign at once. Proposals are refused meanwhile; the transfer is abandoned if it has
   * not happened within an election timeout.
   *
   * @param target the voter to hand leadership to
   * @return whether the transfer was started
   */
  public RequestResult transferLeadership(NodeId target) {
    Objects.requireNonNull(target, "target");
    if (role != Role.LEADER) {
      return refuse("transferLeadership", RefusalReason.NOT_LEADER);
    }
    if (target.equals(id) || !tracker.membership().voters().contains(target)) {
      return refuse("transferLeadership", RefusalReason.INVALID_TARGET);
    }
    if (target.equals(transferTarget)) {
      return RequestResult.accepted();
    }
    if (transferTarget != null) {
      events.add(new RaftEvent.TransferAborted(transferTarget));
    }
    transferTarget = target;
    transferElapsed = 0;
    // The target will campaign past its peers' leader stickiness, so the lease no longer holds.
    leaseStart = Long.MIN_VALUE;
    events.add(new RaftEvent.TransferStarted(target));
    Progress progress = tracker.progress(target);
    if (progress.match() == log.lastIndex()) {
      send(target, new TimeoutNow(term));
    } else {
      wantAppend(progress);
    }
    return RequestResult.accepted();
  }

  /**
   * Tells the node that the host's application took a snapshot of its state up to {@code index}.
   * The log is compacted up to {@code index} less the configured trailing entries, and followers
   * that need the compacted entries will be sent this snapshot.
   *
   * @param index the last applied index the snapshot includes; at most the applied index
   * @param data the application's snapshot bytes (not copied; do not mutate)
   * @return whether the snapshot was taken
   */
  public RequestResult snapshotTaken(long index, byte[] data) {
    Objects.requireNonNull(data, "data");
    long current = snapshot == null ? 0 : snapshot.metadata().index();
    if (index <= current || index > log.applied() || index < log.compactedIndex()) {
      return refuse("snapshotTaken", RefusalReason.INVALID_SNAPSHOT);
    }
    SnapshotMetadata meta = new SnapshotMetadata(index, log.term(index), memberships.at(index));
    snapshot = new Snapshot(meta, data);
    long compactTo = index - config.snapshotTrailingEntries();
    // A follower receiving an older snapshot resumes from its index with appends: keep the log
    // from there, or it would finish one transfer only to need another, possibly forever. Only
    // for followers heard within an election timeout: a dead one must not stop compaction.
    for (Map.Entry<NodeId, Snapshot> inFlight : snapshotsInFlight.entrySet()) {
      Progress p = tracker.progress(inFlight.getKey());
      if (p != null && ticks - p.lastHeardTick() <= config.electionTicks()) {
        compactTo = Math.min(compactTo, inFlight.getValue().metadata().index());
      }
    }
    if (compactTo > log.compactedIndex()) {
      log.compact(compactTo);
      memberships.compactTo(compactTo);
      events.add(new RaftEvent.LogCompacted(index, log.firstIndex()));
    }
    return RequestResult.accepted();
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /**
   * Says whether {@link #poll()} has work or events to hand out.
   *
   * @return true if a poll would return a non-empty batch, or may (appends waiting for flow
   *     control to flush)
   */
  public boolean hasOutput() {
    return !messages.isEmpty()
        || !events.isEmpty()
        || !readsReady.isEmpty()
        || snapshotToInstall != null
        || log.hasUnpersisted()
        || log.hasUnapplied()
        || hardStateChanged()
        || (role == Role.LEADER && (appendsWanted || roundWanted));
  }

  /**
   * Takes the next batch of work. The host must finish persisting a batch before it sends the
   * batch's messages; see {@link Output}.
   *
   * @return the batch, {@link Output#EMPTY} if there is nothing
   */
  public Output poll() {
    if (role == Role.LEADER) {
      flushLeaderSends();
    }
    HardState hs = currentHardState();
    Optional<HardState> changedHardState = Optional.empty();
    boolean termOrVoteChanged = false;
    if (hs != lastHardState) {
      changedHardState = Optional.of(hs);
      termOrVoteChanged = hs.termOrVoteDiffers(lastHardState);
      lastHardState = hs;
    }
    List<LogEntry> toPersist = log.takeUnpersisted();
    Optional<Snapshot> install = Optional.ofNullable(snapshotToInstall);
    List<LogEntry> committed = log.takeUnapplied();
    if (changedHardState.isEmpty() && toPersist.isEmpty() && install.isEmpty()
        && committed.isEmpty() && messages.isEmpty() && readsReady.isEmpty() && events.isEmpty()) {
      return Output.EMPTY;
    }
    Output output =
        new Output(
            changedHardState,
            toPersist,
            install,
            FrozenList.copyOf(messages),
            committed,
            FrozenList.copyOf(readsReady),
            FrozenList.copyOf(events),
            termOrVoteChanged || !toPersist.isEmpty() || install.isPresent());
    snapshotToInstall = null;
    messages.clear();
    readsReady.clear();
    events.clear();
    return output;
  }

  /**
   * Returns a snapshot of the node's state for monitoring and tests.
   *
   * @return the status
   */
  public RaftStatus status() {
    return new RaftStatus(
        id,
        role,
        term,
        Optional.ofNullable(leader),
        Optional.ofNullable(votedFor),
        log.committed(),
        log.applied(),
        log.firstIndex(),
        log.lastIndex(),
        log.lastTerm(),
        tracker.membership());
  }

  /**
   * Returns the latest snapshot this node holds: the last one its host reported through {@link
   * #snapshotTaken}, or the last one it installed from a leader. Hosts persist it with its
   * metadata so that {@link #restore} can start from it.
   *
   * @return the snapshot, if any
   */
  public Optional<Snapshot> latestSnapshot() {
    return Optional.ofNullable(snapshot);
  }

  /**
   * Returns this node's id.
   *
   * @return the id
   */
  public NodeId id() {
    return id;
  }

  /**
   * Returns the settings this node runs with.
   *
   * @return the configuration
   */
  public RaftConfig config() {
    return config;
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  private void tickElection() {
    electionElapsed++;
    if (tracker.selfIsVoter() && electionElapsed >= randomizedElectionTimeout) {
      electionElapsed = 0;
      campaign(config.preVote() ? Role.PRE_CANDIDATE : Role.CANDIDATE, false);
    }
  }

  private void tickLeader() {
    heartbeatElapsed++;
    if (config.checkQuorum() && !tracker.quorumHeardWithin(ticks, config.electionTicks())) {
      // By now a quorum may have elected someone else: stop acting as leader.
      if (transferTarget != null) {
        events.add(new RaftEvent.TransferAborted(transferTarget));
      }
      becomeFollower(term, null);
      return;
    }
    if (transferTarget != null && ++transferElapsed >= config.electionTicks()) {
      events.add(new RaftEvent.TransferAborted(transferTarget));
      transferTarget = null;
    }
    if (heartbeatElapsed >= config.heartbeatTicks()) {
      heartbeatElapsed = 0;
      roundWanted = true;
      for (Progress p : tracker.all()) {
        // A probe that went unanswered for a heartbeat interval was probably lost: resend it.
        p.resumeProbe();
      }
    }
  }

  private void resetElectionTimer() {
    electionElapsed = 0;
    heartbeatElapsed = 0;
    randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
  }

  // ---------------------------------------------------------------------------------------------
  // Terms and roles

  /**
   * Applies the term rules every message goes through (Raft 5.1, with the pre-vote and leader
   * stickiness refinements of thesis 9.6 and 4.2.3).
   *
   * @return true if the message should be handled further
   */
  private boolean acceptTerm(NodeId from, Message m) {
    if (m.term() > term) {
      if (m instanceof VoteRequest v) {
        // Stickiness needs check-quorum: without it a leader cut off from its quorum's answers
        // would keep its followers from ever electing another.
        boolean leaderAlive =
            (config.checkQuorum()
                    && (role == Role.LEADER
                        || (leader != null && electionElapsed < config.electionTicks())))
                || ticks < stickyUntilTick;
        if (leaderAlive && !v.leadershipTransfer()) {
          // Stickiness: a node that hears from a live leader ignores would-be disruptors.
          return false;
        }
        if (v.preVote()) {
          return true;
        }
        becomeFollower(m.term(), null);
        return true;
      }
      if (m instanceof VoteResponse r && r.preVote() && r.granted()) {
        return true;
      }
      boolean fromLeader = m instanceof AppendEntries || m instanceof InstallSnapshot
          || m instanceof TimeoutNow || m instanceof ReadIndexResponse;
      becomeFollower(m.term(), fromLeader ? from : null);
      return true;
    }
    if (m.term() < term) {
      answerStaleSender(from, m);
      return false;
    }
    return true;
  }

  /**
   * Tells a sender with an old term about the current one, where that helps: a leader cut off by
   * a partition steps down on hearing it, and a pre-candidate learns it cannot win.
   */
  private void answerStaleSender(NodeId from, Message m) {
    if (m instanceof AppendEntries a) {
      send(from, AppendEntriesResponse.rejected(term, a.prevLogIndex(), 0, 0, a.round()));
    } else if (m instanceof InstallSnapshot s) {
      send(from, new InstallSnapshotResponse(term, s.metadata().index(), 0, false));
    } else if (m instanceof VoteRequest v && v.preVote()) {
      send(from, new VoteResponse(term, false, true));
    }
  }

  private void becomeFollower(long newTerm, NodeId newLeader) {
    if (role == Role.LEADER) {
      int dropped = reads.clear();
      if (dropped > 0) {
        events.add(new RaftEvent.ReadsDropped(dropped));
      }
    }
    if (newTerm > term) {
      term = newTerm;
      votedFor = null;
    }
    role = Role.FOLLOWER;
    leader = newLeader;
    transferTarget = null;
    removalCommitIndex = 0;
    removalConfirmedBy.clear();
    resetElectionTimer();
  }

  private void campaign(Role kind, boolean transfer) {
    if (term == Long.MAX_VALUE) {
      // No term is left to campaign in (only a hostile peer's message gets a node here).
      return;
    }
    long voteTerm;
    if (kind == Role.PRE_CANDIDATE) {
      role = Role.PRE_CANDIDATE;
      voteTerm = term + 1;
    } else {
      role = Role.CANDIDATE;
      term++;
      votedFor = id;
      voteTerm = term;
    }
    leader = null;
    resetElectionTimer();
    tracker.resetVotes();
    tracker.recordVote(id, true);
    if (tracker.voteResult() == VoteResult.WON) {
      electionWon(kind);
      return;
    }
    VoteRequest request =
        new VoteRequest(voteTerm, log.lastIndex(), log.lastTerm(), kind == Role.PRE_CANDIDATE, transfer);
    for (Progress p : tracker.all()) {
      if (!p.id().equals(id) && tracker.membership().isVoter(p.id())) {
        send(p.id(), request);
      }
    }
  }

  private void electionWon(Role kind) {
    if (kind == Role.PRE_CANDIDATE) {
      campaign(Role.CANDIDATE, false);
    } else {
      becomeLeader();
    }
  }

  private void becomeLeader() {
    role = Role.LEADER;
    leader = id;
    transferTarget = null;
    resetElectionTimer();
    tracker.resetForLeader(log.lastIndex());
    snapshotsInFlight.clear();
    uncommittedBytes = 0;
    for (long i = log.committed() + 1; i <= log.lastIndex(); i++) {
      uncommittedBytes += log.entry(i).size();
    }
    leaseStart = Long.MIN_VALUE;
    // The no-op commits the entries of earlier terms, which a leader may not count (Raft 5.4.2).
    appendAsLeader(LogEntry.noop(log.lastIndex() + 1, term));
  }

  private void reportStateChange() {
    if (role != reportedRole || term != reportedTerm || !Objects.equals(leader, reportedLeader)) {
      reportedRole = role;
      reportedTerm = term;
      reportedLeader = leader;
      events.add(new RaftEvent.StateChanged(role, term, Optional.ofNullable(leader)));
    }
  }

  /**
   * Returns the term, vote and durable commit index: {@code lastHardState} itself if they did not
   * change since.
   */
  private HardState currentHardState() {
    if (!hardStateChanged()) {
      return lastHardState;
    }
    Optional<NodeId> vote = Objects.equals(lastHardState.votedFor().orElse(null), votedFor)
        ? lastHardState.votedFor()
        : Optional.ofNullable(votedFor);
    return new HardState(term, vote, durableCommit());
  }

  private boolean hardStateChanged() {
    return lastHardState.term() != term
        || !Objects.equals(lastHardState.votedFor().orElse(null), votedFor)
        || lastHardState.commit() != durableCommit();
  }

  /**
   * The commit index the next batch may report as durable: committed entries that were handed out
   * in earlier batches, hence durable now. A batch's own entries may be torn off by a crash while
   * its hard state is written, and a truncation only ever cuts above the commit index, so this
   * index never points past the host's log. While a snapshot is being installed the old log may
   * still be what is on disk, so the reported index stays where it was until the next batch.
   */
  private long durableCommit() {
    if (snapshotToInstall != null) {
      return lastHardState.commit();
    }
    return Math.max(lastHardState.commit(), Math.min(log.committed(), log.persistedIndex()));
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  private String checkSender(NodeId from, Message m) {
    if (from.equals(id)) {
      return "message from this node itself";
    }
    // A node outside its own configuration is joining and learns the cluster from whoever leads.
    // A member that missed configuration changes may not know the current leader either: only
    // a leader elected in a term at least ours sends appends or snapshots in it, and following
    // it is how this node learns the configurations it missed. Anything else from outside every
    // known configuration (a removed node's vote requests, above all) is dropped.
    boolean fromCurrentLeader =
        (m instanceof AppendEntries || m instanceof InstallSnapshot) && m.term() >= term;
    if (!memberships.knows(from) && memberships.knows(id) && !fromCurrentLeader) {
      return "sender is not a member";
    }
    return null;
  }

  private void dispatch(NodeId from, Message m) {
    if (m instanceof AppendEntries a) {
      handleAppend(from, a);
    } else if (m instanceof AppendEntriesResponse r) {
      handleAppendResponse(from, r);
    } else if (m instanceof VoteRequest v) {
      handleVoteRequest(from, v);
    } else if (m instanceof VoteResponse r) {
      handleVoteResponse(from, r);
    } else if (m instanceof InstallSnapshot s) {
      handleInstallSnapshot(from, s);
    } else if (m instanceof InstallSnapshotResponse r) {
      handleSnapshotResponse(from, r);
    } else if (m instanceof TimeoutNow) {
      handleTimeoutNow(from);
    } else if (m instanceof ReadIndexRequest r) {
      handleReadRequest(from, r);
    } else if (m instanceof ReadIndexResponse r) {
      handleReadResponse(from, r);
    }
  }

  private void handleVoteRequest(NodeId from, VoteRequest v) {
    boolean canVote =
        Objects.equals(votedFor, from)
            || (votedFor == null && leader == null)
            || (v.preVote() && v.term() > term);
    if (canVote && log.isUpToDate(v.lastLogIndex(), v.lastLogTerm())) {
      send(from, new VoteResponse(v.term(), true, v.preVote()));
      if (!v.preVote()) {
        electionElapsed = 0;
        votedFor = from;
      }
    } else {
      long commit = log.committed();
      long commitTerm = commit == 0 ? 0 : log.term(commit);
      if (commitTerm <= 0) {
        commit = 0; // the entry's term is not known here (compacted away): no hint
        commitTerm = 0;
      }
      send(from, new VoteResponse(term, false, v.preVote(), commit, commitTerm));
    }
  }

  private void handleVoteResponse(NodeId from, VoteResponse r) {
    if (learnCommit(r)) {
      return;
    }
    boolean counts =
        (role == Role.PRE_CANDIDATE && r.preVote()) || (role == Role.CANDIDATE && !r.preVote());
    if (!counts) {
      return;
    }
    tracker.recordVote(from, r.granted());
    VoteResult result = tracker.voteResult();
    if (result == VoteResult.WON) {
      electionWon(role);
    } else if (result == VoteResult.LOST) {
      becomeFollower(term, null);
    }
  }

  /**
   * Takes a refusal's commit hint: if this log holds the same term at that index, everything up
   * to it is committed. When that moves the configuration, the election under way was counted
   * against the old one: it is abandoned, and the next timeout campaigns under the new one.
   *
   * @return true if the configuration changed (the response is not counted)
   */
  private boolean learnCommit(VoteResponse r) {
    if (r.granted() || r.commitIndex() <= log.committed() || r.commitIndex() > log.lastIndex()
        || log.term(r.commitIndex()) != r.commitTerm()) {
      return false;
    }
    Membership before = tracker.membership();
    commitTo(r.commitIndex());
    if (role != Role.LEADER && !tracker.membership().equals(before)) {
      becomeFollower(term, null);
      return true;
    }
    return false;
  }

  private void handleAppend(NodeId from, AppendEntries a) {
    if (role == Role.LEADER) {
      drop(from, a, "another leader in this node's term " + term);
      return;
    }
    if (role != Role.FOLLOWER || !from.equals(leader)) {
      becomeFollower(term, from);
    }
    electionElapsed = 0;
    if (a.prevLogIndex() < log.committed()) {
      // Everything up to our commit index already matches any leader's log.
      send(from, AppendEntriesResponse.accepted(term, log.committed(), a.round()));
      return;
    }
    if (!log.matchTerm(a.prevLogIndex(), a.prevLogTerm())) {
      long hintIndex = log.findConflictByTerm(Math.min(a.prevLogIndex(), log.lastIndex()), a.prevLogTerm());
      send(from, AppendEntriesResponse.rejected(
          term, a.prevLogIndex(), hintIndex, Math.max(0, log.term(hintIndex)), a.round()));
      return;
    }
    long conflict = log.findConflict(a.entries());
    if (conflict != 0) {
      if (conflict <= log.committed()) {
        drop(from, a, "would overwrite committed entry " + conflict);
        return;
      }
      memberships.truncateFrom(conflict);
      log.truncateAndAppend(a.entries(), conflict);
      registerMemberships(a.entries(), conflict);
    }
    long lastNew = a.lastIndex();
    // Only what this message confirmed may be committed: entries past lastNew could still
    // disagree with the leader's log.
    commitTo(Math.min(a.leaderCommit(), lastNew));
    send(from, AppendEntriesResponse.accepted(term, lastNew, a.round()));
  }

  private void handleAppendResponse(NodeId from, AppendEntriesResponse r) {
    if (role != Role.LEADER) {
      return;
    }
    Progress p = tracker.progress(from);
    if (p == null) {
      drop(from, r, "response from a node with no progress");
      return;
    }
    if (r.success() && r.index() > log.lastIndex()) {
      drop(from, r, "acknowledges index " + r.index() + " beyond the leader's log");
      return;
    }
    p.heardAt(ticks);
    p.ackRound(r.round());
    if (reads.hasQueued() || config.readMode() == ReadMode.LEASE) {
      confirmReads();
    }
    if (removalCommitIndex > 0) {
      confirmRemoval(from, r);
      if (role != Role.LEADER) {
        return;
      }
    }
    if (!r.success()) {
      long probeFrom = r.hintIndex();
      if (r.hintTerm() > 0) {
        probeFrom = log.findConflictByTerm(r.hintIndex(), r.hintTerm());
      }
      if (p.rejectedAt(r.index(), probeFrom)) {
        wantAppend(p);
      }
      return;
    }
    boolean advanced = p.acknowledge(r.index());
    if (!advanced) {
      p.unblockFullWindow();
    }
    if (p.state() == ProgressState.PROBE && p.match() == r.index()) {
      p.becomeReplicate();
    } else if (p.state() == ProgressState.SNAPSHOT && p.match() >= p.snapshotIndex()) {
      p.becomeProbe();
    }
    if (advanced) {
      maybeCommit();
    }
    if (p.state() != ProgressState.SNAPSHOT && p.next() <= log.lastIndex()) {
      wantAppend(p);
    }
    if (from.equals(transferTarget) && p.match() == log.lastIndex()) {
      send(from, new TimeoutNow(term));
    }
  }

  private void handleTimeoutNow(NodeId from) {
    if (role == Role.LEADER || !tracker.selfIsVoter()) {
      return;
    }
    // Skips the pre-vote: the leader itself asked, so there is no healthy leader to protect.
    campaign(Role.CANDIDATE, true);
  }

  // ---------------------------------------------------------------------------------------------
  // Log and commitment

  private RefusalReason proposalRefusal(int size) {
    if (role != Role.LEADER) {
      return RefusalReason.NOT_LEADER;
    }
    if (removalCommitIndex > 0 || tracker.self() == null) {
      return RefusalReason.NOT_A_MEMBER;
    }
    if (transferTarget != null) {
      return RefusalReason.TRANSFER_IN_PROGRESS;
    }
    if (size > config.maxCommandBytes()) {
      return RefusalReason.COMMAND_TOO_LARGE;
    }
    if (uncommittedBytes > 0 && uncommittedBytes + size > config.maxUncommittedBytes()) {
      return RefusalReason.UNCOMMITTED_LIMIT;
    }
    return null;
  }

  private void appendAsLeader(LogEntry entry) {
    appendToLog(entry);
    uncommittedBytes += entry.size();
    Progress self = tracker.self();
    self.selfMatch(entry.index());
    for (Progress p : tracker.all()) {
      if (p != self) {
        wantAppend(p);
      }
    }
    if (tracker.selfIsQuorum()) {
      // Only a single voter commits on its own append; otherwise an acknowledgement must come.
      maybeCommit();
    }
  }

  private void appendMembership(Membership membership) {
    byte[] data = RaftCodec.encodeMembership(membership);
    appendAsLeader(new LogEntry(log.lastIndex() + 1, term, EntryType.MEMBERSHIP, data));
  }

  private void appendToLog(LogEntry entry) {
    log.append(entry);
    if (entry.type() == EntryType.MEMBERSHIP) {
      memberships.addPending(entry.index(), decodeMembership(entry));
    }
  }

  private void registerMemberships(List<LogEntry> entries, long from) {
    for (int i = (int) (from - entries.get(0).index()); i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      if (e.type() == EntryType.MEMBERSHIP) {
        memberships.addPending(e.index(), decodeMembership(e));
      }
    }
  }

  private static Membership decodeMembership(LogEntry entry) {
    try {
      return RaftCodec.decodeMembership(entry.data());
    } catch (MalformedMessageException e) {
      // Entries reach the log only from the leader's own encoding or through MessageChecks.
      throw new IllegalStateException("membership entry " + entry.index() + " is malformed", e);
    }
  }

  private void maybeCommit() {
    long candidate = tracker.quorumMatch();
    // Raft 5.4.2: count replicas only for entries of the current term.
    if (candidate > log.committed() && log.term(candidate) == term) {
      commitTo(candidate);
    }
  }

  private void commitTo(long index) {
    long before = log.committed();
    if (!log.commitTo(index)) {
      return;
    }
    if (role == Role.LEADER) {
      for (long i = before + 1; i <= index; i++) {
        uncommittedBytes -= log.entry(i).size();
      }
      releaseParkedReads();
    }
    applyCommittedMemberships();
  }

  private void applyCommittedMemberships() {
    for (MembershipHistory.Indexed m : memberships.commitUpTo(log.committed())) {
      tracker.setMembership(m.membership(), log.lastIndex());
      events.add(new RaftEvent.MembershipApplied(m.index(), m.membership()));
    }
    if (role != Role.LEADER) {
      return;
    }
    Membership current = tracker.membership();
    if (!current.isVoter(id) && !memberships.hasPending()) {
      // Removed or demoted (thesis 4.2.2). Stepping down at once could strand the others in
      // the joint configuration: they learn that the new one committed only from this leader,
      // and would still need this node's vote. So it leads on, accepting nothing new, until a
      // quorum of the new configuration has confirmed that commit.
      if (removalCommitIndex == 0) {
        removalCommitIndex = log.committed();
        removalRound = round + 1;
        roundWanted = true;
      }
    } else if (current.isJoint() && !memberships.hasPending()) {
      appendMembership(current.leaveJoint());
    }
    // A smaller quorum may already hold entries the old one had not committed.
    maybeCommit();
  }

  /**
   * Counts a follower's success answer towards the removed leader's hand-over: an answer to a
   * message of round {@code removalRound} or later, confirming the configuration's index,
   * proves the follower committed it (the message carried that commit index).
   */
  private void confirmRemoval(NodeId from, AppendEntriesResponse r) {
    if (r.success() && r.round() >= removalRound && r.index() >= removalCommitIndex
        && !removalConfirmedBy.contains(from)) {
      removalConfirmedBy.add(from);
      if (tracker.isQuorum(removalConfirmedBy)) {
        becomeFollower(term, null);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sending appends

  private void wantAppend(Progress p) {
    p.wantsAppend(true);
    appendsWanted = true;
  }

  /**
   * Sends what proposals, acknowledgements and heartbeats asked for since the last poll, so that
   * everything proposed between two polls travels in one AppendEntries per follower.
   */
  private void flushLeaderSends() {
    boolean heartbeat = roundWanted;
    if (roundWanted) {
      roundWanted = false;
      startRound();
    }
    if (!appendsWanted) {
      return;
    }
    appendsWanted = false;
    Progress self = tracker.self();
    for (Progress p : tracker.all()) {
      if (!p.wantsAppend() || p == self) {
        continue;
      }
      p.wantsAppend(false);
      sendAppends(p, heartbeat);
    }
  }

  private void startRound() {
    round++;
    roundStartTicks[(int) (round % roundStartTicks.length)] = ticks;
    Progress self = tracker.self();
    for (Progress p : tracker.all()) {
      if (p != self) {
        wantAppend(p);
      }
    }
  }

  private void sendAppends(Progress p, boolean heartbeat) {
    if (p.state() == ProgressState.SNAPSHOT) {
      if (heartbeat) {
        // Resend the chunk the follower expects, in case it or its answer was lost.
        sendSnapshotChunk(p);
      }
      return;
    }
    boolean sent = false;
    while (!p.isPaused()) {
      long prevIndex = p.next() - 1;
      long prevTerm = log.term(prevIndex);
      if (prevTerm == RaftLog.UNKNOWN) {
        startSnapshot(p);
        return;
      }
      List<LogEntry> entries =
          p.next() > log.lastIndex()
              ? List.of()
              : log.slice(p.next(), config.maxEntriesPerAppend(), config.maxBytesPerAppend());
      if (entries.isEmpty() && (sent || (!heartbeat && p.state() == ProgressState.REPLICATE))) {
        break;
      }
      send(p.id(), AppendEntries.of(term, prevIndex, prevTerm, entries, log.committed(), round));
      p.sentAppend(prevIndex + entries.size(), entries.size());
      sent = true;
      if (entries.isEmpty()) {
        break;
      }
    }
    if (!sent && heartbeat) {
      sendHeartbeat(p);
    }
  }

  /** A heartbeat checks the log at the follower's match, which it is known to hold. */
  private void sendHeartbeat(Progress p) {
    long prevTerm = log.term(p.match());
    if (prevTerm == RaftLog.UNKNOWN) {
      // The match was compacted away: the follower can only catch up from the snapshot. Staying
      // silent instead would leave it never contacted again (its window full of lost appends).
      startSnapshot(p);
      return;
    }
    send(p.id(), AppendEntries.of(term, p.match(), prevTerm, List.of(), log.committed(), round));
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots

  private void startSnapshot(Progress p) {
    if (snapshot == null) {
      return;
    }
    // The follower gets this snapshot to the end even if a newer one is taken meanwhile:
    // restarting on every new snapshot could keep a slow follower from ever finishing.
    snapshotsInFlight.put(p.id(), snapshot);
    p.becomeSnapshot(snapshot.metadata().index());
    sendSnapshotChunk(p);
  }

  private void sendSnapshotChunk(Progress p) {
    Snapshot sending = snapshotsInFlight.get(p.id());
    if (sending == null || p.snapshotIndex() != sending.metadata().index()) {
      startSnapshot(p);
      return;
    }
    byte[] data = sending.data();
    int offset = (int) Math.min(p.snapshotOffset(), data.length);
    int length = Math.min(config.snapshotChunkBytes(), data.length - offset);
    byte[] chunk = new byte[length];
    System.arraycopy(data, offset, chunk, 0, length);
    boolean done = offset + length == data.length;
    send(p.id(), new InstallSnapshot(term, sending.metadata(), offset, chunk, done));
  }

  private void handleInstallSnapshot(NodeId from, InstallSnapshot s) {
    if (role == Role.LEADER) {
      drop(from, s, "another leader in this node's term " + term);
      return;
    }
    if (role != Role.FOLLOWER || !from.equals(leader)) {
      becomeFollower(term, from);
    }
    electionElapsed = 0;
    SnapshotMetadata meta = s.metadata();
    if (meta.index() <= log.committed()) {
      receiver.clear();
      send(from, new InstallSnapshotResponse(term, meta.index(), s.offset() + s.chunk().length, true));
      return;
    }
    long next = receiver.accept(meta, s.offset(), s.chunk());
    if (!s.done() || next != s.offset() + s.chunk().length) {
      send(from, new InstallSnapshotResponse(term, meta.index(), next, false));
      return;
    }
    installSnapshot(new Snapshot(meta, receiver.take()));
    send(from, new InstallSnapshotResponse(term, meta.index(), next, true));
  }

  private void installSnapshot(Snapshot received) {
    SnapshotMetadata meta = received.metadata();
    if (log.matchTerm(meta.index(), meta.term())) {
      // The log already holds the snapshot's last entry, so it holds everything before it too.
      commitTo(meta.index());
      return;
    }
    log.resetTo(meta.index(), meta.term());
    snapshot = received;
    snapshotToInstall = received;
    memberships.resetTo(meta.index(), meta.membership());
    tracker.setMembership(meta.membership(), log.lastIndex());
    events.add(new RaftEvent.MembershipApplied(meta.index(), meta.membership()));
  }

  private void handleSnapshotResponse(NodeId from, InstallSnapshotResponse r) {
    if (role != Role.LEADER) {
      return;
    }
    Progress p = tracker.progress(from);
    Snapshot sending = snapshotsInFlight.get(from);
    if (p == null || sending == null) {
      drop(from, r, "snapshot response with no snapshot in flight");
      return;
    }
    p.heardAt(ticks);
    if (p.state() != ProgressState.SNAPSHOT || r.snapshotIndex() != p.snapshotIndex()) {
      return;
    }
    if (r.done()) {
      snapshotsInFlight.remove(from);
      p.acknowledge(r.snapshotIndex());
      p.becomeProbe();
      events.add(new RaftEvent.SnapshotSent(from, r.snapshotIndex()));
      wantAppend(p);
      return;
    }
    if (r.nextOffset() > sending.data().length) {
      drop(from, r, "snapshot offset " + r.nextOffset() + " beyond the snapshot");
      return;
    }
    if (r.nextOffset() == p.snapshotOffset()) {
      // A duplicate answer (to a heartbeat resend): the chunk it asks for was already sent, and
      // heartbeats resend it if it was lost. Answering it again would add one more endless
      // chunk-answer exchange per heartbeat for the rest of the transfer.
      return;
    }
    p.snapshotOffset(r.nextOffset());
    sendSnapshotChunk(p);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  private void leaderRead(NodeId requester, long readId) {
    if (log.term(log.committed()) != term) {
      reads.parkUntilCommit(requester, readId);
      return;
    }
    if (tracker.selfIsQuorum() || leaseValid()) {
      answerRead(requester, readId, log.committed());
      return;
    }
    reads.add(new ReadQueue.PendingRead(requester, readId, log.committed(), round + 1));
    roundWanted = true;
  }

  private boolean leaseValid() {
    return config.readMode() == ReadMode.LEASE
        && leaseStart != Long.MIN_VALUE
        && ticks < leaseStart + config.leaseTicks();
  }

  private void releaseParkedReads() {
    if (log.term(log.committed()) != term) {
      return;
    }
    for (ReadQueue.PendingRead r : reads.takeParked()) {
      leaderRead(r.requester(), r.readId());
    }
  }

  private void confirmReads() {
    long quorumRound = tracker.quorumRound(round);
    if (transferTarget == null && quorumRound > 0 && round - quorumRound < roundStartTicks.length) {
      leaseStart = Math.max(leaseStart, roundStartTicks[(int) (quorumRound % roundStartTicks.length)]);
    }
    for (ReadQueue.PendingRead r : reads.confirmUpTo(quorumRound)) {
      answerRead(r.requester(), r.readId(), r.index());
    }
  }

  private void answerRead(NodeId requester, long readId, long index) {
    if (requester == null) {
      readsReady.add(new ReadState(readId, index));
    } else {
      send(requester, new ReadIndexResponse(term, readId, index));
    }
  }

  private void handleReadRequest(NodeId from, ReadIndexRequest r) {
    if (role == Role.LEADER) {
      leaderRead(from, r.readId());
    }
  }

  private void handleReadResponse(NodeId from, ReadIndexResponse r) {
    if (from.equals(leader)) {
      readsReady.add(new ReadState(r.readId(), r.index()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private void send(NodeId to, Message m) {
    messages.add(new Envelope(to, m));
  }

  private void drop(NodeId from, Message m, String reason) {
    events.add(new RaftEvent.MessageDropped(from, m.getClass().getSimpleName(), reason));
  }

  private RequestResult refuse(String what, RefusalReason reason) {
    events.add(new RaftEvent.RequestRefused(what, reason));
    return RequestResult.refused(reason, Optional.ofNullable(leader));
  }
}
