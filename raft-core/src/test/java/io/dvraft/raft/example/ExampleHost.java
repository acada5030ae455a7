package io.dvraft.raft.example;

import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.ReadState;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.SnapshotMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A complete host for one {@link RaftStateMachine}: file-backed storage ({@link FileStorage}), a
 * transport ({@link InMemoryTransport}), an application ({@link ReplicatedList}), snapshots, and
 * linearizable reads. See docs/host-integration.md, which walks through {@link #handle(Output)}.
 *
 * <p>Everything that touches the state machine runs on one thread, the loop thread: inbound
 * messages and client requests are queued as tasks in {@link #inbox} and run there. {@link
 * #runOnce(boolean)} is one turn of the loop (a test can call it directly, with no thread), and
 * {@link #run(long, BooleanSupplier)} turns it in real time.
 */
public final class ExampleHost implements AutoCloseable {

  /** Take a snapshot every this many applied entries. */
  static final int SNAPSHOT_EVERY = 25;
  /** Re-issue a read not answered within this many ticks (it may have been dropped). */
  static final int READ_TIMEOUT_TICKS = 20;

  private final NodeId id;
  private final RaftStateMachine raft;
  private final FileStorage storage;
  private final InMemoryTransport transport;
  private final ReplicatedList app = new ReplicatedList();
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();

  private long appliedTerm;
  private Membership appliedMembership;
  private long lastSnapshotIndex;
  private long ticks;
  private long nextReadId;
  private final Map<Long, PendingRead> reads = new TreeMap<>();
  private int snapshotsInstalled;

  private volatile RaftStatus publishedStatus;
  private volatile List<String> publishedItems = List.of();

  /** A linearizable read in progress: answered once the applied index reaches {@code index}. */
  private static final class PendingRead {
    final CompletableFuture<List<String>> result;
    final long issuedAt;
    long index = -1;

    PendingRead(CompletableFuture<List<String>> result, long issuedAt) {
      this.result = result;
      this.issuedAt = issuedAt;
    }
  }

  private ExampleHost(RaftConfig config, FileStorage storage, InMemoryTransport transport) {
    this.id = config.id();
    this.storage = storage;
    this.transport = transport;
    // Restart (or first start): the application state is in memory, so it starts from the stored
    // snapshot, and the state machine is told the application has applied up to the snapshot.
    storage.snapshot().ifPresent(s -> {
      app.restore(s);
      appliedTerm = s.metadata().term();
      lastSnapshotIndex = s.metadata().index();
    });
    this.appliedMembership =
        storage.snapshot().map(s -> s.metadata().membership()).orElse(config.membership());
    this.raft = RaftStateMachine.restore(config, storage.persistedState());
    publish();
  }

  /**
   * Opens the host's storage in {@code dir}, restores its state machine from it and connects it.
   *
   * @param config the node's settings
   * @param dir the node's directory
   * @param transport the network
   * @return the running host
   * @throws IOException if the storage cannot be read
   */
  public static ExampleHost open(RaftConfig config, Path dir, InMemoryTransport transport)
      throws IOException {
    ExampleHost host = new ExampleHost(config, FileStorage.open(dir), transport);
    transport.connect(host.id, (from, message) -> host.inbox.add(() -> host.raft.step(from, message)));
    return host;
  }

  // -------------------------------------------------------------------------------------------
  // Client API (any thread): requests run on the loop thread

  /**
   * Proposes a command. The future completes on the loop thread with the state machine's answer:
   * accepted at (index, term), or refused with a reason and, when known, the leader to ask instead.
   *
   * @param command the command
   * @return the answer
   */
  public CompletableFuture<ProposalResult> propose(String command) {
    CompletableFuture<ProposalResult> result = new CompletableFuture<>();
    inbox.add(() -> result.complete(raft.propose(command.getBytes(StandardCharsets.UTF_8))));
    return result;
  }

  /**
   * Reads the list linearizably (ReadIndex): the future completes with a state that reflects
   * every command committed before the read was issued. Reads the state machine drops (lost
   * message, leader change) are re-issued after {@link #READ_TIMEOUT_TICKS}.
   *
   * @return the list, once it is safe to read
   */
  public CompletableFuture<List<String>> read() {
    CompletableFuture<List<String>> result = new CompletableFuture<>();
    inbox.add(() -> startRead(new PendingRead(result, ticks)));
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // The loop

  /**
   * Turns the loop in real time until {@code stop} says so: waits for inbound work or the next
   * tick, then runs one turn.
   *
   * @param tickMillis the tick interval
   * @param stop polled between turns
   * @throws InterruptedException if the thread is interrupted
   */
  public void run(long tickMillis, BooleanSupplier stop) throws InterruptedException {
    long tick = TimeUnit.MILLISECONDS.toNanos(tickMillis);
    long next = System.nanoTime() + tick;
    while (!stop.getAsBoolean()) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Runnable task = inbox.poll(wait, TimeUnit.NANOSECONDS);
        if (task != null) {
          task.run();
        }
      }
      boolean tickDue = System.nanoTime() - next >= 0;
      if (tickDue) {
        next += tick;
      }
      runOnce(tickDue);
    }
  }

  /**
   * One turn of the loop: run the queued inbound messages and client requests, tick if a tick is
   * due, then hand every output batch to {@link #handle(Output)}.
   *
   * @param tickDue whether a tick interval has elapsed
   */
  public void runOnce(boolean tickDue) {
    for (Runnable task; (task = inbox.poll()) != null; ) {
      task.run();
    }
    if (tickDue) {
      raft.tick();
      ticks++;
      retryStaleReads();
    }
    try {
      while (raft.hasOutput()) {
        Output out = raft.poll();
        if (out.isEmpty()) {
          break;
        }
        handle(out);
      }
    } catch (IOException e) {
      // Never go on after a failed write: a message sent now could promise what is not on disk.
      throw new UncheckedIOException(e);
    }
    publish();
  }

  /**
   * The host contract for one batch, in order: persist, send, apply, answer reads.
   *
   * @param out the batch
   * @throws IOException if persisting fails
   */
  void handle(Output out) throws IOException {
    // 1. Persist, and fsync when mustSync, before anything of this batch leaves the host: the
    //    messages may promise it (a granted vote, an acknowledged entry).
    if (out.snapshotToInstall().isPresent()) {
      storage.installSnapshot(out.snapshotToInstall().get()); // replaces the whole log
    }
    if (out.hardState().isPresent()) {
      storage.saveHardState(out.hardState().get());
    }
    storage.append(out.entriesToPersist()); // truncates first if it overwrites stored entries
    if (out.mustSync()) {
      storage.sync();
    }

    // 2. Send. Any transport will do, even one that loses, duplicates or reorders messages.
    for (Envelope e : out.messages()) {
      transport.send(id, e.to(), e.message());
    }

    // 3. Install the snapshot in the application, then apply the committed entries in order.
    if (out.snapshotToInstall().isPresent()) {
      Snapshot s = out.snapshotToInstall().get();
      app.restore(s);
      appliedTerm = s.metadata().term();
      appliedMembership = s.metadata().membership();
      lastSnapshotIndex = s.metadata().index();
      snapshotsInstalled++;
    }
    for (LogEntry entry : out.committed()) {
      app.apply(entry);
      appliedTerm = entry.term();
    }

    // 4. Reads: each may be served once the applied index reaches its read index.
    for (ReadState r : out.readsReady()) {
      PendingRead read = reads.get(r.readId());
      if (read != null) {
        read.index = r.index();
      }
    }
    serveReads();

    // Events need no action, except these two.
    for (RaftEvent event : out.events()) {
      if (event instanceof RaftEvent.LogCompacted c) {
        storage.compactTo(c.firstIndex() - 1); // the snapshot covers what is dropped
      } else if (event instanceof RaftEvent.MembershipApplied m) {
        appliedMembership = m.membership(); // snapshots record the membership they cover
      }
    }
    maybeSnapshot();
  }

  private void maybeSnapshot() throws IOException {
    long index = app.appliedIndex();
    if (index - lastSnapshotIndex < SNAPSHOT_EVERY) {
      return;
    }
    byte[] data = app.snapshotBytes();
    if (raft.snapshotTaken(index, data).ok()) {
      // Stored before the LogCompacted event of the next batch lets the log shrink.
      storage.saveSnapshot(
          new Snapshot(new SnapshotMetadata(index, appliedTerm, appliedMembership), data));
      lastSnapshotIndex = index;
    }
  }

  private void startRead(PendingRead read) {
    long readId = ++nextReadId;
    reads.put(readId, read);
    raft.readIndex(readId); // if refused (no leader yet), the timeout re-issues it
  }

  private void serveReads() {
    for (Iterator<PendingRead> it = reads.values().iterator(); it.hasNext(); ) {
      PendingRead read = it.next();
      if (read.index >= 0 && app.appliedIndex() >= read.index) {
        it.remove();
        read.result.complete(app.items());
      }
    }
  }

  private void retryStaleReads() {
    List<PendingRead> stale = new ArrayList<>();
    for (Iterator<PendingRead> it = reads.values().iterator(); it.hasNext(); ) {
      PendingRead read = it.next();
      if (read.index < 0 && ticks - read.issuedAt >= READ_TIMEOUT_TICKS) {
        it.remove();
        stale.add(read);
      }
    }
    for (PendingRead read : stale) {
      startRead(new PendingRead(read.result, ticks));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Observation (any thread)

  private void publish() {
    publishedStatus = raft.status();
    publishedItems = app.items();
  }

  /**
   * Returns the node's status as of the end of the last turn.
   *
   * @return the status
   */
  public RaftStatus status() {
    return publishedStatus;
  }

  /**
   * Returns the application's list as of the end of the last turn.
   *
   * @return the applied items
   */
  public List<String> items() {
    return publishedItems;
  }

  /**
   * Returns this host's id.
   *
   * @return the id
   */
  public NodeId id() {
    return id;
  }

  /**
   * Returns how many snapshots from a leader this host installed since it was opened.
   *
   * @return the count
   */
  public int snapshotsInstalled() {
    return snapshotsInstalled;
  }

  /** Disconnects the host and closes its files; its state machine is gone (a stop or crash). */
  @Override
  public void close() throws IOException {
    transport.disconnect(id);
    storage.close();
  }
}
