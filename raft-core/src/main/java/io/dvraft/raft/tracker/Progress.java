package io.dvraft.raft.tracker;

import io.dvraft.raft.NodeId;

/**
 * The leader's view of one follower's log (etcd's Progress): the highest index known to match,
 * the next index to send, and the replication state that decides how much may be in flight.
 */
public final class Progress {

  /** {@link #lastHeardTick()} of a follower not heard from since tracking started. */
  public static final long NEVER_HEARD = Long.MIN_VALUE;

  private final NodeId id;
  private final Inflights inflights;
  private ProgressState state = ProgressState.PROBE;
  private long match;
  private long next;
  private boolean probeSent;
  // A member starts out active: one just added to the configuration must get a check-quorum
  // period to answer before the leader counts it as silent.
  private long lastHeardTick = NEVER_HEARD;
  private boolean wantsAppend;
  private long snapshotIndex;
  private long snapshotOffset;
  private long ackedRound;

  /**
   * Creates the progress of a follower that has matched nothing yet.
   *
   * @param id the follower
   * @param next the first index to try
   * @param maxInflight the in-flight window
   */
  public Progress(NodeId id, long next, int maxInflight) {
    this.id = id;
    this.next = next;
    this.inflights = new Inflights(maxInflight);
  }

  /**
   * Starts over as a new leader would: probing from {@code next}, nothing matched.
   *
   * @param nextIndex the first index to try
   */
  public void reset(long nextIndex) {
    becomeProbe();
    match = 0;
    next = nextIndex;
    lastHeardTick = NEVER_HEARD;
    ackedRound = 0;
  }

  /** Goes back to probing from just after the match. */
  public void becomeProbe() {
    if (state == ProgressState.SNAPSHOT) {
      next = Math.max(match + 1, snapshotIndex + 1);
    } else {
      next = match + 1;
    }
    state = ProgressState.PROBE;
    probeSent = false;
    inflights.clear();
  }

  /** Starts streaming: the logs match up to {@code match}. */
  public void becomeReplicate() {
    state = ProgressState.REPLICATE;
    next = match + 1;
    probeSent = false;
    inflights.clear();
  }

  /**
   * Starts sending a snapshot.
   *
   * @param index the snapshot's index
   */
  public void becomeSnapshot(long index) {
    state = ProgressState.SNAPSHOT;
    snapshotIndex = index;
    snapshotOffset = 0;
    inflights.clear();
  }

  /**
   * Takes an acknowledgement of {@code index}.
   *
   * @param index the index the follower confirmed
   * @return true if it raised the match or unblocked a probe
   */
  public boolean acknowledge(long index) {
    boolean updated = false;
    if (index > match) {
      match = index;
      updated = true;
      probeSent = false;
    }
    next = Math.max(next, index + 1);
    inflights.freeUpTo(index);
    return updated;
  }

  /**
   * Takes an acknowledgement that freed nothing (it answers a heartbeat, at the match): if the
   * window is full, the appends in flight may all have been lost, and no answer to them would
   * ever come. Frees the oldest slot so one more append goes out; a follower that missed the
   * earlier ones rejects it, and the progress falls back to probing (etcd does the same on
   * heartbeat responses).
   */
  public void unblockFullWindow() {
    if (state == ProgressState.REPLICATE && inflights.isFull()) {
      inflights.freeFirstOne();
    }
  }

  /**
   * Takes a rejection and moves {@code next} back (fast backtracking, Raft 5.3).
   *
   * @param rejected the prevLogIndex that was rejected
   * @param probeFrom the index at which the logs may agree, from the follower's hint
   * @return false if the rejection is stale (answers an older message) and was ignored
   */
  public boolean rejectedAt(long rejected, long probeFrom) {
    if (state == ProgressState.REPLICATE) {
      if (rejected <= match) {
        return false;
      }
      becomeProbe();
      return true;
    }
    if (next - 1 != rejected) {
      return false;
    }
    next = Math.max(Math.min(rejected, probeFrom + 1), match + 1);
    probeSent = false;
    return true;
  }

