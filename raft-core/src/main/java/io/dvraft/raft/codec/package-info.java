/**
 * The binary wire and storage format of dvraft's Raft values: every {@link
 * io.dvraft.raft.message.Message}, {@link io.dvraft.raft.LogEntry}, {@link io.dvraft.raft.HardState},
 * {@link io.dvraft.raft.SnapshotMetadata} and {@link io.dvraft.raft.Membership}, plus the {@link
 * io.dvraft.raft.codec.AddressedMessage} a transport carries.
 *
 * <p>{@link io.dvraft.raft.codec.RaftCodec} is the single entry point. The format is versioned,
 * compact (unsigned LEB128 varints) and canonical: each value has exactly one encoding, and the
 * decoders reject every other byte string with a {@link
 * io.dvraft.raft.codec.MalformedMessageException}. The format is specified, with golden byte
 * vectors, in {@code docs/wire-format.md}.
 */
package io.dvraft.raft.codec;
