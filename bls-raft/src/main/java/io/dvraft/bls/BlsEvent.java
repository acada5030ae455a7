package io.dvraft.bls;

import io.dvraft.raft.NodeId;
import java.util.Objects;

/**
 * Something BLS-Raft noticed that a host may want to log, count or test, but need not act on. Work
 * to do (signatures to use, records to persist) is in the other {@link BlsOutput} fields.
 */
public sealed interface BlsEvent {

  /**
   * A peer's message carried an extension that does not decode. The extension was ignored; the Raft
   * message itself was still handled.
   *
   * @param from the sender
   * @param messageType the simple name of the message's type
   * @param reason what is wrong with it
   */
  record ExtensionDropped(NodeId from, String messageType, String reason) implements BlsEvent {}

  /**
   * A well-formed share item from a peer was ignored because it cannot be right: the sender is not
   * a member of the entry's key, or the entry is not a duty.
   *
   * @param from the sender
   * @param index the entry the item named
   * @param reason why it was ignored
   */
  record ShareIgnored(NodeId from, long index, String reason) implements BlsEvent {}

  /**
   * The leader found that a member's signature share does not verify; it was dropped and the
   * member's further shares for this entry are ignored.
   *
   * @param member the node that sent the bad share
   * @param key the entry's key
   * @param index the entry's index
   * @param term the entry's term
   */
  record BadShare(NodeId member, KeyId key, long index, long term) implements BlsEvent {}

  /**
   * The leader gave up on signing a committed entry.
   *
   * @param index the entry's index
   * @param term the entry's term
   * @param reason why it cannot be signed
   * @param detail a human-readable explanation
   */
  record EntryUnsignable(long index, long term, UnsignableReason reason, String detail)
      implements BlsEvent {
    /**
     * Checks that nothing is null.
     *
     * @param index the entry's index
     * @param term the entry's term
     * @param reason why it cannot be signed
     * @param detail a human-readable explanation
     */
    public EntryUnsignable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * This node did not sign an entry it was asked to sign.
   *
   * @param index the entry's index
   * @param term the entry's term
   * @param key the entry's key
   * @param reason the refusal's kind
   * @param detail the policy's reason, or what is wrong with the secret share
   */
  record SigningRefused(long index, long term, KeyId key, ShareItem.Reason reason, String detail)
      implements BlsEvent {}

  /**
   * This node's secret share of a key cannot be used: the host gave none, or it does not match the
   * public share the key's {@code AddKey} assigns to this node. Reported once per key addition and
   * share.
   *
   * @param key the key
   * @param addIndex the index of the key's {@code AddKey}
   * @param reason what is wrong
   */
  record SecretShareUnusable(KeyId key, long addIndex, String reason) implements BlsEvent {}

  /**
   * An {@code AddKey} committed: entries after it may be signed with the key.
   *
   * @param key the key
   * @param index the {@code AddKey}'s index
   */
  record KeyAdded(KeyId key, long index) implements BlsEvent {}

  /**
   * An {@code AddKey} committed but failed validation: entries after it for the key are unsignable.
   *
   * @param key the key
   * @param index the {@code AddKey}'s index
   * @param reason what is wrong with it
   */
  record KeyRejected(KeyId key, long index, String reason) implements BlsEvent {}

  /**
   * A {@code RemoveKey} committed: entries after it are not signed with the key.
   *
   * @param key the key
   * @param index the {@code RemoveKey}'s index
   */
  record KeyRemoved(KeyId key, long index) implements BlsEvent {}

  /**
   * A proposal was refused by BLS-Raft (the result said so too).
   *
   * @param what which input ({@code "proposeDuty"}, {@code "proposeAddKey"}...)
   * @param reason why
   * @param detail a human-readable explanation
   */
  record ProposalRefused(String what, BlsRefusalReason reason, String detail) implements BlsEvent {}

  /**
   * A snapshot's BLS-Raft header did not decode, so the key directory could not be restored from
   * it; the whole snapshot was taken as application data.
   *
   * @param index the snapshot's index
   * @param reason what is wrong
   */
  record SnapshotUnreadable(long index, String reason) implements BlsEvent {}

  /**
   * A snapshot was refused because it would cover duties the group has not finished signing:
   * compacted away, they could not be signed by a node restarting from the snapshot or installing
   * it, nor collected by a leader. Take the snapshot again once {@code finalizedIndex} reaches
   * {@code index} (or at an applied index at or below it).
   *
   * @param index the index the snapshot was asked at
   * @param finalizedIndex the node's finalized index at the time
   */
  record SnapshotDeferred(long index, long finalizedIndex) implements BlsEvent {}
}
