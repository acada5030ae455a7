package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.testkit.RunStats;
import java.util.TreeSet;

/** What happened during a run, counted as it happens. */
final class Counters {
  long messagesSent;
  long messagesDelivered;
  long messagesDropped;
  long messagesDuplicated;
  long proposalsAccepted;
  long writesCompleted;
  long readsCompleted;
  long crashes;
  long tornWrites;
  long partitions;
  long clogs;
  long pauses;
  long membershipChanges;
  long transfers;
  long snapshotsTaken;
  long snapshotsInstalled;
  long elections;
  final TreeSet<NodeId> leaders = new TreeSet<>();

  RunStats toStats(long ticks, long highestCommit, int historySize) {
    return new RunStats(
        ticks,
        highestCommit,
        proposalsAccepted,
        writesCompleted,
        readsCompleted,
        elections,
        leaders.size(),
        messagesSent,
        messagesDelivered,
        messagesDropped,
        messagesDuplicated,
        crashes,
        tornWrites,
        partitions,
        clogs,
        pauses,
        membershipChanges,
        transfers,
        snapshotsTaken,
        snapshotsInstalled,
        historySize);
  }
}
