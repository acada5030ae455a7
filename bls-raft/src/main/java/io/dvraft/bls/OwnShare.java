package io.dvraft.bls;

import io.dvraft.raft.NodeId;

/**
 * This node's answer for one entry (its share or its refusal), and how often it went to the current
 * leader, so that responses send new answers first and rotate through the others.
 */
final class OwnShare {

  private final ShareItem item;
  private NodeId sentTo;
  private long sentTerm;
  private int sentCount;

  OwnShare(ShareItem item) {
    this.item = item;
  }

  ShareItem item() {
    return item;
  }

  long term() {
    return item.term();
  }

  boolean isShare() {
    return item instanceof ShareItem.Share;
  }

  /** How many times it went to this leader in this term. */
  int sentCount(NodeId leader, long term) {
    return leader.equals(sentTo) && term == sentTerm ? sentCount : 0;
  }

  void markSent(NodeId leader, long term) {
    sentCount = sentCount(leader, term) + 1;
    sentTo = leader;
    sentTerm = term;
  }
}
