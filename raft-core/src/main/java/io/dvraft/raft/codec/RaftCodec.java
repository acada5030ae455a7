package io.dvraft.raft.codec;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.List;

/** Placeholder membership encoding; replaced by the full codec. */
public final class RaftCodec {

  private RaftCodec() {}

  /**
   * Encodes a membership.
   *
   * @param m the membership
   * @return the bytes
   */
  public static byte[] encodeMembership(Membership m) {
    List<List<NodeId>> parts = List.of(m.voters(), m.learners(), m.outgoingVoters());
    int n = 0;
    for (List<NodeId> p : parts) {
      n += 4 + 8 * p.size();
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
    for (List<NodeId> p : parts) {
      b.putInt(p.size());
      for (NodeId id : p) {
        b.putLong(id.value());
      }
    }
    return b.array();
  }

  /**
   * Decodes a membership.
   *
   * @param bytes the bytes
   * @return the membership
   * @throws MalformedMessageException if the bytes are not a membership
   */
  public static Membership decodeMembership(byte[] bytes) throws MalformedMessageException {
    try {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
      List<List<NodeId>> parts = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        int size = b.getInt();
        if (size < 0 || size > b.remaining() / 8) {
          throw new MalformedMessageException("bad count " + size);
        }
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          ids.add(NodeId.of(b.getLong()));
        }
        parts.add(ids);
      }
      if (b.hasRemaining()) {
        throw new MalformedMessageException("trailing bytes");
      }
      return new Membership(parts.get(0), parts.get(1), parts.get(2));
    } catch (RuntimeException e) {
      throw new MalformedMessageException("invalid membership: " + e.getMessage());
    }
  }
}
