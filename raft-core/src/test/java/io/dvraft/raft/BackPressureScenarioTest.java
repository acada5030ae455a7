package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.AppendEntriesResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proposal back-pressure: the leader refuses proposals that would take its uncommitted payload
 * past {@code maxUncommittedBytes} (UNCOMMITTED_LIMIT) and commands above {@code maxCommandBytes}
 * (COMMAND_TOO_LARGE), never silently; proposals are accepted again once entries commit.
 */
class BackPressureScenarioTest {

  private static final List<Long> ALL = List.of(1L, 2L, 3L);

  private static String bytes(int n, char fill) {
    return String.valueOf(fill).repeat(n);
  }

  private static RefusalReason refusal(ProposalResult r) {
    assertThat(r).isInstanceOf(ProposalResult.Refused.class);
    return ((ProposalResult.Refused) r).reason();
  }

  @Test
  void propose_refusedAtTheUncommittedLimit_andAcceptedAgainOnceEntriesCommit() {
    ScenarioCluster c = new ScenarioCluster(3, 401, b -> b.maxUncommittedBytes(100));
    Host l = c.awaitLeader();
    c.isolate(l.id.value()); // nothing commits while it is cut off

    assertThat(l.propose(bytes(30, 'a')).isAccepted()).isTrue();
    assertThat(l.propose(bytes(30, 'b')).isAccepted()).isTrue();
    assertThat(l.propose(bytes(30, 'c')).isAccepted()).isTrue();
    ProposalResult refused = l.propose(bytes(30, 'd'));
    assertThat(refusal(refused)).isEqualTo(RefusalReason.UNCOMMITTED_LIMIT);
    assertThat(((ProposalResult.Refused) refused).leaderHint()).contains(l.id);
    assertThat(l.propose(bytes(10, 'e')).isAccepted()).as("exactly up to the limit").isTrue();
    assertThat(refusal(l.propose("f"))).isEqualTo(RefusalReason.UNCOMMITTED_LIMIT);
    assertThat(l.events(RaftEvent.RequestRefused.class))
        .containsExactly(
            new RaftEvent.RequestRefused("propose", RefusalReason.UNCOMMITTED_LIMIT),
            new RaftEvent.RequestRefused("propose", RefusalReason.UNCOMMITTED_LIMIT));

    c.heal();
    c.runUntil("the four commit", 9, () -> l.commands().size() == 4);
    assertThat(l.propose(bytes(30, 'g')).isAccepted()).isTrue();
    assertThat(l.propose(bytes(30, 'h')).isAccepted()).isTrue();
    c.awaitConverged(ALL);
    assertThat(c.node(1).commands())
        .containsExactly(bytes(30, 'a'), bytes(30, 'b'), bytes(30, 'c'), bytes(10, 'e'),
            bytes(30, 'g'), bytes(30, 'h'));
  }

  @Test
  void propose_oneCommandAboveTheUncommittedLimitIsAcceptedWhenNothingElseIsUncommitted() {
    // Otherwise a command between maxUncommittedBytes and maxCommandBytes could never be proposed.
    ScenarioCluster c = new ScenarioCluster(3, 403, b -> b.maxUncommittedBytes(100));
    Host l = c.awaitLeader();
    c.isolate(l.id.value());
    assertThat(l.propose(bytes(150, 'a')).isAccepted()).isTrue();
    assertThat(refusal(l.propose("b"))).isEqualTo(RefusalReason.UNCOMMITTED_LIMIT);
    c.heal();
    c.runUntil("it commits", 9, () -> l.commands().size() == 1);
    assertThat(l.propose("b").isAccepted()).isTrue();
  }

  @Test
  void uncommittedLimit_countsEntriesANewLeaderInherited() {
    ScenarioCluster c = new ScenarioCluster(3, 405, b -> b.maxUncommittedBytes(100));
    Host old = c.awaitLeader();
    // Three 30-byte entries reach the followers, but no acknowledgement reaches the leader.
    c.dropIf = m -> m.to().equals(old.id) && m.message() instanceof AppendEntriesResponse;
    for (char x : new char[] {'a', 'b', 'c'}) {
      assertThat(old.propose(bytes(30, x)).isAccepted()).isTrue();
    }
    c.settle();
    old.crash();
    c.dropIf = m -> false;

    Host next = null;
    for (int i = 0; i < 100 && next == null; i++) {
      c.tickAll();
      c.deliverUntil(() -> c.leader() != null);
      next = c.leader();
    }
    assertThat(next).isNotNull();
    assertThat(next.status().commitIndex()).isLessThan(next.status().lastIndex());
    assertThat(refusal(next.propose(bytes(30, 'd'))))
        .as("the 90 inherited bytes are uncommitted").isEqualTo(RefusalReason.UNCOMMITTED_LIMIT);
    c.settle();
    assertThat(next.propose(bytes(30, 'd')).isAccepted()).isTrue();
    c.settle();
    c.run(2);
    assertThat(next.commands()).hasSize(4);
  }

  @Test
  void propose_commandAboveMaxCommandBytes_refusedAsTooLarge() {
    ScenarioCluster c = new ScenarioCluster(3, 407, b -> b.maxCommandBytes(64));
    Host l = c.awaitLeader();
    assertThat(refusal(l.propose(bytes(65, 'x')))).isEqualTo(RefusalReason.COMMAND_TOO_LARGE);
    assertThat(l.events(RaftEvent.RequestRefused.class))
        .containsExactly(new RaftEvent.RequestRefused("propose", RefusalReason.COMMAND_TOO_LARGE));
    assertThat(l.propose(bytes(64, 'y')).isAccepted()).isTrue();
    Host f = c.node(l.id.value() == 1 ? 2 : 1);
    assertThat(f.propose(bytes(65, 'z')))
        .as("a follower refuses as NOT_LEADER first, with the hint")
        .isEqualTo(new ProposalResult.Refused(RefusalReason.NOT_LEADER, Optional.of(l.id)));
    c.awaitConverged(ALL);
    assertThat(c.node(1).commands()).containsExactly(bytes(64, 'y'));
  }
}
