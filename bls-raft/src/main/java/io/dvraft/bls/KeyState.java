package io.dvraft.bls;

import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.raft.NodeId;

/**
 * What a key is at some point of the log: the effect of the last {@code AddKey} or {@code
 * RemoveKey} before that point. Log positions, not commitment, decide it: followers sign entries
 * before they commit, and Raft's log matching gives every node that holds an entry the same prefix
 * before it, so they all see the same key state for it.
 */
sealed interface KeyState {

  /** The key. */
  KeyId key();

  /** The index of the entry that set this state. */
  long index();

  /** A valid key: entries after {@code index} sign with it. */
  record Active(KeyId key, long index, BlsCommand.AddKey command) implements KeyState {
    int threshold() {
      return command.thresholdKey().threshold();
    }

    int size() {
      return command.members().size();
    }

    ShareIndex shareIndexOf(NodeId node) {
      return command.members().get(node);
    }

    boolean isMember(NodeId node) {
      return command.members().containsKey(node);
    }
  }

  /** An {@code AddKey} that failed validation: entries after it for the key are unsignable. */
  record Invalid(KeyId key, long index, BlsCommand.AddKey command, String reason)
      implements KeyState {}

  /** A {@code RemoveKey}: entries after it for the key are unsignable. */
  record Removed(KeyId key, long index) implements KeyState {}
}
