package io.dvraft.bls;

import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdKey;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.RefusalReason;
import io.dvraft.raft.RequestResult;
import io.dvraft.raft.Role;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Raft node whose committed duties come out group-signed: a {@link RaftStateMachine} decorated
 * with BLS-Raft, driven the same way (inputs, then {@link #poll()} and the host loop of {@link
 * BlsOutput}).
 *
 * <p>No message is added: the leader's signature requests ride in the extension of the
 * AppendEntries the inner machine sends, and followers' shares in the extension of its
 * AppendEntriesResponses. Followers sign when they accept entries, journaling each signature in the
 * same batch as the response that carries it, so a share never leaves before its journal record is
 * durable. The leader signs its own share when it proposes, recombines t shares once an entry
 * commits, verifies the result once (several per key in one batch), and only when that fails checks
 * the shares one by one and drops the bad ones. See docs/bls-raft-protocol.md.
 *
 * <p>Like the inner machine it is pure and deterministic (no thread, clock, I/O or randomness;
 * batch verification derives its coefficients by hashing) and never throws on peer input: a
 * malformed extension or share is dropped with a {@link BlsEvent}, and the Raft message itself
 * still goes to the inner machine. Not thread-safe: drive it from one thread.
 */
public final class BlsRaftStateMachine {

  private final BlsConfig config;
  private final NodeId self;
  private final RaftStateMachine raft;
  private final SigningPolicy policy;
  private final List<BlsEvent> events = new ArrayList<>();
  private final LogMirror mirror = new LogMirror();
  private final KeyDirectory directory;
  private final SigningJournal journal = new SigningJournal();
  private final OwnKeyShares ownKeys;
  private final ShareSigner signer;
  private final Recombiner recombiner;
  private final LeaderRequests requests = new LeaderRequests();
  private LeaderSigning leader;
  private byte[] takenSnapshotData;

