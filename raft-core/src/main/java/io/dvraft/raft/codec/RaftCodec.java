package io.dvraft.raft.codec;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.SnapshotMetadata;
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
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and decodes dvraft's Raft values in the binary format of {@code docs/wire-format.md}.
 *
 * <p>Every encoding starts with the format version ({@link #FORMAT_VERSION}) and a type tag, then
 * the fields in a fixed order. Integers are unsigned LEB128 varints, booleans one byte (0 or 1), byte
 * strings a varint length and the bytes. The encoding is canonical: a decoder accepts exactly the
 * byte strings an encoder can produce, so {@code encode(decode(b))} equals {@code b} whenever
 * decoding succeeds.
 *
 * <p>Encoders throw {@link IllegalArgumentException} for values the format cannot carry: a negative
 * term, index, round, offset or hint (only {@code readId} may use all 64 bits), or an {@link
 * AppendEntries} whose entries are not consecutive from {@code prevLogIndex + 1} (the format stores
 * that first index only once). Decoders throw nothing but {@link MalformedMessageException} for
 * any non-null input, and never allocate more than a constant factor of the input's length,
 * whatever its length fields claim.
 *
 * <p>All methods are static, stateless and thread-safe.
 */
public final class RaftCodec {

  /** The format version written by this codec, and the only one its decoders accept. */
  public static final int FORMAT_VERSION = 1;

  // Type tags: messages 0x01-0x09, stored values 0x10-0x13, transport frame 0x20.
  private static final int TAG_VOTE_REQUEST = 0x01;
  private static final int TAG_VOTE_RESPONSE = 0x02;
  private static final int TAG_APPEND_ENTRIES = 0x03;
  private static final int TAG_APPEND_ENTRIES_RESPONSE = 0x04;
  private static final int TAG_INSTALL_SNAPSHOT = 0x05;
  private static final int TAG_INSTALL_SNAPSHOT_RESPONSE = 0x06;
  private static final int TAG_TIMEOUT_NOW = 0x07;
  private static final int TAG_READ_INDEX_REQUEST = 0x08;
  private static final int TAG_READ_INDEX_RESPONSE = 0x09;
  private static final int TAG_LOG_ENTRY = 0x10;
  private static final int TAG_HARD_STATE = 0x11;
  private static final int TAG_SNAPSHOT_METADATA = 0x12;
  private static final int TAG_MEMBERSHIP = 0x13;
  private static final int TAG_ADDRESSED = 0x20;

  // Entry type codes are fixed here rather than taken from ordinal(), so that reordering the enum
  // cannot silently change the format.
  private static final int ENTRY_COMMAND = 0;
  private static final int ENTRY_NOOP = 1;
  private static final int ENTRY_MEMBERSHIP = 2;

  /** Smallest encoding of an entry inside AppendEntries: term, type and data length, one byte each. */
  private static final int MIN_INNER_ENTRY_BYTES = 3;

  /** The largest array the JVM reliably allocates. */
  private static final int MAX_ENCODED_SIZE = Integer.MAX_VALUE - 8;

  private RaftCodec() {}

  /** Reads the fields of one kind of value; lets one method own the decode wrapper. */
  @FunctionalInterface
  private interface Body<T> {
    T read(ByteReader r) throws MalformedMessageException;
  }

  // ---------------------------------------------------------------------------------------------
  // Public API: messages

  /**
   * Encodes a message.
   *
   * @param message the message
   * @return its encoding, starting with the format version and the message's type tag
   * @throws IllegalArgumentException if the message holds a value the format cannot carry (see the
   *     class comment)
   */
  public static byte[] encode(Message message) {
    byte[] out = new byte[encodedSize(message)];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    writeMessage(w, message);
    return out;
  }

  /**
   * Returns the length of {@link #encode(Message)}'s result, for hosts that frame messages into
   * their own buffers.
   *
   * @param message the message
   * @return the encoded length in bytes
   * @throws IllegalArgumentException as {@link #encode(Message)}
   */
  public static int encodedSize(Message message) {
    return checkedSize(1 + messageSize(message));
  }

  /**
   * Encodes a message into a buffer, from its position, and advances the position past it.
   *
   * @param message the message
   * @param dst the buffer to write to
   * @throws BufferOverflowException if fewer than {@link #encodedSize(Message)} bytes remain, in which
   *     case nothing is written
   * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
   * @throws IllegalArgumentException as {@link #encode(Message)}
   */
  public static void encode(Message message, ByteBuffer dst) {
    int size = encodedSize(message);
    if (dst.remaining() < size) {
      throw new BufferOverflowException();
    }
    if (dst.hasArray()) {
      ByteWriter w = new ByteWriter(dst.array(), dst.arrayOffset() + dst.position());
      w.writeByte(FORMAT_VERSION);
      writeMessage(w, message);
      dst.position(dst.position() + size);
    } else {
      dst.put(encode(message));
    }
  }

  /**
   * Decodes a message.
   *
   * @param bytes exactly one encoded message
   * @return the message
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of a message
   */
  public static Message decodeMessage(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "message", RaftCodec::readMessage);
  }

  /**
   * Decodes a message from all the remaining bytes of a buffer.
   *
   * <p>On success the buffer's position moves to its limit; on failure it does not move, and the
   * exception's offset counts from that position.
   *
   * @param src the buffer whose remaining bytes are exactly one encoded message
   * @return the message
   * @throws MalformedMessageException if the remaining bytes are not the canonical encoding of a
   *     message
   */
  public static Message decodeMessage(ByteBuffer src) throws MalformedMessageException {
    Message m;
    if (src.hasArray()) {
      m = decode(src.array(), src.arrayOffset() + src.position(), src.remaining(), "message",
          RaftCodec::readMessage);
    } else {
      byte[] copy = new byte[src.remaining()];
      src.duplicate().get(copy);
      m = decodeMessage(copy);
    }
    src.position(src.limit());
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // Public API: transport frame

  /**
   * Encodes a message together with its sender and destination.
   *
   * @param addressed the sender, destination and message
   * @return its encoding
   * @throws IllegalArgumentException as {@link #encode(Message)}
   */
  public static byte[] encodeAddressed(AddressedMessage addressed) {
    long size = 2
        + ByteWriter.varintSize(addressed.from().value())
        + ByteWriter.varintSize(addressed.to().value())
        + messageSize(addressed.message());
    byte[] out = new byte[checkedSize(size)];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    w.writeByte(TAG_ADDRESSED);
    w.writeVarint(addressed.from().value());
    w.writeVarint(addressed.to().value());
    writeMessage(w, addressed.message());
    return out;
  }

  /**
   * Decodes a message together with its sender and destination.
   *
   * @param bytes exactly one encoded addressed message
   * @return the addressed message
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of one
   */
  public static AddressedMessage decodeAddressed(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "addressed message", r -> {
      expectTag(r, TAG_ADDRESSED);
      NodeId from = NodeId.of(r.readNonNegative("sender id"));
      NodeId to = NodeId.of(r.readNonNegative("destination id"));
      return new AddressedMessage(from, to, readMessage(r));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Public API: stored values

  /**
   * Encodes a log entry, as a host stores it.
   *
   * @param entry the entry
   * @return its encoding
   */
  public static byte[] encodeEntry(LogEntry entry) {
    long size = 2 + ByteWriter.varintSize(entry.index()) + ByteWriter.varintSize(entry.term()) + 1
        + (long) ByteWriter.varintSize(entry.data().length) + entry.data().length;
    byte[] out = new byte[checkedSize(size)];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    w.writeByte(TAG_LOG_ENTRY);
    w.writeVarint(entry.index());
    w.writeVarint(entry.term());
    w.writeByte(entryTypeCode(entry.type()));
    w.writeBytes(entry.data());
    return out;
  }

  /**
   * Decodes a log entry.
   *
   * @param bytes exactly one encoded log entry
   * @return the entry
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of one
   */
  public static LogEntry decodeEntry(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "log entry", r -> {
      expectTag(r, TAG_LOG_ENTRY);
      long index = r.readPositive("entry index");
      long term = r.readPositive("entry term");
      EntryType type = readEntryType(r);
      return new LogEntry(index, term, type, r.readBytes("entry data"));
    });
  }

  /**
   * Encodes a hard state (term, vote and commit index).
   *
   * @param state the state
   * @return its encoding
   */
  public static byte[] encodeHardState(HardState state) {
    Optional<NodeId> vote = state.votedFor();
    int size = 3 + ByteWriter.varintSize(state.term())
        + (vote.isPresent() ? ByteWriter.varintSize(vote.get().value()) : 0)
        + ByteWriter.varintSize(state.commit());
    byte[] out = new byte[size];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    w.writeByte(TAG_HARD_STATE);
    w.writeVarint(state.term());
    w.writeBoolean(vote.isPresent());
    if (vote.isPresent()) {
      w.writeVarint(vote.get().value());
    }
    w.writeVarint(state.commit());
    return out;
  }

  /**
   * Decodes a hard state.
   *
   * @param bytes exactly one encoded hard state
   * @return the state
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of one
   */
  public static HardState decodeHardState(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "hard state", r -> {
      expectTag(r, TAG_HARD_STATE);
      long term = r.readNonNegative("hard state term");
      Optional<NodeId> vote = r.readBoolean("hard state has-vote flag")
          ? Optional.of(NodeId.of(r.readNonNegative("hard state votedFor")))
          : Optional.empty();
      long commit = r.readNonNegative("hard state commit index");
      return new HardState(term, vote, commit);
    });
  }

  /**
   * Encodes snapshot metadata, membership included.
   *
   * @param metadata the metadata
   * @return its encoding
   */
  public static byte[] encodeSnapshotMetadata(SnapshotMetadata metadata) {
    byte[] out = new byte[checkedSize(2 + snapshotMetadataSize(metadata))];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    w.writeByte(TAG_SNAPSHOT_METADATA);
    writeSnapshotMetadata(w, metadata);
    return out;
  }

  /**
   * Decodes snapshot metadata.
   *
   * @param bytes exactly one encoded snapshot metadata
   * @return the metadata
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of one
   */
  public static SnapshotMetadata decodeSnapshotMetadata(byte[] bytes)
      throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "snapshot metadata", r -> {
      expectTag(r, TAG_SNAPSHOT_METADATA);
      return readSnapshotMetadata(r);
    });
  }

  /**
   * Encodes a membership; this is the {@code data} of a {@link EntryType#MEMBERSHIP} log entry.
   *
   * @param m the membership
   * @return its encoding
   */
  public static byte[] encodeMembership(Membership m) {
    byte[] out = new byte[checkedSize(2 + membershipSize(m))];
    ByteWriter w = new ByteWriter(out, 0);
    w.writeByte(FORMAT_VERSION);
    w.writeByte(TAG_MEMBERSHIP);
    writeMembership(w, m);
    return out;
  }

  /**
   * Decodes a membership, such as the {@code data} of a {@link EntryType#MEMBERSHIP} log entry.
   *
   * @param bytes exactly one encoded membership
   * @return the membership
   * @throws MalformedMessageException if {@code bytes} is not the canonical encoding of one, which
   *     includes a membership with no voter or with a node that is both voter and learner
   */
  public static Membership decodeMembership(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length, "membership", r -> {
      expectTag(r, TAG_MEMBERSHIP);
      return readMembership(r);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding frame

  private static <T> T decode(byte[] bytes, int offset, int length, String kind, Body<T> body)
      throws MalformedMessageException {
    ByteReader r = new ByteReader(bytes, offset, length);
    try {
      int version = r.readByte("format version");
      if (version != FORMAT_VERSION) {
        throw r.error(0, "unknown format version " + version + " (this decoder reads version "
            + FORMAT_VERSION + ")");
      }
      T value = body.read(r);
      r.expectEnd(kind);
      return value;
    } catch (IllegalArgumentException | NullPointerException e) {
      // The explicit checks should leave nothing for the records' constructors to refuse; this is
      // the backstop that keeps a missed case a MalformedMessageException.
      throw r.error(r.offset(), kind + " rejected by its constructor: " + e.getMessage());
    }
  }

  private static void expectTag(ByteReader r, int expected) throws MalformedMessageException {
    int at = r.offset();
    int tag = r.readByte("type tag");
    if (tag != expected) {
      throw r.error(at, "type tag " + hex(tag) + " is " + tagName(tag) + ", expected "
          + tagName(expected));
    }
  }

  private static String hex(int tag) {
    return (tag < 0x10 ? "0x0" : "0x") + Integer.toHexString(tag);
  }

  private static String tagName(int tag) {
    switch (tag) {
      case TAG_VOTE_REQUEST: return "VoteRequest";
      case TAG_VOTE_RESPONSE: return "VoteResponse";
      case TAG_APPEND_ENTRIES: return "AppendEntries";
      case TAG_APPEND_ENTRIES_RESPONSE: return "AppendEntriesResponse";
      case TAG_INSTALL_SNAPSHOT: return "InstallSnapshot";
      case TAG_INSTALL_SNAPSHOT_RESPONSE: return "InstallSnapshotResponse";
      case TAG_TIMEOUT_NOW: return "TimeoutNow";
      case TAG_READ_INDEX_REQUEST: return "ReadIndexRequest";
      case TAG_READ_INDEX_RESPONSE: return "ReadIndexResponse";
      case TAG_LOG_ENTRY: return "a log entry";
      case TAG_HARD_STATE: return "a hard state";
      case TAG_SNAPSHOT_METADATA: return "snapshot metadata";
      case TAG_MEMBERSHIP: return "a membership";
      case TAG_ADDRESSED: return "an addressed message";
      default: return "unknown";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Messages: sizes (which also validate), writers and readers

  /** Returns the size of the message's tag and fields; rejects values the format cannot carry. */
  private static long messageSize(Message m) {
    if (m instanceof AppendEntries a) {
      return appendEntriesSize(a);
    } else if (m instanceof AppendEntriesResponse r) {
      return 2 + nonNegative(r.term(), "term") + nonNegative(r.index(), "index")
          + nonNegative(r.hintIndex(), "hintIndex") + nonNegative(r.hintTerm(), "hintTerm")
          + nonNegative(r.round(), "round") + (long) ByteWriter.bytesSize(r.extension());
    } else if (m instanceof VoteRequest v) {
      return 3 + nonNegative(v.term(), "term") + nonNegative(v.lastLogIndex(), "lastLogIndex")
          + nonNegative(v.lastLogTerm(), "lastLogTerm");
    } else if (m instanceof VoteResponse v) {
      return 3 + nonNegative(v.term(), "term") + nonNegative(v.commitIndex(), "commitIndex")
          + nonNegative(v.commitTerm(), "commitTerm");
    } else if (m instanceof InstallSnapshot s) {
      return 2 + nonNegative(s.term(), "term") + snapshotMetadataSize(s.metadata())
          + nonNegative(s.offset(), "offset") + (long) ByteWriter.bytesSize(s.chunk());
    } else if (m instanceof InstallSnapshotResponse s) {
      return 2 + nonNegative(s.term(), "term") + nonNegative(s.snapshotIndex(), "snapshotIndex")
          + nonNegative(s.nextOffset(), "nextOffset");
    } else if (m instanceof TimeoutNow t) {
      return 1 + nonNegative(t.term(), "term");
    } else if (m instanceof ReadIndexRequest q) {
      return 1 + nonNegative(q.term(), "term") + ByteWriter.varintSize(q.readId());
    } else if (m instanceof ReadIndexResponse q) {
      return 1 + nonNegative(q.term(), "term") + ByteWriter.varintSize(q.readId())
          + nonNegative(q.index(), "index");
    }
    throw new IllegalArgumentException("unknown message type " + m.getClass().getName());
  }

  private static long appendEntriesSize(AppendEntries a) {
    List<LogEntry> entries = a.entries();
    int n = entries.size();
    long size = 1 + nonNegative(a.term(), "term") + nonNegative(a.prevLogIndex(), "prevLogIndex")
        + nonNegative(a.prevLogTerm(), "prevLogTerm") + ByteWriter.varintSize(n)
        + nonNegative(a.leaderCommit(), "leaderCommit") + nonNegative(a.round(), "round")
        + (long) ByteWriter.bytesSize(a.extension());
    long expected = a.prevLogIndex() + 1;
    for (int i = 0; i < n; i++) {
      LogEntry e = entries.get(i);
      if (e.index() != expected + i) {
        throw new IllegalArgumentException("AppendEntries entries must be consecutive from "
            + "prevLogIndex + 1 = " + expected + "; entry " + i + " has index " + e.index());
      }
      byte[] data = e.data();
      size += ByteWriter.varintSize(e.term()) + 1 + ByteWriter.varintSize(data.length)
          + (long) data.length;
    }
    return size;
  }

  private static void writeMessage(ByteWriter w, Message m) {
    if (m instanceof AppendEntries a) {
      w.writeByte(TAG_APPEND_ENTRIES);
      w.writeVarint(a.term());
      w.writeVarint(a.prevLogIndex());
      w.writeVarint(a.prevLogTerm());
      List<LogEntry> entries = a.entries();
      int n = entries.size();
      w.writeVarint(n);
      for (int i = 0; i < n; i++) {
        LogEntry e = entries.get(i);
        w.writeVarint(e.term());
        w.writeByte(entryTypeCode(e.type()));
        w.writeBytes(e.data());
      }
      w.writeVarint(a.leaderCommit());
      w.writeVarint(a.round());
      w.writeBytes(a.extension());
    } else if (m instanceof AppendEntriesResponse r) {
      w.writeByte(TAG_APPEND_ENTRIES_RESPONSE);
      w.writeVarint(r.term());
      w.writeBoolean(r.success());
      w.writeVarint(r.index());
      w.writeVarint(r.hintIndex());
      w.writeVarint(r.hintTerm());
      w.writeVarint(r.round());
      w.writeBytes(r.extension());
    } else if (m instanceof VoteRequest v) {
      w.writeByte(TAG_VOTE_REQUEST);
      w.writeVarint(v.term());
      w.writeVarint(v.lastLogIndex());
      w.writeVarint(v.lastLogTerm());
      w.writeBoolean(v.preVote());
      w.writeBoolean(v.leadershipTransfer());
    } else if (m instanceof VoteResponse v) {
      w.writeByte(TAG_VOTE_RESPONSE);
      w.writeVarint(v.term());
      w.writeBoolean(v.granted());
      w.writeBoolean(v.preVote());
      w.writeVarint(v.commitIndex());
      w.writeVarint(v.commitTerm());
    } else if (m instanceof InstallSnapshot s) {
      w.writeByte(TAG_INSTALL_SNAPSHOT);
      w.writeVarint(s.term());
      writeSnapshotMetadata(w, s.metadata());
      w.writeVarint(s.offset());
      w.writeBytes(s.chunk());
      w.writeBoolean(s.done());
    } else if (m instanceof InstallSnapshotResponse s) {
      w.writeByte(TAG_INSTALL_SNAPSHOT_RESPONSE);
      w.writeVarint(s.term());
      w.writeVarint(s.snapshotIndex());
      w.writeVarint(s.nextOffset());
      w.writeBoolean(s.done());
    } else if (m instanceof TimeoutNow t) {
      w.writeByte(TAG_TIMEOUT_NOW);
      w.writeVarint(t.term());
    } else if (m instanceof ReadIndexRequest q) {
      w.writeByte(TAG_READ_INDEX_REQUEST);
      w.writeVarint(q.term());
      w.writeVarint(q.readId());
    } else if (m instanceof ReadIndexResponse q) {
      w.writeByte(TAG_READ_INDEX_RESPONSE);
      w.writeVarint(q.term());
      w.writeVarint(q.readId());
      w.writeVarint(q.index());
    } else {
      // messageSize has already refused anything else.
      throw new IllegalArgumentException("unknown message type " + m.getClass().getName());
    }
  }

  private static Message readMessage(ByteReader r) throws MalformedMessageException {
    int at = r.offset();
    int tag = r.readByte("type tag");
    switch (tag) {
      case TAG_APPEND_ENTRIES:
        return readAppendEntries(r);
      case TAG_APPEND_ENTRIES_RESPONSE:
        return new AppendEntriesResponse(
            r.readNonNegative("AppendEntriesResponse.term"),
            r.readBoolean("AppendEntriesResponse.success"),
            r.readNonNegative("AppendEntriesResponse.index"),
            r.readNonNegative("AppendEntriesResponse.hintIndex"),
            r.readNonNegative("AppendEntriesResponse.hintTerm"),
            r.readNonNegative("AppendEntriesResponse.round"),
            r.readBytes("AppendEntriesResponse.extension"));
      case TAG_VOTE_REQUEST:
        return new VoteRequest(
            r.readNonNegative("VoteRequest.term"),
            r.readNonNegative("VoteRequest.lastLogIndex"),
            r.readNonNegative("VoteRequest.lastLogTerm"),
            r.readBoolean("VoteRequest.preVote"),
            r.readBoolean("VoteRequest.leadershipTransfer"));
      case TAG_VOTE_RESPONSE:
        return new VoteResponse(
            r.readNonNegative("VoteResponse.term"),
            r.readBoolean("VoteResponse.granted"),
            r.readBoolean("VoteResponse.preVote"),
            r.readNonNegative("VoteResponse.commitIndex"),
            r.readNonNegative("VoteResponse.commitTerm"));
      case TAG_INSTALL_SNAPSHOT:
        return new InstallSnapshot(
            r.readNonNegative("InstallSnapshot.term"),
            readSnapshotMetadata(r),
            r.readNonNegative("InstallSnapshot.offset"),
            r.readBytes("InstallSnapshot.chunk"),
            r.readBoolean("InstallSnapshot.done"));
      case TAG_INSTALL_SNAPSHOT_RESPONSE:
        return new InstallSnapshotResponse(
            r.readNonNegative("InstallSnapshotResponse.term"),
            r.readNonNegative("InstallSnapshotResponse.snapshotIndex"),
            r.readNonNegative("InstallSnapshotResponse.nextOffset"),
            r.readBoolean("InstallSnapshotResponse.done"));
      case TAG_TIMEOUT_NOW:
        return new TimeoutNow(r.readNonNegative("TimeoutNow.term"));
      case TAG_READ_INDEX_REQUEST:
        return new ReadIndexRequest(
            r.readNonNegative("ReadIndexRequest.term"),
            r.readVarint("ReadIndexRequest.readId"));
      case TAG_READ_INDEX_RESPONSE:
        return new ReadIndexResponse(
            r.readNonNegative("ReadIndexResponse.term"),
            r.readVarint("ReadIndexResponse.readId"),
            r.readNonNegative("ReadIndexResponse.index"));
      default:
        throw r.error(at, "type tag " + hex(tag) + " is " + tagName(tag) + ", expected a message");
    }
  }

  private static AppendEntries readAppendEntries(ByteReader r) throws MalformedMessageException {
    long term = r.readNonNegative("AppendEntries.term");
    long prevLogIndex = r.readNonNegative("AppendEntries.prevLogIndex");
    long prevLogTerm = r.readNonNegative("AppendEntries.prevLogTerm");
    int countAt = r.offset();
    int n = r.readCount("AppendEntries entries", MIN_INNER_ENTRY_BYTES);
    if (n > Long.MAX_VALUE - prevLogIndex) {
      throw r.error(countAt, "AppendEntries entries would run past index 2^63-1: prevLogIndex "
          + prevLogIndex + " + " + n + " entries");
    }
    // Indexes are implicit: the i-th entry is at prevLogIndex + 1 + i, so a decoded
    // AppendEntries is consecutive by construction.
    LogEntry[] entries = new LogEntry[n];
    for (int i = 0; i < n; i++) {
      long entryTerm = r.readPositive("AppendEntries entry term");
      EntryType type = readEntryType(r);
      byte[] data = r.readBytes("AppendEntries entry data");
      entries[i] = new LogEntry(prevLogIndex + 1 + i, entryTerm, type, data);
    }
    long leaderCommit = r.readNonNegative("AppendEntries.leaderCommit");
    long round = r.readNonNegative("AppendEntries.round");
    byte[] extension = r.readBytes("AppendEntries.extension");
    return new AppendEntries(
        term, prevLogIndex, prevLogTerm, List.of(entries), leaderCommit, round, extension);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared pieces: entry types, snapshot metadata, membership

  private static int entryTypeCode(EntryType type) {
    if (type == EntryType.COMMAND) {
      return ENTRY_COMMAND;
    } else if (type == EntryType.NOOP) {
      return ENTRY_NOOP;
    } else if (type == EntryType.MEMBERSHIP) {
      return ENTRY_MEMBERSHIP;
    }
    throw new IllegalArgumentException("no wire code for entry type " + type);
  }

  private static EntryType readEntryType(ByteReader r) throws MalformedMessageException {
    int at = r.offset();
    int code = r.readByte("entry type");
    if (code == ENTRY_COMMAND) {
      return EntryType.COMMAND;
    } else if (code == ENTRY_NOOP) {
      return EntryType.NOOP;
    } else if (code == ENTRY_MEMBERSHIP) {
      return EntryType.MEMBERSHIP;
    }
    throw r.error(at, "unknown entry type " + code);
  }

  private static long snapshotMetadataSize(SnapshotMetadata md) {
    return ByteWriter.varintSize(md.index()) + ByteWriter.varintSize(md.term())
        + membershipSize(md.membership());
  }

  private static void writeSnapshotMetadata(ByteWriter w, SnapshotMetadata md) {
    w.writeVarint(md.index());
    w.writeVarint(md.term());
    writeMembership(w, md.membership());
  }

  private static SnapshotMetadata readSnapshotMetadata(ByteReader r)
      throws MalformedMessageException {
    long index = r.readPositive("snapshot index");
    long term = r.readPositive("snapshot term");
    return new SnapshotMetadata(index, term, readMembership(r));
  }

  private static long membershipSize(Membership m) {
    return idsSize(m.voters()) + idsSize(m.learners()) + idsSize(m.outgoingVoters());
  }

  private static long idsSize(List<NodeId> ids) {
    long size = ByteWriter.varintSize(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      size += ByteWriter.varintSize(ids.get(i).value());
    }
    return size;
  }

  private static void writeMembership(ByteWriter w, Membership m) {
    writeIds(w, m.voters());
    writeIds(w, m.learners());
    writeIds(w, m.outgoingVoters());
  }

  private static void writeIds(ByteWriter w, List<NodeId> ids) {
    // Membership keeps its lists sorted and distinct, which is what the decoder demands.
    w.writeVarint(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      w.writeVarint(ids.get(i).value());
    }
  }

  private static Membership readMembership(ByteReader r) throws MalformedMessageException {
    int votersAt = r.offset();
    long[] voters = readIds(r, "membership voters");
    if (voters.length == 0) {
      throw r.error(votersAt, "membership has no voter");
    }
    int learnersAt = r.offset();
    long[] learners = readIds(r, "membership learners");
    for (long learner : learners) {
      if (Arrays.binarySearch(voters, learner) >= 0) {
        throw r.error(learnersAt, "membership lists n" + learner + " as both voter and learner");
      }
    }
    long[] outgoing = readIds(r, "membership outgoing voters");
    return new Membership(nodeIds(voters), nodeIds(learners), nodeIds(outgoing));
  }

  private static long[] readIds(ByteReader r, String what) throws MalformedMessageException {
    int n = r.readCount(what, 1);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      int at = r.offset();
      long id = r.readNonNegative(what);
      // Strictly increasing is the one order Membership can produce, so it is the only canonical
      // one; it also rules out duplicates.
      if (i > 0 && id <= ids[i - 1]) {
        throw r.error(at, what + " must be in strictly increasing order: n" + id
            + " follows n" + ids[i - 1]);
      }
      ids[i] = id;
    }
    return ids;
  }

  private static List<NodeId> nodeIds(long[] values) {
    NodeId[] ids = new NodeId[values.length];
    for (int i = 0; i < values.length; i++) {
      ids[i] = NodeId.of(values[i]);
    }
    return List.of(ids);
  }

  // ---------------------------------------------------------------------------------------------
  // Encoder checks

  /** Returns the varint size of a field the format requires to be non-negative. */
  private static int nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative to be encoded: " + value);
    }
    return ByteWriter.varintSize(value);
  }

  private static int checkedSize(long size) {
    if (size > MAX_ENCODED_SIZE) {
      throw new IllegalArgumentException("encoding would take " + size + " bytes, more than "
          + MAX_ENCODED_SIZE);
    }
    return (int) size;
  }
}
