package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.HostileCluster.Host;
import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.Message;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threat model (b), a byzantine member: one member of a live cluster forges arbitrary messages in
 * its own name (and, for good measure, in other members' names, in non-members' names and in the
 * receiver's own), replays and mutates genuine traffic, and sends garbage bytes. Raft is not
 * byzantine-tolerant, so cluster safety cannot be promised here and is not checked. What each
 * honest node must still do, checked after every batch by {@link LocalInvariants}: never throw,
 * never corrupt itself (a consecutive log of non-decreasing terms, commit {@literal <=} last index,
 * applied {@literal <=} commit, a term that never goes down, one vote per term, committed entries
 * never rewritten, well-formed outputs), drop every impossible message with a reason and no effect,
 * and restart from whatever it persisted.
 *
 * <p>Seeds: {@code -Ddvraft.hostile.seeds=N} (see {@link HostileRuns}).
 */
class HostileByzantineMemberTest {

  private static final int TICKS = 150;
  private static final HostileStats STATS = new HostileStats("HostileByzantineMemberTest");

  static LongStream seeds() {
    return HostileRuns.seeds(125);
  }

  @AfterAll
  static void report() {
    STATS.print();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void forgedMessages_neverMakeAnHonestNodeThrowNorBreakItsOwnInvariants(long seed) {
    HostileRuns.run(getClass(), "forgedMessages_neverMakeAnHonestNodeThrowNorBreakItsOwnInvariants",
        seed, () -> {
          HostileCluster c = cluster(seed);
          HostileMessages g = new HostileMessages(seed, true);
          run(c, g, () -> forge(c, g, false));
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void forgeriesAndGarbageOverTheWire_onlyWhatDecodesIsStepped_andInvariantsHold(long seed) {
    HostileRuns.run(getClass(),
        "forgeriesAndGarbageOverTheWire_onlyWhatDecodesIsStepped_andInvariantsHold", seed, () -> {
          HostileCluster c = cluster(seed);
          HostileMessages g = new HostileMessages(seed, false);
          run(c, g, () -> {
            if (g.oneIn(3)) {
              garbage(c, g);
            } else {
              forge(c, g, true);
            }
          });
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void impossibleMessages_areDroppedWithAReason_andChangeNothing(long seed) {
    HostileRuns.run(getClass(), "impossibleMessages_areDroppedWithAReason_andChangeNothing", seed,
        () -> {
          HostileCluster c = cluster(seed);
          HostileMessages g = new HostileMessages(seed, true);
          run(c, g, () -> {
            Host to = c.honest.get(g.nextInt(c.honest.size()));
            int k = g.nextInt(10);
            if (k == 0) {
              c.inject(to, to.id, g.any(to.target()), "impossible: from the receiver itself");
            } else if (k == 1) {
              c.inject(to, g.pick(c.nonMembers), g.any(to.target()), "non-member sender");
            } else if (k == 2) {
              c.inject(to, g.oneIn(2) ? null : c.byzantine, g.oneIn(2) ? null : g.any(to.target()),
                  "impossible: null sender or message");
            } else {
              c.inject(to, c.byzantine, g.impossible(to.target()), "impossible: broken rule");
            }
          });
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void afterHostileInput_everyHonestNodeRestartsFromWhatItPersisted(long seed) {
    HostileRuns.run(getClass(), "afterHostileInput_everyHonestNodeRestartsFromWhatItPersisted",
        seed, () -> {
          HostileCluster c = cluster(seed);
          HostileMessages g = new HostileMessages(seed, true);
          run(c, g, () -> forge(c, g, false));
          for (Host h : c.honest) {
            RaftStatus before = h.raft.status();
            h.restart(); // checks the restored status against the persisted state
            RaftStatus after = h.raft.status();
            assertThat(after.term()).isEqualTo(before.term());
            assertThat(after.votedFor()).isEqualTo(before.votedFor());
            assertThat(after.lastIndex()).isEqualTo(before.lastIndex());
            assertThat(after.lastTerm()).isEqualTo(before.lastTerm());
            // The commit index may come back higher: restore takes every persisted membership
            // entry but the last as committed, which holds of any log an honest leader built but
            // not of one a byzantine leader wrote (a trust in the leader, like leaderCommit).
            assertThat(after.commitIndex()).isGreaterThanOrEqualTo(before.appliedIndex());
          }
        });
  }

  // -----------------------------------------------------------------------------------------------

  private static HostileCluster cluster(long seed) {
    return new HostileCluster(seed % 3 == 0 ? 5 : 3, seed, STATS);
  }

  /** Runs the cluster with honest activity and up to three adversary actions per tick. */
  private static void run(HostileCluster c, HostileMessages g, Runnable adversary) {
    for (int t = 0; t < TICKS; t++) {
      c.honestActivity();
      for (int k = g.nextInt(4); k > 0; k--) {
        adversary.run();
      }
      c.tickAll();
      c.deliverRound();
    }
    assertThat(c.injected).as("hostile messages stepped").isPositive();
    STATS.count("runs");
  }

  /**
   * One forgery: a generated message, a mutated or replayed genuine one, or a genuine one moved to
   * another term, from the byzantine member mostly, to a random honest node.
   */
  private static void forge(HostileCluster c, HostileMessages g, boolean wire) {
    Host to = c.honest.get(g.nextInt(c.honest.size()));
    HostileMessages.Target t = to.target();
    Message m;
    String category;
    int k = g.nextInt(10);
    HostileCluster.Msg genuine = c.genuine();
    if (k < 5 || genuine == null) {
      m = g.any(t);
      category = "forged";
    } else if (k < 7) {
      m = g.mutate(genuine.message(), t);
      category = "mutated genuine";
    } else if (k < 9) {
      m = genuine.message();
      category = "replayed genuine";
    } else {
      m = HostileMessages.withTerm(genuine.message(), g.term(t));
      category = "genuine moved to another term";
    }
    NodeId from = sender(c, g, to, wire);
    if (wire) {
      m = HostileRuns.overTheWire(m);
      if (m == null) {
        STATS.count("withheld: not encodable, cannot come from the wire");
        return;
      }
      category = "over the wire: " + category;
    }
    c.inject(to, from, m, category);
  }

  private static NodeId sender(HostileCluster c, HostileMessages g, Host to, boolean wire) {
    int k = g.nextInt(100);
    if (k < 70) {
      return c.byzantine;
    } else if (k < 80) {
      return g.pick(c.memberIds);
    } else if (k < 92) {
      return g.pick(c.nonMembers);
    } else if (k < 97 || wire) {
      return to.id;
    }
    return null;
  }

  /** Garbage bytes: stepped only if they decode; the decoder throws nothing else. */
  private static void garbage(HostileCluster c, HostileMessages g) {
    byte[] bytes = g.garbage(c.encodings);
    Message m;
    try {
      m = RaftCodec.decodeMessage(bytes);
    } catch (MalformedMessageException e) {
      STATS.count("garbage refused by the decoder: " + HostileStats.normalize(e.reason()));
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("decodeMessage threw " + e + " instead of MalformedMessageException"
          + " on " + java.util.HexFormat.of().formatHex(bytes), e);
    }
    Host to = c.honest.get(g.nextInt(c.honest.size()));
    c.inject(to, g.oneIn(4) ? g.pick(c.nonMembers) : c.byzantine, m, "garbage that decoded");
  }
}
