package io.dvraft.bls;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.LogEntry;

/** A log entry with what it means to BLS-Raft, decoded once. */
record MirroredEntry(LogEntry entry, DecodedEntry decoded) {

  static MirroredEntry of(LogEntry entry) {
    DecodedEntry decoded =
        entry.type() == EntryType.COMMAND
            ? BlsCommandCodec.classify(entry.data())
            : DecodedEntry.NotBls.INSTANCE;
    return new MirroredEntry(entry, decoded);
  }

  long index() {
    return entry.index();
  }

  long term() {
    return entry.term();
  }

  /** The duty this entry asks to sign, or null. */
  BlsCommand.SignDuty duty() {
    return decoded instanceof DecodedEntry.Command c && c.command() instanceof BlsCommand.SignDuty d
        ? d
        : null;
  }

  /** Whether the leader must account for this entry before it moves its finalized index past it. */
  boolean needsSignature() {
    return duty() != null || decoded instanceof DecodedEntry.Malformed;
  }
}
