package io.dvraft.bls;

/** Why a committed entry will never get a group signature. */
public enum UnsignableReason {
  /** It claims to be a BLS-Raft command but does not decode. */
  MALFORMED,
  /** Its key was never added at that point of the log, or was removed before it. */
  UNKNOWN_KEY,
  /** Its key's {@code AddKey} failed validation (bad points, threshold not a majority...). */
  INVALID_KEY,
  /** More than n - t members refused it or sent bad shares, so t good shares cannot come. */
  REFUSED,
  /**
   * Fewer than t of its key's members (not counting those that refused or cheated) are still
   * members of the cluster: the others were removed and get no more appends, so t shares cannot
   * come. Re-share the key to the new members (a new {@code AddKey}) to sign such duties again.
   */
  TOO_FEW_MEMBERS
}
