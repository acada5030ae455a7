package io.dvraft.raft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A cluster configuration: who votes, who only learns, and, during a joint-consensus change
 * (Raft thesis 4.3), who voted in the configuration being left.
 *
 * <p>While {@link #outgoingVoters()} is not empty the configuration is <em>joint</em>: elections
 * and commitment need a majority of {@link #voters()} and, separately, a majority of
 * {@link #outgoingVoters()}. A node may be an outgoing voter and a learner at once (a voter being
 * demoted), but never both a voter and a learner.
 *
 * <p>All lists are sorted by id and free of duplicates, so equal memberships encode to equal bytes.
 *
 * @param voters the voters of the (incoming) configuration; never empty
 * @param learners the members that receive the log but do not vote
 * @param outgoingVoters the voters of the configuration being left; empty unless joint
 */
public record Membership(List<NodeId> voters, List<NodeId> learners, List<NodeId> outgoingVoters) {

  /**
   * Checks the configuration and stores sorted, immutable copies of its lists.
   *
   * @param voters the voters of the (incoming) configuration; never empty
   * @param learners the members that receive the log but do not vote
   * @param outgoingVoters the voters of the configuration being left; empty unless joint
   * @throws IllegalArgumentException if there is no voter or a voter is also a learner
   */
  public Membership {
    voters = sortedDistinct(voters, "voters");
    learners = sortedDistinct(learners, "learners");
    outgoingVoters = sortedDistinct(outgoingVoters, "outgoingVoters");
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("a membership needs at least one voter");
    }
    for (NodeId learner : learners) {
      if (voters.contains(learner)) {
        throw new IllegalArgumentException(learner + " cannot be both a voter and a learner");
      }
    }
  }

  /**
   * Returns a simple (non-joint) configuration of voters only.
   *
   * @param voters the voters
   * @return the membership
   */
  public static Membership ofVoters(NodeId... voters) {
    return new Membership(List.of(voters), List.of(), List.of());
  }

  /**
   * Returns a simple (non-joint) configuration.
   *
   * @param voters the voters
   * @param learners the learners
   * @return the membership
   */
  public static Membership of(Collection<NodeId> voters, Collection<NodeId> learners) {
    return new Membership(List.copyOf(voters), List.copyOf(learners), List.of());
  }

  /**
   * Says whether this is a joint configuration (a change is half done).
   *
   * @return true if {@link #outgoingVoters()} is not empty
   */
  public boolean isJoint() {
    return !outgoingVoters.isEmpty();
  }

  /**
   * Says whether the node votes in this configuration, in either half of a joint one.
   *
   * @param id the node
   * @return true if it is a voter or an outgoing voter
   */
  public boolean isVoter(NodeId id) {
    return voters.contains(id) || outgoingVoters.contains(id);
  }

  /**
   * Says whether the node is in this configuration in any role.
   *
   * @param id the node
   * @return true if it is a voter, learner or outgoing voter
   */
  public boolean contains(NodeId id) {
    return isVoter(id) || learners.contains(id);
  }

  /**
   * Returns every member, in id order: voters, outgoing voters and learners.
   *
   * @return the members
   */
  public List<NodeId> members() {
    TreeSet<NodeId> all = new TreeSet<>(voters);
    all.addAll(outgoingVoters);
    all.addAll(learners);
    return List.copyOf(all);
  }

  /**
   * Returns the joint configuration that moves from this one to the target.
   *
   * @param targetVoters the voters after the change
   * @param targetLearners the learners after the change
   * @return the joint membership
   */
  public Membership enterJoint(Collection<NodeId> targetVoters, Collection<NodeId> targetLearners) {
    return new Membership(List.copyOf(targetVoters), List.copyOf(targetLearners), voters);
  }

  /**
   * Returns the configuration that ends a joint change: the incoming half alone.
   *
   * @return the simple membership
   */
  public Membership leaveJoint() {
    return new Membership(voters, learners, List.of());
  }

  private static List<NodeId> sortedDistinct(List<NodeId> ids, String what) {
    Objects.requireNonNull(ids, what);
    TreeSet<NodeId> sorted = new TreeSet<>();
    for (NodeId id : ids) {
      if (!sorted.add(Objects.requireNonNull(id, what + " element"))) {
        throw new IllegalArgumentException("duplicate " + id + " in " + what);
      }
    }
    return List.copyOf(new ArrayList<>(sorted));
  }
}