  /**
   * Records that an append of entries up to {@code lastIndex} was sent.
   *
   * @param lastIndex the last index carried, or the prevLogIndex if none was
   * @param entryCount how many entries it carried
   */
  public void sentAppend(long lastIndex, int entryCount) {
    if (state == ProgressState.REPLICATE) {
      if (entryCount > 0) {
        next = lastIndex + 1;
        inflights.add(lastIndex);
      }
    } else if (state == ProgressState.PROBE) {
      probeSent = true;
    }
  }

  /**
   * Says whether nothing more may be sent now.
   *
   * @return true while probing with a probe unanswered, streaming with a full window, or
   *     snapshotting
   */
  public boolean isPaused() {
    return switch (state) {
      case PROBE -> probeSent;
      case REPLICATE -> inflights.isFull();
      case SNAPSHOT -> true;
    };
  }

  /** Lets a paused probe send again (on the next heartbeat, in case the probe was lost). */
  public void resumeProbe() {
    probeSent = false;
  }

  /**
   * Records the highest heartbeat round this follower has acknowledged.
   *
   * @param round the round echoed by a response
   */
  public void ackRound(long round) {
    ackedRound = Math.max(ackedRound, round);
  }

  /**
   * Returns the follower.
   *
   * @return the id
   */
  public NodeId id() {
    return id;
  }

  /**
   * Returns the replication state.
   *
   * @return the state
   */
  public ProgressState state() {
    return state;
  }

  /**
   * Returns the highest index known to match the leader's log.
   *
   * @return the match index
   */
  public long match() {
    return match;
  }

  /**
   * Sets the match of the leader's own progress, which follows its log.
   *
   * @param index the leader's last index
   */
  public void selfMatch(long index) {
    match = index;
    next = index + 1;
  }

  /**
   * Returns the next index to send.
   *
   * @return the next index
   */
  public long next() {
    return next;
  }

  /**
   * Returns the highest heartbeat round acknowledged.
   *
   * @return the round
   */
  public long ackedRound() {
    return ackedRound;
  }

  /**
   * Records that the follower answered at logical time {@code tick}.
   *
   * @param tick the leader's tick count
   */
  public void heardAt(long tick) {
    lastHeardTick = Math.max(lastHeardTick, tick);
  }

  /**
   * Returns when the follower last answered, or {@link #NEVER_HEARD} if it has not answered
   * since this leader started tracking it.
   *
   * @return the leader's tick count at the last answer
   */
  public long lastHeardTick() {
    return lastHeardTick;
  }

  /**
   * Returns whether appends should be flushed to this follower at the next poll.
   *
   * @return the flag
   */
  public boolean wantsAppend() {
    return wantsAppend;
  }

  /**
   * Sets whether appends should be flushed to this follower at the next poll.
   *
   * @param wants the flag
   */
  public void wantsAppend(boolean wants) {
    this.wantsAppend = wants;
  }

  /**
   * Returns the index of the snapshot being sent, in the snapshot state.
   *
   * @return the snapshot index
   */
  public long snapshotIndex() {
    return snapshotIndex;
  }

  /**
   * Returns how many snapshot bytes the follower has confirmed.
   *
   * @return the offset of the next chunk
   */
  public long snapshotOffset() {
    return snapshotOffset;
  }

  /**
   * Records how many snapshot bytes the follower holds.
   *
   * @param offset the follower's next expected offset
   */
  public void snapshotOffset(long offset) {
    this.snapshotOffset = offset;
  }

  /**
   * Returns the number of appends in flight.
   *
   * @return the count
   */
  public int inflightCount() {
    return inflights.count();
  }

  @Override
  public String toString() {
    return id + "{" + state + " match=" + match + " next=" + next
        + (probeSent ? " paused" : "") + " inflight=" + inflights.count() + "}";
  }
}
