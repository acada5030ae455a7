package io.dvraft.raft.codec;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.message.Message;

/** The kinds of value the codec handles, so that tests can treat them uniformly. */
enum Kind {
  MESSAGE,
  ADDRESSED,
  ENTRY,
  HARD_STATE,
  SNAPSHOT_METADATA,
  MEMBERSHIP;

  static Kind of(Object value) {
    if (value instanceof Message) {
      return MESSAGE;
    } else if (value instanceof AddressedMessage) {
      return ADDRESSED;
    } else if (value instanceof LogEntry) {
      return ENTRY;
    } else if (value instanceof HardState) {
      return HARD_STATE;
    } else if (value instanceof SnapshotMetadata) {
      return SNAPSHOT_METADATA;
    } else if (value instanceof Membership) {
      return MEMBERSHIP;
    }
    throw new IllegalArgumentException("not a codec value: " + value);
  }

  byte[] encode(Object value) {
    switch (this) {
      case MESSAGE: return RaftCodec.encode((Message) value);
      case ADDRESSED: return RaftCodec.encodeAddressed((AddressedMessage) value);
      case ENTRY: return RaftCodec.encodeEntry((LogEntry) value);
      case HARD_STATE: return RaftCodec.encodeHardState((HardState) value);
      case SNAPSHOT_METADATA: return RaftCodec.encodeSnapshotMetadata((SnapshotMetadata) value);
      case MEMBERSHIP: return RaftCodec.encodeMembership((Membership) value);
      default: throw new AssertionError(this);
    }
  }

  Object decode(byte[] bytes) throws MalformedMessageException {
    switch (this) {
      case MESSAGE: return RaftCodec.decodeMessage(bytes);
      case ADDRESSED: return RaftCodec.decodeAddressed(bytes);
      case ENTRY: return RaftCodec.decodeEntry(bytes);
      case HARD_STATE: return RaftCodec.decodeHardState(bytes);
      case SNAPSHOT_METADATA: return RaftCodec.decodeSnapshotMetadata(bytes);
      case MEMBERSHIP: return RaftCodec.decodeMembership(bytes);
      default: throw new AssertionError(this);
    }
  }
}
