package io.dvraft.bls;

import io.dvraft.bls.crypto.GroupSignature;
import io.dvraft.raft.LogEntry;
import java.util.Objects;

/**
 * A committed entry with its group signature: the signature of the entry's signing root under the
 * key's group public key, byte for byte what a single signer holding the whole key would have
 * produced. It has been verified before it is handed out.
 *
 * @param entry the committed log entry (a {@link BlsCommand.SignDuty})
 * @param key the key it was signed with
 * @param signature the group signature
 */
public record SignedEntry(LogEntry entry, KeyId key, GroupSignature signature) {

  /**
   * Checks that nothing is null.
   *
   * @param entry the committed log entry
   * @param key the key it was signed with
   * @param signature the group signature
   */
  public SignedEntry {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Decodes the duty the entry carries.
   *
   * @return the signed duty
   * @throws IllegalStateException never for entries BLS-Raft produced (they decoded before they
   *     were signed)
   */
  public BlsCommand.SignDuty duty() {
    try {
      return (BlsCommand.SignDuty) BlsCommandCodec.decode(entry.data());
    } catch (MalformedBlsDataException | ClassCastException e) {
      throw new IllegalStateException("signed entry " + entry.index() + " is not a duty", e);
    }
  }
}
