package io.dvraft.bls;

/**
 * The slashing-protection hook: decides, before a node signs, whether it may sign a root for a
 * duty, and learns what it signed.
 *
 * <p>BLS-Raft asks {@link #check} before every new share (on the leader when a duty is proposed, on
 * followers when they accept the entry) and calls {@link #signed} right after, with the journal
 * record that goes into the same output batch. On restore it replays the whole persisted journal
 * through {@link #signed}, so a policy may keep its state in memory only. Calls come from the one
 * thread that drives the node. A policy must be deterministic for the simulation to be: same calls,
 * same answers.
 *
 * <p>{@link ConflictRefusingPolicy} is the ready-made one. A production validator plugs its
 * EIP-3076 slashing-protection database behind this interface.
 */
public interface SigningPolicy {

  /**
   * Decides whether this node may sign {@code signingRoot} with its share of {@code key} for the
   * duty {@code dutyKey}. Must not change state: a check may be followed by no signature.
   *
   * @param key the key
   * @param dutyKey the duty's slashing-protection name (do not mutate)
   * @param signingRoot the 32 bytes to sign (do not mutate)
   * @return allow, or refuse with a reason
   */
  SigningDecision check(KeyId key, byte[] dutyKey, byte[] signingRoot);

  /**
   * Records that this node signed, after an allowing {@link #check}, or when a persisted journal is
   * replayed on restore (then possibly more than once for the same record).
   *
   * @param record what was signed
   */
  void signed(JournalRecord record);
}
