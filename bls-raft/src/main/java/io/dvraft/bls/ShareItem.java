package io.dvraft.bls;

import java.util.Arrays;
import java.util.Objects;

/**
 * One node's answer for one log entry, carried to the leader in the extension of an
 * AppendEntriesResponse: its signature share, or its refusal to sign. The entry is named by (index,
 * term), which Raft's log matching makes unique; the key, the root and the signer's share index are
 * the leader's to look up, never taken from the wire.
 */
public sealed interface ShareItem {

  /**
   * Returns the entry's log index.
   *
   * @return at least 1
   */
  long index();

  /**
   * Returns the entry's term.
   *
   * @return at least 1
   */
  long term();

  /**
   * A signature share of the entry's signing root.
   *
   * @param index the entry's index, at least 1
   * @param term the entry's term, at least 1
   * @param signature the 96-byte compressed G2 point, not checked here
   */
  record Share(long index, long term, byte[] signature) implements ShareItem {

    /** Bytes of a signature share. */
    public static final int LENGTH = 96;

    /**
     * Checks the position and length, and copies the signature.
     *
     * @param index the entry's index, at least 1
     * @param term the entry's term, at least 1
     * @param signature the 96-byte compressed G2 point, not checked here
     * @throws IllegalArgumentException if index or term is below 1 or the signature is not 96 bytes
     */
    public Share {
      checkPosition(index, term);
      Objects.requireNonNull(signature, "signature");
      if (signature.length != LENGTH) {
        throw new IllegalArgumentException(
            "signature share must be " + LENGTH + " bytes, got " + signature.length);
      }
      signature = signature.clone();
    }

    /**
     * Returns a copy of the signature bytes.
     *
     * @return 96 bytes
     */
    @Override
    public byte[] signature() {
      return signature.clone();
    }

    byte[] signatureView() {
      return signature;
    }

    /**
     * Compares by content.
     *
     * @param o the object to compare with
     * @return whether {@code o} is the same share
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof Share s
          && index == s.index
          && term == s.term
          && Arrays.equals(signature, s.signature);
    }

    /**
     * Hashes by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return Objects.hash(index, term) * 31 + Arrays.hashCode(signature);
    }

    /**
     * Shows the position only.
     *
     * @return a short form for logs
     */
    @Override
    public String toString() {
      return "Share[" + index + "@" + term + "]";
    }
  }

  /**
   * The node will not sign the entry.
   *
   * @param index the entry's index, at least 1
   * @param term the entry's term, at least 1
   * @param reason why
   */
  record Refusal(long index, long term, Reason reason) implements ShareItem {

    /**
     * Checks the fields.
     *
     * @param index the entry's index, at least 1
     * @param term the entry's term, at least 1
     * @param reason why
     * @throws IllegalArgumentException if index or term is below 1
     */
    public Refusal {
      checkPosition(index, term);
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a node refuses to sign an entry. */
  enum Reason {
    /** Its signing policy refused (for example, it signed another root for the same duty). */
    POLICY(1),
    /** It has no usable secret share of the entry's key. */
    NO_SECRET_SHARE(2);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    /**
     * Returns the wire code.
     *
     * @return the byte that stands for this reason
     */
    public int code() {
      return code;
    }

    static Reason ofCode(int code) throws MalformedBlsDataException {
      for (Reason r : values()) {
        if (r.code == code) {
          return r;
        }
      }
      throw new MalformedBlsDataException("unknown refusal reason " + code);
    }
  }

  private static void checkPosition(long index, long term) {
    if (index < 1 || term < 1) {
      throw new IllegalArgumentException(
          "entry index and term must be at least 1: " + index + "@" + term);
    }
  }
}