  private BlsRaftStateMachine(
      BlsConfig config,
      KeyRing keys,
      SigningPolicy policy,
      PersistedState persisted,
      List<JournalRecord> journalRecords) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(keys, "keys");
    this.policy = Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(persisted, "persisted");
    Objects.requireNonNull(journalRecords, "journalRecords");
    this.self = config.raft().id();
    this.raft = RaftStateMachine.restore(config.raft(), persisted);
    this.directory = new KeyDirectory(config.scheme());
    PreparedMessages prepared = new PreparedMessages(config.scheme(), config.preparedCacheSize());
    this.ownKeys = new OwnKeyShares(self, config.scheme(), keys, events);
    this.signer =
        new ShareSigner(self, config.scheme(), policy, journal, prepared, ownKeys, events);
    this.recombiner = new Recombiner(self, config.scheme(), prepared);
    persisted.snapshot().ifPresent(this::installSnapshot);
    absorb(persisted.entries());
    for (JournalRecord record : journalRecords) {
      journal.add(record);
      policy.signed(record);
    }
  }

  /**
   * Creates a node that has persisted nothing yet.
   *
   * @param config the node's settings
   * @param keys this node's secret shares, which the host may add to later
   * @param policy the slashing-protection policy, fresh
   * @return the state machine, a follower in term 0
   */
  public static BlsRaftStateMachine create(BlsConfig config, KeyRing keys, SigningPolicy policy) {
    return new BlsRaftStateMachine(config, keys, policy, PersistedState.EMPTY, List.of());
  }

  /**
   * Recreates a node after a restart from what its host persisted: the Raft state (with the
   * snapshot as BLS-Raft produced it) and every journal record of every batch it persisted. The
   * journal is replayed into {@code policy}, and shares still owed are re-derived from it, never
   * decided again.
   *
   * @param config the node's settings
   * @param keys this node's secret shares
   * @param policy the slashing-protection policy; the journal is replayed into it
   * @param persisted the persisted Raft state
   * @param journalRecords the persisted journal, in any order
   * @return the state machine
   * @throws IllegalArgumentException if the persisted Raft state is inconsistent
   */
  public static BlsRaftStateMachine restore(
      BlsConfig config,
      KeyRing keys,
      SigningPolicy policy,
      PersistedState persisted,
      List<JournalRecord> journalRecords) {
    return new BlsRaftStateMachine(config, keys, policy, persisted, journalRecords);
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  /** Advances logical time by one tick (see {@link RaftStateMachine#tick()}). */
  public void tick() {
    raft.tick();
  }

  /**
   * Delivers a message from a peer. Its BLS-Raft extension is read first (a signature request, or
   * shares for the leader); a malformed one is dropped with a {@link BlsEvent.ExtensionDropped}.
   * The message then goes to the inner machine either way.
   *
   * @param from the sender, as authenticated by the host's transport
   * @param message the message
   */
  public void step(NodeId from, Message message) {
    if (from != null && message != null && !from.equals(self)) {
      readExtension(from, message);
    }
    raft.step(from, message);
  }

  private void readExtension(NodeId from, Message message) {
    if (message instanceof AppendEntries a && a.extension().length > 0) {
      try {
        SignatureRequest request = ExtensionCodec.decodeRequest(a.extension());
        if (request.finalizedIndex() > a.leaderCommit()) {
          throw new MalformedBlsDataException(
              "finalized index "
                  + request.finalizedIndex()
                  + " above the leader's commit index "
                  + a.leaderCommit());
        }
        requests.observe(from, a.term(), request.finalizedIndex());
      } catch (MalformedBlsDataException e) {
        events.add(new BlsEvent.ExtensionDropped(from, "AppendEntries", e.getMessage()));
      }
    } else if (message instanceof AppendEntriesResponse r && r.extension().length > 0) {
      try {
        List<ShareItem> items = ExtensionCodec.decodeShares(r.extension());
        if (leader != null) {
          leader.accept(from, items, events);
        }
      } catch (MalformedBlsDataException e) {
        events.add(new BlsEvent.ExtensionDropped(from, "AppendEntriesResponse", e.getMessage()));
      }
    }
  }

  /**
   * Proposes a duty for the group to sign. The leader refuses a duty its signing policy refuses (a
   * conflicting root) or whose key is not active; otherwise it appends the entry and signs its own
   * share at once.
   *
   * @param key the key to sign with
   * @param signingRoot the 32 bytes to sign
   * @param dutyKey the duty's slashing-protection name
   * @param payload application bytes carried in the entry, not signed
   * @return where the entry was appended, or why it was refused
   */
  public BlsProposalResult proposeDuty(
      KeyId key, byte[] signingRoot, byte[] dutyKey, byte[] payload) {
    BlsCommand.SignDuty duty;
    try {
      duty = new BlsCommand.SignDuty(key, signingRoot, dutyKey, payload);
    } catch (IllegalArgumentException e) {
      return refuse("proposeDuty", BlsRefusalReason.INVALID_DUTY, e.getMessage());
    }
    byte[] data = BlsCommandCodec.encode(duty);
    RaftStatus status = raft.status();
    if (status.role() != Role.LEADER) {
      return BlsProposalResult.of(raft.propose(data));
    }
    KeyState state = directory.at(key, status.lastIndex() + 1).orElse(null);
    if (state instanceof KeyState.Invalid invalid) {
      return refuse("proposeDuty", BlsRefusalReason.INVALID_KEY, invalid.reason());
    }
    if (!(state instanceof KeyState.Active active)) {
      return refuse("proposeDuty", BlsRefusalReason.UNKNOWN_KEY, key + " is not active");
    }
    SigningDecision decision = policy.check(key, duty.dutyKeyView(), duty.rootView());
    if (!decision.allowed()) {
      return refuse("proposeDuty", BlsRefusalReason.CONFLICTING_DUTY, decision.reason());
    }
    ProposalResult result = raft.propose(data);
    if (result instanceof ProposalResult.Accepted accepted) {
      LogEntry entry = LogEntry.command(accepted.index(), accepted.term(), data);
      absorb(List.of(entry));
      signer.decide(entry, duty, active);
    }
    return BlsProposalResult.of(result);
  }

  /**
   * Proposes adding a key. Refused unless the threshold is a majority of the members (see the
   * protocol document for why), the key material is consistent, and the key is not active yet. Each
   * member's host must give its node its secret share ({@link KeyRing#put}) for the node to sign
   * with the key.
   *
   * @param key the key id
   * @param thresholdKey the threshold, group public key and public shares
   * @param members which node holds which share index, one node per share index of the key
   * @return where the entry was appended, or why it was refused
   */
  public BlsProposalResult proposeAddKey(
      KeyId key, ThresholdKey thresholdKey, Map<NodeId, ShareIndex> members) {
    BlsCommand.AddKey command;
    try {
      command = BlsCommand.AddKey.of(key, thresholdKey, members);
    } catch (IllegalArgumentException e) {
      return refuse("proposeAddKey", BlsRefusalReason.INVALID_KEY, e.getMessage());
    }
    String threshold = KeyValidator.thresholdProblem(thresholdKey.threshold(), members.size());
    if (threshold != null) {
      return refuse("proposeAddKey", BlsRefusalReason.THRESHOLD_NOT_MAJORITY, threshold);
    }
    byte[] data = BlsCommandCodec.encode(command);
    RaftStatus status = raft.status();
    if (status.role() != Role.LEADER) {
      return BlsProposalResult.of(raft.propose(data));
    }
    if (directory.at(key, status.lastIndex() + 1).orElse(null) instanceof KeyState.Active) {
      return refuse("proposeAddKey", BlsRefusalReason.KEY_EXISTS, key + " is already active");
    }
    String problem = KeyValidator.problem(command, config.scheme());
    if (problem != null) {
      return refuse("proposeAddKey", BlsRefusalReason.INVALID_KEY, problem);
    }
    return appendAsLeader(data);
  }

  /**
   * Proposes removing a key: entries after this one are not signed with it.
   *
   * @param key the key id
   * @return where the entry was appended, or why it was refused
   */
  public BlsProposalResult proposeRemoveKey(KeyId key) {
    byte[] data = BlsCommandCodec.encode(new BlsCommand.RemoveKey(key));
    RaftStatus status = raft.status();
    if (status.role() != Role.LEADER) {
      return BlsProposalResult.of(raft.propose(data));
    }
    KeyState state = directory.at(key, status.lastIndex() + 1).orElse(null);
    if (state == null || state instanceof KeyState.Removed) {
      return refuse("proposeRemoveKey", BlsRefusalReason.UNKNOWN_KEY, key + " is not active");
    }
    return appendAsLeader(data);
  }

  /**
   * Proposes an application command that is not to be signed. Bytes that start like a BLS-Raft
   * command are refused, so that nothing is signed without going through {@link #proposeDuty}.
   *
   * @param command the command bytes
   * @return where it was appended, or why it was refused
   */
  public BlsProposalResult proposeCommand(byte[] command) {
    Objects.requireNonNull(command, "command");
    if (BlsCommandCodec.isBlsCommand(command)) {
      return refuse(
          "proposeCommand",
          BlsRefusalReason.RESERVED_PREFIX,
          "application commands must not start with the BLS-Raft magic");
    }
    return BlsProposalResult.of(raft.propose(command));
  }

  private BlsProposalResult appendAsLeader(byte[] data) {
    ProposalResult result = raft.propose(data);
    if (result instanceof ProposalResult.Accepted accepted) {
      absorb(List.of(LogEntry.command(accepted.index(), accepted.term(), data)));
    }
    return BlsProposalResult.of(result);
  }

  private BlsProposalResult refuse(String what, BlsRefusalReason reason, String detail) {
    events.add(new BlsEvent.ProposalRefused(what, reason, detail));
    return new BlsProposalResult.BlsRefused(reason, detail);
  }

  /**
   * Asks for a linearizable read (see {@link RaftStateMachine#readIndex}).
   *
   * @param readId the host's id for the read
   * @return whether the read was taken
   */
  public RequestResult readIndex(long readId) {
    return raft.readIndex(readId);
  }

  /**
   * Changes the Raft membership (see {@link RaftStateMachine#changeMembership}). Keys name their
   * members themselves: a node that leaves the group stops signing, so remove and re-add the keys
   * it held a share of if the group should keep its fault tolerance.
   *
   * @param voters the voters after the change
   * @param learners the learners after the change
   * @return whether the change was started
   */
  public RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners) {
    return raft.changeMembership(voters, learners);
  }

  /**
   * Hands leadership to another voter (see {@link RaftStateMachine#transferLeadership}).
   *
   * @param target the voter to hand leadership to
   * @return whether the transfer was started
   */
  public RequestResult transferLeadership(NodeId target) {
    return raft.transferLeadership(target);
  }

  /**
   * Tells the node that the application snapshotted its state up to {@code index} (see {@link
   * RaftStateMachine#snapshotTaken}). The Raft snapshot's data carries the keys in force at {@code
   * index} before the application's bytes, because the log that added them is compacted away;
   * {@link BlsOutput#applicationSnapshot()} and {@link BlsSnapshot#applicationData} give the
   * application its bytes back.
   *
   * <p>A snapshot is taken only at or below the {@linkplain #finalizedIndex() finalized index}:
   * every duty it compacts away must be signed (or known unsignable) already, or a node that
   * restarts from it or installs it could no longer sign those duties, and a leader could not
   * collect their shares. Above it the snapshot is refused ({@code INVALID_SNAPSHOT}) with a
   * {@link BlsEvent.SnapshotDeferred} event; the host keeps its state and tries again later (the
   * finalized index usually catches up with the commit index within one round trip).
   *
   * @param index the last applied index the snapshot includes
   * @param applicationData the application's snapshot bytes
   * @return whether the snapshot was taken
   */
  public RequestResult snapshotTaken(long index, byte[] applicationData) {
    Objects.requireNonNull(applicationData, "applicationData");
    long finalized = finalizedIndex();
    if (index > finalized) {
      events.add(new BlsEvent.SnapshotDeferred(index, finalized));
      return RequestResult.refused(RefusalReason.INVALID_SNAPSHOT, Optional.empty());
    }
    byte[] data = BlsSnapshot.encode(directory.stateAfter(index), applicationData);
    RequestResult result = raft.snapshotTaken(index, data);
    if (result.ok()) {
      takenSnapshotData = data;
    }
    return result;
  }

  /**
   * Returns the data of the last snapshot this node took through {@link #snapshotTaken}, as the
   * host must persist it to restore from it later: the keys, then the application's bytes.
   *
   * @return a copy of the data, or empty if no snapshot was taken since this node started
   */
  public Optional<byte[]> takenSnapshotData() {
    return Optional.ofNullable(takenSnapshotData).map(byte[]::clone);
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /**
   * Says whether {@link #poll()} has work or events to hand out.
   *
   * @return true if a poll would return a non-empty batch, or may
   */
  public boolean hasOutput() {
    return raft.hasOutput()
        || !events.isEmpty()
        || signer.hasUnpersisted()
        || (leader != null && leader.hasWork(raft.status().commitIndex()));
  }

  /**
   * Takes the next batch of work: the inner Raft batch with BLS-Raft's extensions written into its
   * messages, the journal records to persist with it, and the entries the leader signed. The host
   * must persist the batch (journal included) before it sends its messages; see {@link BlsOutput}.
   *
   * @return the batch, {@link BlsOutput#EMPTY} if there is nothing
   */
  public BlsOutput poll() {
    Output out = raft.poll();
    Optional<Snapshot> applicationSnapshot = out.snapshotToInstall().map(this::installSnapshot);
    absorb(out.entriesToPersist());
    reportKeyChanges(out.committed());
    for (RaftEvent event : out.events()) {
      if (event instanceof RaftEvent.LogCompacted compacted) {
        mirror.compactTo(compacted.firstIndex() - 1);
        directory.compactTo(compacted.firstIndex() - 1);
      }
    }
    List<SignedEntry> signed = leaderWork();
    List<Envelope> messages = rewrite(out.messages());
    List<JournalRecord> journalBatch = signer.takeUnpersisted();
    if (out.isEmpty() && journalBatch.isEmpty() && signed.isEmpty() && events.isEmpty()) {
      return BlsOutput.EMPTY;
    }
    Output rewritten =
        new Output(
            out.hardState(),
            out.entriesToPersist(),
            out.snapshotToInstall(),
            messages,
            out.committed(),
            out.readsReady(),
            out.events(),
            out.mustSync());
    BlsOutput batch =
        new BlsOutput(rewritten, journalBatch, signed, List.copyOf(events), applicationSnapshot);
    events.clear();
    return batch;
  }

  /**
   * Returns the inner Raft node's status.
   *
   * @return the status
   */
  public RaftStatus status() {
    return raft.status();
  }

  /**
   * Returns the finalized index: on the leader, its own; elsewhere the highest one heard.
   *
   * @return every entry at or below it is group-signed or unsignable
   */
  public long finalizedIndex() {
    return leader != null ? leader.finalized() : requests.seenFinalized();
  }

  /**
   * Returns this node's id.
   *
   * @return the id
   */
  public NodeId id() {
    return self;
  }

  /**
   * Returns the settings this node runs with.
   *
   * @return the configuration
   */
  public BlsConfig config() {
    return config;
  }

  /**
   * Returns the inner Raft node's settings.
   *
   * @return the Raft configuration
   */
  public RaftConfig raftConfig() {
    return config.raft();
  }

  /** The inner machine, for this package's tests (to inject what no honest host would). */
  RaftStateMachine inner() {
    return raft;
  }

  // ---------------------------------------------------------------------------------------------
  // Following the log

  /**
   * Mirrors entries as Raft reports them, in the order it reports them: an entry at an index
   * already held with another term truncates from there (what the host does to its log too).
   */
  private void absorb(List<LogEntry> entries) {
    for (LogEntry entry : entries) {
      MirroredEntry held = mirror.get(entry.index());
      if (held != null && held.term() == entry.term()) {
        continue;
      }
      if (entry.index() <= mirror.lastIndex()) {
        mirror.truncateFrom(entry.index());
        directory.truncateFrom(entry.index());
        ownKeys.truncateFrom(entry.index());
        signer.dropFrom(entry.index());
      }
      MirroredEntry mirrored = MirroredEntry.of(entry);
      mirror.put(mirrored);
      if (mirrored.decoded() instanceof DecodedEntry.Command c
          && !(c.command() instanceof BlsCommand.SignDuty)) {
        directory.record(entry.index(), c.command());
      }
    }
  }

  private Snapshot installSnapshot(Snapshot snapshot) {
    long index = snapshot.metadata().index();
    BlsSnapshot.Contents contents;
    try {
      contents = BlsSnapshot.decode(snapshot.data());
    } catch (MalformedBlsDataException e) {
      events.add(new BlsEvent.SnapshotUnreadable(index, e.getMessage()));
      contents = new BlsSnapshot.Contents(List.of(), snapshot.data());
    }
    mirror.resetTo(index);
    directory.clear();
    for (BlsSnapshot.KeyEntry key : contents.keys()) {
      directory.record(key.index(), key.command());
    }
    signer.clear();
    return new Snapshot(snapshot.metadata(), contents.applicationData());
  }

  private void reportKeyChanges(List<LogEntry> committed) {
    for (LogEntry entry : committed) {
      KeyState state = directory.changeAt(entry.index()).orElse(null);
      if (state instanceof KeyState.Active active) {
        events.add(new BlsEvent.KeyAdded(active.key(), active.index()));
        if (active.isMember(self)) {
          // Reports a missing or mismatched secret share now rather than at the first duty.
          ownKeys.usable(active);
        }
      } else if (state instanceof KeyState.Invalid invalid) {
        events.add(new BlsEvent.KeyRejected(invalid.key(), invalid.index(), invalid.reason()));
      } else if (state instanceof KeyState.Removed removed) {
        events.add(new BlsEvent.KeyRemoved(removed.key(), removed.index()));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Signing

  /** Keeps the leader's signing state in step with the inner role, and signs what it can. */
  private List<SignedEntry> leaderWork() {
    RaftStatus status = raft.status();
    if (status.role() != Role.LEADER) {
      leader = null;
      return List.of();
    }
    if (leader == null || leader.term() != status.term()) {
      long start = Math.min(Math.max(requests.seenFinalized(), mirror.base()), status.lastIndex());
      leader = new LeaderSigning(status.term(), start, self, mirror, directory, signer, recombiner);
    }
    leader.trackNewEntries();
    List<SignedEntry> signed = leader.advance(status.commitIndex(), status.membership(), events);
    requests.seen(leader.finalized());
    return signed;
  }

  /** Writes the requests into outgoing appends and the shares into outgoing acknowledgements. */
  private List<Envelope> rewrite(List<Envelope> messages) {
    List<Envelope> rewritten = new ArrayList<>(messages.size());
    for (Envelope envelope : messages) {
      Message message = envelope.message();
      if (message instanceof AppendEntries a) {
        long finalized = Math.min(finalizedIndex(), a.leaderCommit());
        message = a.withExtension(ExtensionCodec.encodeRequest(new SignatureRequest(finalized)));
      } else if (message instanceof AppendEntriesResponse r && r.success()) {
        message = withShares(envelope.to(), r);
      }
      rewritten.add(
          message == envelope.message() ? envelope : new Envelope(envelope.to(), message));
    }
    return rewritten;
  }

  /**
   * Signs the duties this acknowledgement confirms that this node has not answered yet (their
   * journal records go into the batch being built, so they are persisted before the message is
   * sent), and attaches the answers the leader may still need.
   */
  private AppendEntriesResponse withShares(NodeId to, AppendEntriesResponse response) {
    OptionalLong requested = requests.finalizedFor(to, response.term());
    if (requested.isEmpty()) {
      return response;
    }
    long finalized = requested.getAsLong();
    for (MirroredEntry m : mirror.range(Math.max(finalized, mirror.base()), response.index())) {
      BlsCommand.SignDuty duty = m.duty();
      if (duty != null
          && directory.at(duty.key(), m.index()).orElse(null) instanceof KeyState.Active key) {
        signer.decide(m.entry(), duty, key);
      }
    }
    signer.pruneThrough(finalized);
    List<ShareItem> items =
        signer.select(
            to, response.term(), finalized, response.index(), config.maxSharesPerResponse());
    return items.isEmpty() ? response : response.withExtension(ExtensionCodec.encodeShares(items));
  }
}
