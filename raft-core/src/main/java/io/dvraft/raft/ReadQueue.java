package io.dvraft.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's linearizable reads waiting for leadership confirmation (ReadIndex, thesis 6.4).
 *
 * <p>A read taken while heartbeat round r is current is confirmed once a quorum acknowledges a
 * round after r: those acknowledgements answer messages sent after the read arrived, so no other
 * leader could have committed anything the read must see. Reads are queued in round order, so
 * they are released from the front.
 */
final class ReadQueue {

  /**
   * A pending read.
   *
   * @param requester the follower that forwarded it, or null for a local read
   * @param readId the host's id
   * @param index the commit index when the read arrived
   * @param round the heartbeat round that must be acknowledged
   */
  record PendingRead(NodeId requester, long readId, long index, long round) {}

  private final ArrayDeque<PendingRead> waitingForRound = new ArrayDeque<>();
  private final List<PendingRead> waitingForCommit = new ArrayList<>();

  /**
   * Queues a read behind a heartbeat round.
   *
   * @param read the read
   */
  void add(PendingRead read) {
    waitingForRound.addLast(read);
  }

  /**
   * Parks a read until the leader has committed an entry of its own term, before which its
   * commit index may be behind the cluster's.
   *
   * @param requester the forwarding follower, or null
   * @param readId the host's id
   */
  void parkUntilCommit(NodeId requester, long readId) {
    waitingForCommit.add(new PendingRead(requester, readId, 0, 0));
  }

  /**
   * Takes the parked reads, to queue them now that the leader's commit index is current.
   *
   * @return the parked reads
   */
  List<PendingRead> takeParked() {
    if (waitingForCommit.isEmpty()) {
      return List.of(); // the common case, on every commit
    }
    List<PendingRead> out = List.copyOf(waitingForCommit);
    waitingForCommit.clear();
    return out;
  }

  /**
   * Removes and returns the reads whose round a quorum has acknowledged.
   *
   * @param quorumRound the highest round a quorum acknowledged
   * @return the confirmed reads, oldest first
   */
  List<PendingRead> confirmUpTo(long quorumRound) {
    List<PendingRead> out = new ArrayList<>();
    while (!waitingForRound.isEmpty() && waitingForRound.peekFirst().round() <= quorumRound) {
      out.add(waitingForRound.pollFirst());
    }
    return out;
  }

  /**
   * Says whether any read waits for a heartbeat round.
   *
   * @return true if a read is queued
   */
  boolean hasQueued() {
    return !waitingForRound.isEmpty();
  }

  /**
   * Drops every read (leadership lost).
   *
   * @return how many were dropped
   */
  int clear() {
    int n = waitingForRound.size() + waitingForCommit.size();
    waitingForRound.clear();
    waitingForCommit.clear();
    return n;
  }
}
