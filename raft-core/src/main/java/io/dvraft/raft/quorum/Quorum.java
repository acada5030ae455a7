package io.dvraft.raft.quorum;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import java.util.Arrays;
import java.util.List;

/**
 * The quorum rules of a (possibly joint) configuration (Raft 5.2, thesis 4.3): a decision needs a
 * majority of the voters and, while joint, also a majority of the outgoing voters.
 *
 * <p>Values that voters reached (match indexes, acknowledged rounds) are given per member slot: the
 * position of each member in {@link Membership#members()}, the order in which the progress tracker
 * keeps them. The quorum keeps the slots of each half's voters, so counting needs neither lookups
 * nor allocation.
 */
public final class Quorum {

  private final NodeId[] incoming;
  private final NodeId[] outgoing;
  private final int[] incomingSlots;
  private final int[] outgoingSlots;
  private final long[] scratch;

  /**
   * Creates the quorum rules of a membership.
   *
   * @param membership the configuration
   */
  public Quorum(Membership membership) {
    this.incoming = membership.voters().toArray(new NodeId[0]);
    this.outgoing = membership.outgoingVoters().toArray(new NodeId[0]);
    List<NodeId> members = membership.members();
    this.incomingSlots = slots(incoming, members);
    this.outgoingSlots = slots(outgoing, members);
    this.scratch = new long[Math.max(incoming.length, outgoing.length)];
  }

  private static int[] slots(NodeId[] voters, List<NodeId> members) {
    int[] slots = new int[voters.length];
    for (int i = 0; i < voters.length; i++) {
      slots[i] = members.indexOf(voters[i]);
    }
    return slots;
  }

  /**
   * Returns the highest value that a quorum has reached, for example the highest log index
   * replicated on a quorum (the commit candidate) or the highest heartbeat round a quorum has
   * acknowledged.
   *
   * @param bySlot the value each member has reached, indexed as {@link Membership#members()}
   * @return the largest v such that a quorum of voters reached at least v
   */
  public long agreedValue(long[] bySlot) {
    long value = majorityValue(incomingSlots, bySlot);
    if (outgoingSlots.length > 0) {
      value = Math.min(value, majorityValue(outgoingSlots, bySlot));
    }
    return value;
  }

  /**
   * Counts an election.
   *
   * @param granted the voters that granted
   * @param rejected the voters that refused
   * @return whether the candidate won, lost or must wait
   */
  public VoteResult voteResult(List<NodeId> granted, List<NodeId> rejected) {
    VoteResult in = majorityVote(incoming, granted, rejected);
    if (outgoing.length == 0) {
      return in;
    }
    VoteResult out = majorityVote(outgoing, granted, rejected);
    if (in == VoteResult.LOST || out == VoteResult.LOST) {
      return VoteResult.LOST;
    }
    return in == VoteResult.WON && out == VoteResult.WON ? VoteResult.WON : VoteResult.PENDING;
  }

  /**
   * Says whether the given nodes include a quorum.
   *
   * @param active the nodes heard from
   * @return true if they form a majority of each half of the configuration
   */
  public boolean isQuorum(List<NodeId> active) {
    return voteResult(active, List.of()) == VoteResult.WON;
  }

  private long majorityValue(int[] voterSlots, long[] bySlot) {
    int n = voterSlots.length;
    for (int i = 0; i < n; i++) {
      scratch[i] = bySlot[voterSlots[i]];
    }
    Arrays.sort(scratch, 0, n);
    // With the values sorted ascending, the one at n - (n/2 + 1) is reached by n/2 + 1 voters.
    return scratch[n - (n / 2 + 1)];
  }

  private static VoteResult majorityVote(
      NodeId[] voters, List<NodeId> granted, List<NodeId> rejected) {
    int yes = 0;
    int no = 0;
    for (NodeId voter : voters) {
      if (granted.contains(voter)) {
        yes++;
      } else if (rejected.contains(voter)) {
        no++;
      }
    }
    int majority = voters.length / 2 + 1;
    if (yes >= majority) {
      return VoteResult.WON;
    }
    return voters.length - no >= majority ? VoteResult.PENDING : VoteResult.LOST;
  }
}
