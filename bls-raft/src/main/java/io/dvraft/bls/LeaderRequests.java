package io.dvraft.bls;

import io.dvraft.raft.NodeId;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The signature requests this node received: per leader, the finalized index of its latest term,
 * which bounds the shares a response to it carries; and the highest finalized index seen from
 * anyone, where this node starts if it becomes leader (entries below it are already signed or
 * unsignable, whoever said so).
 */
final class LeaderRequests {

  private record Request(long term, long finalized) {}

  private final TreeMap<NodeId, Request> latest = new TreeMap<>();
  private long seenFinalized;

  void observe(NodeId leader, long term, long finalized) {
    Request previous = latest.get(leader);
    if (previous == null || previous.term() < term) {
      latest.put(leader, new Request(term, finalized));
    } else if (previous.term() == term && previous.finalized() < finalized) {
      latest.put(leader, new Request(term, finalized));
    }
    seen(finalized);
  }

  /** Records a finalized index this node reached itself as leader. */
  void seen(long finalized) {
    seenFinalized = Math.max(seenFinalized, finalized);
  }

  /** The finalized index {@code leader} sent in {@code term}, if it sent a request then. */
  OptionalLong finalizedFor(NodeId leader, long term) {
    Request request = latest.get(leader);
    return request != null && request.term() == term
        ? OptionalLong.of(request.finalized())
        : OptionalLong.empty();
  }

  long seenFinalized() {
    return seenFinalized;
  }
}
