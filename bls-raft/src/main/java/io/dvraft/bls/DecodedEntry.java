package io.dvraft.bls;

/** What a log entry means to BLS-Raft, decoded once when the entry enters the log. */
sealed interface DecodedEntry {

  /** Not a BLS-Raft command (a no-op, a membership change, an application command). */
  enum NotBls implements DecodedEntry {
    /** The only instance. */
    INSTANCE
  }

  /** Claims to be a BLS-Raft command but does not decode: unsignable, and reported. */
  record Malformed(String reason) implements DecodedEntry {}

  /** A decoded BLS-Raft command. */
  record Command(BlsCommand command) implements DecodedEntry {}
}
