package io.dvraft.bls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One line of a node's signing journal: this node signed {@code signingRoot} with its share of
 * {@code key}, for the duty {@code dutyKey}, as the entry at (index, term).
 *
 * <p>The journal is part of the node's durable state. A node never sends a share before its record
 * is persisted, so after a crash the journal says everything the node may have signed: its {@link
 * SigningPolicy} is rebuilt from it, and shares the node must still send are re-derived from it
 * (BLS signing is deterministic) rather than decided again.
 *
 * @param index the entry's log index, at least 1
 * @param term the entry's term, at least 1
 * @param key the key signed with
 * @param dutyKey the duty's slashing-protection name
 * @param signingRoot the 32 bytes signed
 */
public record JournalRecord(long index, long term, KeyId key, byte[] dutyKey, byte[] signingRoot) {

  /**
   * Checks and copies the fields.
   *
   * @param index the entry's log index, at least 1
   * @param term the entry's term, at least 1
   * @param key the key signed with
   * @param dutyKey the duty's slashing-protection name
   * @param signingRoot the 32 bytes signed
   * @throws IllegalArgumentException if index or term is below 1, the root is not 32 bytes or the
   *     duty key is too long
   */
  public JournalRecord {
    if (index < 1 || term < 1) {
      throw new IllegalArgumentException(
          "index and term must be at least 1: " + index + "@" + term);
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(dutyKey, "dutyKey");
    Objects.requireNonNull(signingRoot, "signingRoot");
    if (signingRoot.length != BlsCommand.SignDuty.ROOT_LENGTH) {
      throw new IllegalArgumentException(
          "signing root must be 32 bytes, got " + signingRoot.length);
    }
    if (dutyKey.length > BlsCommandCodec.MAX_DUTY_KEY_BYTES) {
      throw new IllegalArgumentException("duty key too long: " + dutyKey.length + " bytes");
    }
    dutyKey = dutyKey.clone();
    signingRoot = signingRoot.clone();
  }

  /**
   * Returns a copy of the duty key.
   *
   * @return the duty key bytes
   */
  @Override
  public byte[] dutyKey() {
    return dutyKey.clone();
  }

  /**
   * Returns a copy of the signing root.
   *
   * @return 32 bytes
   */
  @Override
  public byte[] signingRoot() {
    return signingRoot.clone();
  }

  byte[] dutyKeyView() {
    return dutyKey;
  }

  byte[] rootView() {
    return signingRoot;
  }

  /**
   * Compares by content.
   *
   * @param o the object to compare with
   * @return whether {@code o} is the same record
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof JournalRecord r
        && index == r.index
        && term == r.term
        && key.equals(r.key)
        && Arrays.equals(dutyKey, r.dutyKey)
        && Arrays.equals(signingRoot, r.signingRoot);
  }

  /**
   * Hashes by content.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(index, term, key) * 31 * 31
        + Arrays.hashCode(dutyKey) * 31
        + Arrays.hashCode(signingRoot);
  }

  /**
   * Shows the position, key and the start of the root.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "JournalRecord["
        + index
        + "@"
        + term
        + ", "
        + key
        + ", root="
        + HexFormat.of().formatHex(signingRoot, 0, 8)
        + "...]";
  }
}
