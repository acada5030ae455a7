package io.dvraft.testkit;

/**
 * What a run did, for summaries and for checking that a campaign really exercised the faults.
 *
 * @param ticks the ticks simulated
 * @param highestCommit the highest commit index any node reached
 * @param proposalsAccepted client proposals a leader accepted
 * @param writesCompleted client writes that returned (applied on the node that took them)
 * @param readsCompleted linearizable reads served
 * @param elections terms in which a leader was elected
 * @param leaders distinct nodes that led at some point
 * @param messagesSent messages handed to the network
 * @param messagesDelivered messages delivered to a running node
 * @param messagesDropped messages lost (random loss, partitions, crashed receivers)
 * @param messagesDuplicated messages delivered twice
 * @param crashes node crashes
 * @param tornWrites crashes that lost or tore the batch being written
 * @param partitions partitions started
 * @param clogs links clogged
 * @param pauses node pauses
 * @param membershipChanges membership changes a leader started
 * @param transfers leadership transfers a leader started
 * @param snapshotsTaken snapshots hosts took
 * @param snapshotsInstalled snapshots hosts installed from a leader
 * @param historySize client operations recorded for the linearizability check
 */
public record RunStats(
    long ticks,
    long highestCommit,
    long proposalsAccepted,
    long writesCompleted,
    long readsCompleted,
    long elections,
    long leaders,
    long messagesSent,
    long messagesDelivered,
    long messagesDropped,
    long messagesDuplicated,
    long crashes,
    long tornWrites,
    long partitions,
    long clogs,
    long pauses,
    long membershipChanges,
    long transfers,
    long snapshotsTaken,
    long snapshotsInstalled,
    long historySize) {

  /**
   * Adds two runs' counts (for campaign totals); {@code highestCommit} and {@code leaders} add up
   * too, as totals over runs.
   *
   * @param o the other run
   * @return the sums
   */
  public RunStats plus(RunStats o) {
    return new RunStats(
        ticks + o.ticks,
        highestCommit + o.highestCommit,
        proposalsAccepted + o.proposalsAccepted,
        writesCompleted + o.writesCompleted,
        readsCompleted + o.readsCompleted,
        elections + o.elections,
        leaders + o.leaders,
        messagesSent + o.messagesSent,
        messagesDelivered + o.messagesDelivered,
        messagesDropped + o.messagesDropped,
        messagesDuplicated + o.messagesDuplicated,
        crashes + o.crashes,
        tornWrites + o.tornWrites,
        partitions + o.partitions,
        clogs + o.clogs,
        pauses + o.pauses,
        membershipChanges + o.membershipChanges,
        transfers + o.transfers,
        snapshotsTaken + o.snapshotsTaken,
        snapshotsInstalled + o.snapshotsInstalled,
        historySize + o.historySize);
  }

  /** All zeros. */
  public static final RunStats ZERO =
      new RunStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
