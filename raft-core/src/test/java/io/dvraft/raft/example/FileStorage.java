package io.dvraft.raft.example;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A simple file-backed Raft storage for the example host: three files in one directory.
 *
 * <ul>
 *   <li>{@code hardstate}: term, vote and commit index ({@link RaftCodec#encodeHardState}),
 *       replaced atomically (write a temporary file, fsync, rename; no fsync when only the commit
 *       index changed);
 *   <li>{@code snapshot}: the last snapshot (metadata and application bytes), replaced atomically;
 *   <li>{@code log}: a header naming the entry just before the first record (index and term), then
 *       one checksummed record per entry, appended in place and fsynced by {@link #sync()}; rewritten
 *       atomically when compacted or discarded.
 * </ul>
 *
 * <p>The header is what makes a crash in the middle of installing a leader's snapshot harmless: the
 * snapshot file is replaced first, then the log; on load, a log that does not continue the snapshot
 * (it does not contain the snapshot's last entry with the snapshot's term) is the old one and is
 * discarded. A record cut short by a crash (only unsynced bytes can be) is dropped on load.
 *
 * <p>Kept simple on purpose: the whole log is mirrored in memory.
 */
public final class FileStorage implements AutoCloseable {

  private static final int LOG_MAGIC = 0x52414654; // "RAFT"

  private final Path dir;
  private FileChannel log;
  private long prevIndex;
  private long prevTerm;
  private final List<LogEntry> entries = new ArrayList<>();
  private final List<Long> offsets = new ArrayList<>();
  private HardState hardState = HardState.INITIAL;
  private Snapshot snapshot;

  private FileStorage(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (or creates) the storage in {@code dir} and loads what it holds.
   *
   * @param dir the directory, created if missing
   * @return the storage
   * @throws IOException if the files cannot be read
   */
  public static FileStorage open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileStorage s = new FileStorage(dir);
    s.load();
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // What the host loop calls (step 1 of the contract)

  /**
   * Replaces the hard state: durably when the term or vote changed.
   *
   * @param hs the new hard state
   * @throws IOException on a write failure
   */
  public void saveHardState(HardState hs) throws IOException {
    // Term and vote must be on disk before a message that depends on them leaves; the commit
    // index is a restart hint, so a change of it alone is written without an fsync.
    writeAtomically("hardstate", RaftCodec.encodeHardState(hs), hs.termOrVoteDiffers(hardState));
    hardState = hs;
  }

  /**
   * Appends entries; if the first one's index is at or below the last stored index, the log is
   * first truncated from that index (a new leader overwrote a conflicting suffix). Not durable
   * until {@link #sync()}.
   *
   * @param newEntries consecutive entries, possibly empty
   * @throws IOException on a write failure
   */
  public void append(List<LogEntry> newEntries) throws IOException {
    if (newEntries.isEmpty()) {
      return;
    }
    long first = newEntries.get(0).index();
    if (first <= prevIndex || first > lastIndex() + 1) {
      throw new IllegalStateException(
          "entry " + first + " does not fit a log holding (" + prevIndex + ", " + lastIndex() + "]");
    }
    int keep = (int) (first - prevIndex - 1);
    if (keep < entries.size()) {
      log.truncate(offsets.get(keep));
      entries.subList(keep, entries.size()).clear();
      offsets.subList(keep, offsets.size()).clear();
    }
    long position = log.size();
    for (LogEntry e : newEntries) {
      byte[] record = encodeRecord(e);
      offsets.add(position);
      entries.add(e);
      log.write(ByteBuffer.wrap(record), position);
      position += record.length;
    }
  }

  /**
   * Forces appended entries to disk (the fsync of step 1 when {@code mustSync}).
   *
   * @throws IOException on failure
   */
  public void sync() throws IOException {
    log.force(false);
  }

  /**
   * Installs a snapshot received from the leader: the snapshot replaces the whole log.
   *
   * @param s the snapshot
   * @throws IOException on a write failure
   */
  public void installSnapshot(Snapshot s) throws IOException {
    saveSnapshot(s);
    rewriteLog(s.metadata().index(), s.metadata().term(), List.of());
  }

  /**
   * Stores a snapshot the application took itself; the log is kept until the state machine says it
   * may be compacted.
   *
   * @param s the snapshot
   * @throws IOException on a write failure
   */
  public void saveSnapshot(Snapshot s) throws IOException {
    writeAtomically("snapshot", encodeSnapshot(s));
    snapshot = s;
  }

  /**
   * Drops the entries up to {@code index} (after a {@code LogCompacted} event).
   *
   * @param index the last index to drop
   * @throws IOException on a write failure
   */
  public void compactTo(long index) throws IOException {
    if (index <= prevIndex) {
      return;
    }
    int drop = (int) Math.min(entries.size(), index - prevIndex);
    long term = entries.get(drop - 1).term();
    rewriteLog(prevIndex + drop, term, List.copyOf(entries.subList(drop, entries.size())));
  }

  // -------------------------------------------------------------------------------------------
  // Restart

  /**
   * Returns what {@link io.dvraft.raft.RaftStateMachine#restore} needs: the hard state, the
   * snapshot and the entries after it. The example's application keeps its state in memory, so on
   * restart it starts from the snapshot and the applied index is the snapshot's.
   *
   * @return the persisted state
   */
  public PersistedState persistedState() {
    long base = snapshot == null ? 0 : snapshot.metadata().index();
    List<LogEntry> after = new ArrayList<>();
    for (LogEntry e : entries) {
      if (e.index() > base) {
        after.add(e);
      }
    }
    return new PersistedState(hardState, Optional.ofNullable(snapshot), after, base);
  }

  /**
   * Returns the stored snapshot, if any.
   *
   * @return the snapshot
   */
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /**
   * Returns the index of the first entry held in the log file.
   *
   * @return the first index
   */
  public long firstIndex() {
    return prevIndex + 1;
  }

  /**
   * Returns the index of the last entry held.
   *
   * @return the last index, or the index before the first if the log is empty
   */
  public long lastIndex() {
    return prevIndex + entries.size();
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  // -------------------------------------------------------------------------------------------
  // Files

  private void load() throws IOException {
    Path hs = dir.resolve("hardstate");
    if (Files.exists(hs)) {
      try {
        hardState = RaftCodec.decodeHardState(Files.readAllBytes(hs));
      } catch (MalformedMessageException e) {
        throw new IOException("corrupt hard state file " + hs + ": " + e.getMessage(), e);
      }
    }
    Path snap = dir.resolve("snapshot");
    if (Files.exists(snap)) {
      snapshot = decodeSnapshot(Files.readAllBytes(snap));
    }
    Path file = dir.resolve("log");
    if (!Files.exists(file)) {
      rewriteLog(0, 0, List.of());
    }
    log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    readLog();
    if (snapshot != null && !continuesSnapshot()) {
      // A crash between writing a leader's snapshot and discarding the old log: discard it now.
      rewriteLog(snapshot.metadata().index(), snapshot.metadata().term(), List.of());
    }
  }

  private void readLog() throws IOException {
    ByteBuffer data = ByteBuffer.allocate((int) log.size());
    log.read(data, 0);
    data.flip();
    if (data.getInt() != LOG_MAGIC) {
      throw new IOException("not a log file: " + dir.resolve("log"));
    }
    prevIndex = data.getLong();
    prevTerm = data.getLong();
    entries.clear();
    offsets.clear();
    while (data.remaining() >= 8) {
      int start = data.position();
      int length = data.getInt();
      int crc = data.getInt();
      if (length < 21 || length > data.remaining()) {
        data.position(start);
        break;
      }
      byte[] body = new byte[length];
      data.get(body);
      if (crc(body) != crc) {
        data.position(start);
        break;
      }
      ByteBuffer r = ByteBuffer.wrap(body);
      long index = r.getLong();
      long term = r.getLong();
      EntryType type = EntryType.values()[r.get()];
      byte[] payload = new byte[r.getInt()];
      r.get(payload);
      offsets.add((long) start);
      entries.add(new LogEntry(index, term, type, payload));
    }
    if (data.position() < log.size()) {
      log.truncate(data.position()); // a torn, never-synced tail
      log.force(false);
    }
  }

  private boolean continuesSnapshot() {
    long index = snapshot.metadata().index();
    long term = snapshot.metadata().term();
    if (index < prevIndex) {
      // The log is only ever compacted up to a snapshot already stored.
      throw new IllegalStateException("log starts after snapshot " + index + " in " + dir);
    }
    if (index == prevIndex) {
      return term == prevTerm;
    }
    return index <= lastIndex() && entries.get((int) (index - prevIndex - 1)).term() == term;
  }

  private void rewriteLog(long newPrevIndex, long newPrevTerm, List<LogEntry> kept)
      throws IOException {
    Path tmp = dir.resolve("log.tmp");
    List<Long> newOffsets = new ArrayList<>();
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(20);
      header.putInt(LOG_MAGIC).putLong(newPrevIndex).putLong(newPrevTerm).flip();
      out.write(header);
      for (LogEntry e : kept) {
        newOffsets.add(out.position());
        out.write(ByteBuffer.wrap(encodeRecord(e)));
      }
      out.force(true);
    }
    if (log != null) {
      log.close();
    }
    Files.move(tmp, dir.resolve("log"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
    log = FileChannel.open(dir.resolve("log"), StandardOpenOption.READ, StandardOpenOption.WRITE);
    prevIndex = newPrevIndex;
    prevTerm = newPrevTerm;
    entries.clear();
    entries.addAll(kept);
    offsets.clear();
    offsets.addAll(newOffsets);
  }

  private void writeAtomically(String name, byte[] bytes) throws IOException {
    writeAtomically(name, bytes, true);
  }

  /** Replaces a file whole; {@code durable} adds the fsyncs that make the new content survive. */
  private void writeAtomically(String name, byte[] bytes, boolean durable) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(bytes));
      if (durable) {
        out.force(true);
      }
    }
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (durable) {
      syncDirectory();
    }
  }

  /** Makes a rename durable (works on Linux and macOS; a no-op where directories cannot be opened). */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is then as durable as they make it.
    }
  }

  // -------------------------------------------------------------------------------------------
  // Encoding

  private static byte[] encodeRecord(LogEntry e) {
    ByteBuffer body = ByteBuffer.allocate(21 + e.size());
    body.putLong(e.index()).putLong(e.term()).put((byte) e.type().ordinal()).putInt(e.size());
    body.put(e.data());
    byte[] b = body.array();
    ByteBuffer record = ByteBuffer.allocate(8 + b.length);
    record.putInt(b.length).putInt(crc(b)).put(b);
    return record.array();
  }

  private static int crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return (int) c.getValue();
  }

  private static byte[] encodeSnapshot(Snapshot s) {
    SnapshotMetadata m = s.metadata();
    Membership ms = m.membership();
    int ids = ms.voters().size() + ms.learners().size() + ms.outgoingVoters().size();
    ByteBuffer b = ByteBuffer.allocate(16 + 12 + 8 * ids + 4 + s.data().length);
    b.putLong(m.index()).putLong(m.term());
    for (List<NodeId> part : List.of(ms.voters(), ms.learners(), ms.outgoingVoters())) {
      b.putInt(part.size());
      part.forEach(id -> b.putLong(id.value()));
    }
    b.putInt(s.data().length).put(s.data());
    return b.array();
  }

  private static Snapshot decodeSnapshot(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long index = b.getLong();
    long term = b.getLong();
    List<List<NodeId>> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<NodeId> ids = new ArrayList<>();
      for (int n = b.getInt(); n > 0; n--) {
        ids.add(NodeId.of(b.getLong()));
      }
      parts.add(ids);
    }
    byte[] data = new byte[b.getInt()];
    b.get(data);
    Membership membership = new Membership(parts.get(0), parts.get(1), parts.get(2));
    return new Snapshot(new SnapshotMetadata(index, term, membership), data);
  }
}
