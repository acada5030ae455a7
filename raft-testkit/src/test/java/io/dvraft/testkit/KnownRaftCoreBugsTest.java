package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RAFT-CORE BUGS FOUND BY THE SIMULATOR. These tests replay shrunk schedules (replay files in
 * {@code src/test/resources/raft-core-bugs}) and FAIL until raft-core is fixed; they are tagged
 * {@code raft-core-bug} and excluded from the default build. Run them with {@code mvn -pl
 * raft-testkit test -Dtest=KnownRaftCoreBugsTest -Dtestkit.excludedGroups=none} (or replay a file
 * with {@code java -jar raft-testkit/target/dvraft-sim.jar --replay FILE}). When one passes, the
 * bug is fixed: remove its tag, so it guards against regressions.
 */
@Tag("raft-core-bug")
class KnownRaftCoreBugsTest {

  private static Replay load(String name) throws Exception {
    try (InputStream in =
        KnownRaftCoreBugsTest.class.getResourceAsStream("/raft-core-bugs/" + name)) {
      return Replay.from(
          io.dvraft.testkit.choice.ReplayFile.parse(
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  /**
   * Bug 1, a replication stall: a leader whose follower's progress is in REPLICATE with a full
   * inflight window never sends that follower another entry once the window's AppendEntries were
   * all lost (here a one-way partition: the follower "cannot receive"). Heartbeats go at the
   * follower's match index, the follower acknowledges that index, {@code Progress.acknowledge}
   * frees nothing above it, the window stays full, {@code isPaused()} stays true: the follower
   * never catches up and, with a membership or quorum that needs it, nothing more commits. etcd
   * frees one inflight slot on every heartbeat response when the window is full for this reason
   * ({@code pr.Inflights.FreeFirstOne()}); falling back to probe on a heartbeat ack below {@code
   * next - 1} would also do. The replay runs with a window of 8 so the schedule stays short; a
   * window of 256 stalls the same way after 256 lost appends (a long one-way partition).
   */
  @Test
  void aFullInflightWindowOfLostAppendsStallsReplicationForever() throws Exception {
    Replay replay = load("replication-stall-full-inflight-window.replay");

    RunResult run = replay.run();

    assertThat(run.violations()).as("raft-core bug 1, replication stall").isEmpty();
  }

  /**
   * Bug 2, a joint-consensus deadlock: a leader that leaves the voters (demoted to learner or
   * removed) steps down the moment the final configuration C_new commits on it ({@code
   * applyCommittedMemberships} calls {@code becomeFollower} inside {@code commitTo}), before it has
   * told anyone the new commit index. Followers therefore stay in the joint configuration
   * C_old,new, which needs a majority of C_old, which includes the old leader. If the old leader
   * also holds an entry the others lack (a proposal it accepted after C_new), it refuses them its
   * vote as not up to date, and never campaigns itself (it is not a voter of C_new): no leader can
   * ever be elected. Fixes: broadcast the commit index before stepping down (etcd steps down only
   * after the application applied the change, once the commit was sent), or let a node outside the
   * voters still campaign while others need it.
   */
  @Test
  void aLeaderLeavingTheVotersCanDeadlockTheJointConfiguration() throws Exception {
    Replay replay = load("joint-consensus-deadlock-leader-steps-down.replay");

    RunResult run = replay.run();

    assertThat(run.violations()).as("raft-core bug 2, joint-consensus deadlock").isEmpty();
  }

  /**
   * Bug 3, commit not re-evaluated when the quorum shrinks: the leader commits under the old
   * configuration an index that also commits a configuration with a smaller quorum (here the joint
   * {n1,n3}+{n2,n3} is left for {n1,n3}), but {@code commitTo} never calls {@code maybeCommit}
   * again under the new configuration. Entries the new quorum already holds (here 25 and 26, with
   * n1 and n3 both at match 26) stay uncommitted until some later acknowledgement advances a match
   * index or a new proposal arrives; acknowledgements at the same index do not count ({@code
   * advanced} is false), so with idle clients a client's write hangs forever. etcd re-checks after
   * every configuration switch ("the quorum size may have been reduced, so see if any pending
   * entries can be committed"). This replay slipped into bug 3 while shrinking bug 1.
   */
  @Test
  void shrinkingTheQuorumDoesNotCommitWhatTheNewQuorumAlreadyHolds() throws Exception {
    Replay replay = load("commit-not-reevaluated-after-quorum-shrinks.replay");

    RunResult run = replay.run();

    assertThat(run.violations()).as("raft-core bug 3, commit not re-evaluated").isEmpty();
  }

  /**
   * Bug 4, a stale member can never catch up: {@code RaftStateMachine.checkSender} drops every
   * message whose sender is not in the receiver's configuration ("sender is not a member"). A node
   * that missed membership changes (here n1, down or cut off while the configuration moved on)
   * still holds an old configuration in which the current leader (n2) is not a member, so it drops
   * the leader's AppendEntries and InstallSnapshot, the only messages that could teach it the new
   * configuration. It stays behind forever, although it is a voter of the current configuration.
   * etcd accepts appends and snapshots from whoever leads the current term; checking the sender
   * against the configuration only makes sense for votes (and even then etcd lets learners vote).
   * Found by seed 200292 with five nodes and default settings.
   */
  @Test
  void aNodeWithAStaleConfigurationDropsTheNewLeadersMessages() throws Exception {
    Replay replay = load("stale-member-drops-new-leader.replay");

    RunResult run = replay.run();

    assertThat(run.violations()).as("raft-core bug 4, stale member drops the leader").isEmpty();
  }

  /**
   * Bug 5 (liveness; FIXED by the commit hint in vote refusals, see raft-core's {@code
   * VoteCommitHintTest}), a joint-consensus deadlock after a leaving leader loses its quorum:
   * n2 moves {n1,n2,n3} to voters {n1,n2} with n3 a learner, and hands leadership to n3 (still a
   * voter of the joint configuration). n3 commits the final configuration and one more entry of
   * its own, then partitions cut it off from both others before they learn that commit, and
   * check-quorum steps it down (bug 2's fix, leading on until a quorum of the new configuration
   * confirms the commit, needs that quorum to answer). n1 and n2 stay in the joint configuration,
   * which needs n3's vote; n3 refuses it (its log is longer) and, a learner in its own view,
   * never campaigns: no leader ever, though n1 and n2 form a quorum of the committed
   * configuration. The fix: a vote refusal carries the refuser's commit index and that entry's
   * term, and a candidate whose log matches at that index commits up to it (an honest node's
   * commit claim is a fact, and log matching makes the entries identical), so n1 and n2 learn the
   * final configuration and elect each other. Found by seed 97072 (3 nodes, BLS-Raft,
   * toy scheme, node 3 byzantine, which plays no part in the bug); 1 of 1000 seeds.
   */
  @Test
  void aLeavingLeaderSteppingDownByCheckQuorumCanDeadlockTheJointConfiguration()
      throws Exception {
    Replay replay = load("joint-consensus-deadlock-leaving-leader-steps-down-by-check-quorum.replay");

    RunResult run = replay.run();

    assertThat(run.violations()).as("raft-core bug 5, joint-consensus deadlock").isEmpty();
  }
}
