/**
 * BLS-Raft: a Raft node whose committed duties come out with threshold BLS group signatures,
 * without a single extra message.
 *
 * <p>{@link io.dvraft.bls.BlsRaftStateMachine} decorates {@link io.dvraft.raft.RaftStateMachine}:
 * signature requests ride in the extension of AppendEntries, signature shares in the extension of
 * AppendEntriesResponse. Duties, key additions and removals are {@link io.dvraft.bls.BlsCommand}s
 * in ordinary command entries. Each node holds its own secret shares in a {@link
 * io.dvraft.bls.KeyRing}, asks its {@link io.dvraft.bls.SigningPolicy} before it signs, and
 * journals every signature ({@link io.dvraft.bls.JournalRecord}) in the same batch as the message
 * that carries it. The leader hands out {@link io.dvraft.bls.SignedEntry}s in {@link
 * io.dvraft.bls.BlsOutput}. The protocol is described in docs/bls-raft-protocol.md.
 */
package io.dvraft.bls;
