package io.dvraft.raft.tracker;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.quorum.Quorum;
import io.dvraft.raft.quorum.VoteResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration in force and, on a leader, the progress of every member; on a candidate, the
 * votes received. Members are always visited in id order so that outputs are deterministic.
 *
 * <p>The progress array is sorted by id, which also serves lookups (a binary search: no hashing on
 * the path of every acknowledgement), and its positions are the member slots of {@link Quorum}.
 */
public final class ProgressTracker {

  private final NodeId self;
  private final int maxInflight;
  private final List<NodeId> granted = new ArrayList<>();
  private final List<NodeId> rejected = new ArrayList<>();
  private Membership membership;
  private Quorum quorum;
  private Progress[] ordered = new Progress[0];
  private Progress selfProgress;
  private long[] values = new long[0];
  private boolean selfIsQuorum;

  /**
   * Creates a tracker.
   *
   * @param self this node
   * @param membership the configuration in force
   * @param maxInflight the in-flight window per follower
   * @param lastIndex the last log index, from which new progress starts probing
   */
  public ProgressTracker(NodeId self, Membership membership, int maxInflight, long lastIndex) {
    this.self = self;
    this.maxInflight = maxInflight;
    setMembership(membership, lastIndex);
  }

  /**
   * Puts a configuration in force: progress is created for new members and dropped for removed
   * ones; existing members keep theirs.
   *
   * @param newMembership the configuration
   * @param lastIndex the last log index, from which new members start probing
   */
  public void setMembership(Membership newMembership, long lastIndex) {
    this.membership = newMembership;
    this.quorum = new Quorum(newMembership);
    this.selfIsQuorum = quorum.isQuorum(List.of(self));
    List<NodeId> members = newMembership.members();
    Progress[] next = new Progress[members.size()];
    for (int i = 0; i < next.length; i++) {
      NodeId id = members.get(i);
      Progress existing = progress(id); // looked up in the configuration being replaced
      next[i] = existing != null ? existing : new Progress(id, lastIndex + 1, maxInflight);
    }
    this.ordered = next;
    this.selfProgress = progress(self);
    this.values = new long[next.length];
  }

  /**
   * Returns the configuration in force.
   *
   * @return the membership
   */
  public Membership membership() {
    return membership;
  }

  /**
   * Returns a member's progress.
   *
   * @param id the member
   * @return its progress, or null if it is not a member
   */
  public Progress progress(NodeId id) {
    long wanted = id.value();
    int low = 0;
    int high = ordered.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long found = ordered[mid].id().value();
      if (found < wanted) {
        low = mid + 1;
      } else if (found > wanted) {
        high = mid - 1;
      } else {
        return ordered[mid];
      }
    }
    return null;
  }

  /**
   * Returns this node's own progress.
   *
   * @return its progress, or null if this node is not a member
   */
  public Progress self() {
    return selfProgress;
  }

  /**
   * Returns every member's progress in id order, this node's included.
   *
   * @return the progress array (do not modify)
   */
  public Progress[] all() {
    return ordered;
  }

  /**
   * Says whether this node may campaign: it votes in the configuration in force.
   *
   * @return true if this node is a voter
   */
  public boolean selfIsVoter() {
    return membership.isVoter(self);
  }

  /**
   * Restarts every member's progress as a new leader does.
   *
   * @param lastIndex the leader's last index
   */
  public void resetForLeader(long lastIndex) {
    for (Progress p : ordered) {
      p.reset(lastIndex + 1);
      p.wantsAppend(false);
    }
    selfProgress.selfMatch(lastIndex);
  }

  /**
   * Returns the highest index replicated on a quorum.
   *
   * @return the commit candidate
   */
  public long quorumMatch() {
    for (int i = 0; i < ordered.length; i++) {
      values[i] = ordered[i].match();
    }
    return quorum.agreedValue(values);
  }

  /**
   * Returns the highest heartbeat round acknowledged by a quorum.
   *
   * @param selfRound the round this node is at (it acknowledges itself)
   * @return the round
   */
  public long quorumRound(long selfRound) {
    for (int i = 0; i < ordered.length; i++) {
      values[i] = ordered[i] == selfProgress ? selfRound : ordered[i].ackedRound();
    }
    return quorum.agreedValue(values);
  }

  /**
   * Says whether a quorum answered within the last {@code window} ticks (check-quorum). A member
   * not heard from since tracking started gets a full window from the first check that sees it,
   * so a leader never counts a voter it just added, or just began leading, as silent.
   *
   * @param now the leader's tick count
   * @param window the election timeout in ticks
   * @return true if a quorum, this node included, was heard from in (now - window, now]
   */
  public boolean quorumHeardWithin(long now, int window) {
    List<NodeId> active = new ArrayList<>();
    for (Progress p : ordered) {
      if (p.lastHeardTick() == Progress.NEVER_HEARD) {
        p.heardAt(now);
      }
      if (p.id().equals(self) || now - p.lastHeardTick() < window) {
        active.add(p.id());
      }
    }
    return quorum.isQuorum(active);
  }

  /**
   * Says whether the given nodes form a quorum of the configuration in force.
   *
   * @param nodes the nodes
   * @return true if they include a majority of each half of the configuration
   */
  public boolean isQuorum(List<NodeId> nodes) {
    return quorum.isQuorum(nodes);
  }

  /** Forgets the votes of the last election. */
  public void resetVotes() {
    granted.clear();
    rejected.clear();
  }

  /**
   * Counts a vote; only the first answer of each voter counts.
   *
   * @param voter the voter
   * @param grant whether it granted
   */
  public void recordVote(NodeId voter, boolean grant) {
    if (granted.contains(voter) || rejected.contains(voter)) {
      return;
    }
    (grant ? granted : rejected).add(voter);
  }

  /**
   * Counts the election so far.
   *
   * @return the result
   */
  public VoteResult voteResult() {
    return quorum.voteResult(granted, rejected);
  }

  /**
   * Says whether one node alone is a quorum (a single-voter configuration).
   *
   * @return true if this node's own acknowledgement decides
   */
  public boolean selfIsQuorum() {
    return selfIsQuorum;
  }
}
