package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.ScenarioCluster.Msg;
import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threat model (a), a network adversary: it cannot forge what a member says in the member's
 * current term, but it can replay, duplicate, reorder, delay and drop genuine messages (on the link
 * they were sent on: channels authenticate both ends), send anything in a member's name with a
 * term older than the receiver's, and send anything at all in the name of nodes outside the
 * membership. Raft promises every safety property against that, so {@link SafetyChecks} runs on
 * every batch of a live five-node cluster (membership changes, transfers, reads, snapshots,
 * crashes, partitions, loss, reordering, duplication) while the adversary acts, every node is also
 * held to its {@link LocalInvariants}, and once the attack stops the cluster must recover.
 *
 * <p>Two kinds of non-member message are withheld, and counted: an AppendEntries or InstallSnapshot
 * from a non-member in a term at least the receiver's (a leader elected in a configuration the
 * receiver has not seen yet sends exactly that, so the receiver follows it; see
 * HostileTrustBoundaryTest) and anything to a node outside its own configuration (a joining node
 * learns from whoever contacts it). Against those the transport must authenticate that a peer is
 * an operator of the cluster; the byzantine tests step them in.
 *
 * <p>Seeds: {@code -Ddvraft.hostile.seeds=N} (see {@link HostileRuns}). Known: in a sweep of 4000
 * runs, seed 5461 of the replay test never recovers a leader (safety held throughout). It is the
 * open membership liveness issue of MembershipScenarioTest in a form without restarts: leader n2
 * commits the configuration that removes it (index 48) and steps down before anyone else learns
 * that commit, so the remaining voters keep the joint configuration, whose outgoing half refuses
 * them all (n2 and n4 hold longer logs; n3, one configuration behind, drops the new members' vote
 * requests).
 */
class HostileNetworkAdversaryTest {

  private static final int TICKS = 250;
  private static final HostileStats STATS = new HostileStats("HostileNetworkAdversaryTest");
  private static final List<NodeId> NON_MEMBERS =
      List.of(NodeId.of(0), NodeId.of(6), NodeId.of(7), NodeId.of(1000), NodeId.of(Long.MAX_VALUE));

  static LongStream seeds() {
    return HostileRuns.seeds(50);
  }

  @AfterAll
  static void report() {
    STATS.print();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void replaysOfGenuineMessages_keepEverySafetyProperty(long seed) {
    HostileRuns.run(getClass(), "replaysOfGenuineMessages_keepEverySafetyProperty", seed,
        () -> new Adversary(seed, false).attack(Adversary::replay));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void staleTermMessagesInAMembersName_changeNothing(long seed) {
    HostileRuns.run(getClass(), "staleTermMessagesInAMembersName_changeNothing", seed,
        () -> new Adversary(seed, false).attack(Adversary::stale));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void messagesFromOutsideTheMembership_areDroppedWithAReason_andChangeNothing(long seed) {
    HostileRuns.run(getClass(),
        "messagesFromOutsideTheMembership_areDroppedWithAReason_andChangeNothing", seed,
        () -> new Adversary(seed, false).attack(Adversary::nonMember));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyAttackAtOnce_overTheWire_keepsEverySafetyProperty(long seed) {
    HostileRuns.run(getClass(), "everyAttackAtOnce_overTheWire_keepsEverySafetyProperty", seed,
        () -> new Adversary(seed, true).attack(a -> {
          switch (a.g.nextInt(4)) {
            case 0: a.replay(); break;
            case 1: a.stale(); break;
            case 2: a.nonMember(); break;
            default: a.garbage();
          }
        }));
  }

  // -----------------------------------------------------------------------------------------------

  /** The adversary, bound to one live cluster. */
  static final class Adversary {
    final long seed;
    final boolean wire;
    final ScenarioCluster c;
    final HostileMessages g;
    final Map<NodeId, LocalInvariants> inv = new TreeMap<>();
    private final List<Msg> recent = new ArrayList<>();
    private final List<Msg> sample = new ArrayList<>();
    private final List<byte[]> encodings = new ArrayList<>();
    private long recorded;
    private NodeId watchedId;
    private List<Output> watched;
    private boolean attacking;
    private long fed;

    Adversary(long seed, boolean wire) {
      this.seed = seed;
      this.wire = wire;
      ReadMode mode = seed % 2 == 0 ? ReadMode.LEASE : ReadMode.READ_INDEX;
      this.c = new ScenarioCluster(3, seed, b -> b.snapshotTrailingEntries(5)
          .snapshotChunkBytes(24).maxInflightAppends(4).maxEntriesPerAppend(8).readMode(mode));
      c.snapshotPadding = 40;
      Membership start = ScenarioCluster.voters(1, 2, 3);
      c.addNode(4, start);
      c.addNode(5, start);
      c.lossRate = 0.03;
      c.reorder = seed % 3 != 0;
      c.duplicateRate = seed % 4 == 0 ? 0.02 : 0;
      this.g = new HostileMessages(seed * 0x9E3779B97F4A7C15L, !wire);
      for (Host h : c.nodes.values()) {
        inv.put(h.id, new LocalInvariants(h.id, h.config.membership()));
      }
      c.onOutput = this::observe;
    }

    private void observe(Host h, Output out) {
      inv.get(h.id).check(out, h.raft.status());
      if (h.id.equals(watchedId)) {
        watched.add(out);
      }
      for (RaftEvent ev : out.events()) {
        if (ev instanceof RaftEvent.MessageDropped d) {
          STATS.dropped(d);
        }
      }
      if (attacking) {
        for (Envelope env : out.messages()) {
          record(new Msg(h.id, env.to(), env.message()));
        }
      }
    }

    private void record(Msg m) {
      recorded++;
      if (recent.size() < 128) {
        recent.add(m);
      } else {
        recent.set((int) (recorded % 128), m);
      }
      if (sample.size() < 256) {
        sample.add(m);
      } else {
        long j = (g.nextLong() >>> 1) % recorded;
        if (j < 256) {
          sample.set((int) j, m);
        }
      }
      if (recorded % 5 == 0) {
        byte[] bytes = RaftCodec.encode(m.message());
        if (encodings.size() < 64) {
          encodings.add(bytes);
        } else {
          encodings.set(g.nextInt(64), bytes);
        }
      }
    }

    /** Runs the cluster with the adversary acting up to four times per tick, then recovery. */
    void attack(java.util.function.Consumer<Adversary> action) {
      SplitMix64 r = new SplitMix64(seed * 7919);
      long readId = 0;
      attacking = true;
      for (int t = 0; t < TICKS; t++) {
        readId = hostActivity(r, readId);
        for (int k = g.nextInt(5); k > 0; k--) {
          action.accept(this);
        }
        c.tickAll();
        c.deliverRound();
      }
      attacking = false;
      recover();
      STATS.count("runs");
      assertThat(fed).as("hostile messages stepped").isPositive();
      assertThat(c.checks.checksRun()).as("safety checks run").isPositive();
    }

    /** The chaos mix of AdvancedFeaturesChaosTest, at a quicker pace. */
    private long hostActivity(SplitMix64 r, long readId) {
      Host l = c.leader();
      int op = r.nextInt(100);
      if (l != null && op < 30) {
        l.propose("c" + r.nextInt(100_000));
      } else if (l != null && op < 33) {
        List<Long> voters = new ArrayList<>();
        List<Long> learners = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
          int x = r.nextInt(4);
          if (x < 2) {
            voters.add(id);
          } else if (x == 2) {
            learners.add(id);
          }
        }
        if (voters.size() >= 3) {
          l.changeMembership(voters, learners);
        }
      } else if (l != null && op < 35) {
        List<NodeId> vs = l.status().membership().voters();
        l.transferLeadership(vs.get(r.nextInt(vs.size())).value());
      } else if (op < 45) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down) {
          h.read(++readId);
        }
      } else if (op < 49) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down && h.takeSnapshot().ok()) {
          inv.get(h.id).snapshotTaken(h.snapshot);
        }
      } else if (op == 49) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down) {
          h.crash();
        }
      } else if (op < 52) {
        Host h = c.node(1 + r.nextInt(5));
        if (h.down) {
          restart(h);
        }
      } else if (op == 52) {
        List<Long> group = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
          if (r.nextInt(2) == 0) {
            group.add(id);
          }
        }
        c.partition(group);
      } else if (op < 56) {
        c.heal();
      }
      return readId;
    }

    private void restart(Host h) {
      inv.get(h.id).restarting(h.snapshot == null ? 0 : h.snapshot.metadata().index());
      h.restart();
    }

    private void recover() {
      c.heal();
      c.lossRate = 0;
      c.duplicateRate = 0;
      for (Host h : c.nodes.values()) {
        if (h.down) {
          restart(h);
        }
      }
      c.run(25);
      // A leader finishing a change that removes it steps down once the change commits: wait
      // for a leader that stays.
      for (int i = 0; i < 5 && (i == 0 || c.leader() == null); i++) {
        c.awaitLeader();
      }
      c.proposeAndCommit("final", 3);
      List<Long> members = new ArrayList<>();
      for (NodeId id : c.leader().status().membership().members()) {
        members.add(id.value());
      }
      c.awaitConverged(members);
    }

    // ---------------------------------------------------------------------------------------------
    // Attacks

    /** Replays a genuine message, recent or from anywhere in the run, on its own link. */
    void replay() {
      List<Msg> from = g.oneIn(2) || sample.isEmpty() ? recent : sample;
      if (from.isEmpty()) {
        return;
      }
      Msg m = from.get(g.nextInt(from.size()));
      Host to = c.nodes.get(m.to());
      if (to == null || to.down) {
        return;
      }
      long term = to.raft.status().term();
      String age = m.message().term() < term ? "stale term" : m.message().term() == term
          ? "same term" : "newer term (delayed)";
      deliver(to, m.from(), m.message(), "replayed genuine, " + age, Expect.ANYTHING);
    }

    /**
     * Sends, in a member's name, a forged or mutated message in a term older than the receiver's:
     * it may be answered (so that a deposed leader learns the term), nothing else.
     */
    void stale() {
      Host to = liveHost();
      if (to == null || to.raft.status().term() < (wire ? 2 : 1)) {
        return;
      }
      long term = to.raft.status().term();
      NodeId from = NodeId.of(1 + g.nextInt(5));
      if (from.equals(to.id)) {
        return;
      }
      Msg genuine = recent.isEmpty() ? null : recent.get(g.nextInt(recent.size()));
      Message m = genuine == null || g.oneIn(2) ? g.any(target(to)) : g.mutate(genuine.message(),
          target(to));
      long staleTerm = g.staleTerm(term);
      if (wire && staleTerm < 1) {
        staleTerm = 1 + g.nextInt((int) Math.min(term - 1, 1 << 20));
      }
      deliver(to, from, HostileMessages.withTerm(m, staleTerm), "stale term in a member's name",
          Expect.NO_EFFECT);
    }

    /** Sends anything in a non-member's name: it must be dropped with a reason. */
    void nonMember() {
      Host to = liveHost();
      if (to == null) {
        return;
      }
      Message m;
      int k = g.nextInt(4);
      Msg genuine = recent.isEmpty() ? null : recent.get(g.nextInt(recent.size()));
      if (k < 2 || genuine == null) {
        m = g.any(target(to));
      } else if (k == 2) {
        m = g.mutate(genuine.message(), target(to));
      } else {
        m = genuine.message();
      }
      fromNonMember(to, m, "from outside the membership");
    }

    /** Garbage bytes from a non-member: stepped only if they decode. */
    void garbage() {
      byte[] bytes = g.garbage(encodings);
      Message m;
      try {
        m = RaftCodec.decodeMessage(bytes);
      } catch (MalformedMessageException e) {
        STATS.count("garbage refused by the decoder: " + HostileStats.normalize(e.reason()));
        return;
      } catch (RuntimeException e) {
        throw new AssertionError("decodeMessage threw " + e + " on "
            + java.util.HexFormat.of().formatHex(bytes), e);
      }
      Host to = liveHost();
      if (to != null) {
        fromNonMember(to, m, "garbage that decoded, from outside the membership");
      }
    }

    private void fromNonMember(Host to, Message m, String category) {
      NodeId from = NON_MEMBERS.get(g.nextInt(NON_MEMBERS.size()));
      RaftStatus st = to.raft.status();
      LocalInvariants li = inv.get(to.id);
      if (!li.knows(to.id, st)) {
        STATS.count("withheld: to a joining node, which trusts any sender");
        return;
      }
      if ((m instanceof AppendEntries || m instanceof InstallSnapshot) && m.term() >= st.term()) {
        STATS.count("withheld: a non-member claiming leadership of a term >= the receiver's");
        return;
      }
      deliver(to, from, m, category, Expect.DROPPED);
    }

    private Host liveHost() {
      List<Host> up = new ArrayList<>();
      for (Host h : c.nodes.values()) {
        if (!h.down) {
          up.add(h);
        }
      }
      return up.isEmpty() ? null : up.get(g.nextInt(up.size()));
    }

    private HostileMessages.Target target(Host h) {
      LocalInvariants li = inv.get(h.id);
      return HostileMessages.Target.of(h.raft.status(), li::termAt,
          h.snapshot == null ? 0 : h.snapshot.metadata().index(),
          h.snapshot == null ? 0 : h.snapshot.data().length,
          List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3), NodeId.of(4), NodeId.of(5)));
    }

    // ---------------------------------------------------------------------------------------------
    // Delivery and its checks

    enum Expect { ANYTHING, NO_EFFECT, DROPPED }

    private void deliver(Host to, NodeId from, Message message, String category, Expect expect) {
      Message m = message;
      if (wire) {
        m = HostileRuns.overTheWire(m);
        if (m == null) {
          STATS.count("withheld: not encodable, cannot come from the wire");
          return;
        }
        category = "over the wire: " + category;
      }
      STATS.count("fed: " + category);
      fed++;
      RaftStatus before = to.raft.status();
      watchedId = to.id;
      watched = new ArrayList<>();
      try {
        to.raft.step(from, m);
        to.drain();
      } finally {
        watchedId = null;
      }
      RaftStatus after = to.raft.status();
      if (expect == Expect.DROPPED) {
        expectDropped(to, from, m, before, after);
      } else if (expect == Expect.NO_EFFECT) {
        expectNoEffect(to, from, m, before, after);
      } else {
        HostileCluster.countEffects(STATS, before, after, watched);
      }
    }

    private void expectDropped(Host to, NodeId from, Message m, RaftStatus before,
        RaftStatus after) {
      boolean ok = watched.size() == 1 && watched.get(0).events().size() == 1
          && watched.get(0).events().get(0) instanceof RaftEvent.MessageDropped d
          && d.from().equals(from) && d.messageType().equals(m.getClass().getSimpleName())
          && watched.get(0).messages().isEmpty() && !watched.get(0).mustSync()
          && watched.get(0).committed().isEmpty() && watched.get(0).readsReady().isEmpty();
      if (!ok || !after.equals(before)) {
        throw new AssertionError(to.id + " must drop " + m + " from non-member " + from
            + " with one event and no effect; output " + watched + "; status " + before + " -> "
            + after);
      }
    }

    private void expectNoEffect(Host to, NodeId from, Message m, RaftStatus before,
        RaftStatus after) {
      if (!after.equals(before)) {
        throw new AssertionError(to.id + " changed on a stale " + m + " from " + from + ": "
            + before + " -> " + after);
      }
      boolean dropped = false;
      for (Output o : watched) {
        if (o.mustSync() || !o.committed().isEmpty() || !o.readsReady().isEmpty()) {
          throw new AssertionError(to.id + " did work on a stale " + m + " from " + from + ": " + o);
        }
        for (RaftEvent ev : o.events()) {
          if (ev instanceof RaftEvent.MessageDropped) {
            dropped = true;
          } else {
            throw new AssertionError(to.id + " reported " + ev + " on a stale " + m);
          }
        }
        for (Envelope env : o.messages()) {
          Message a = env.message();
          boolean answer = env.to().equals(from) && a.term() == before.term()
              && (a instanceof AppendEntriesResponse r && !r.success()
                  || a instanceof InstallSnapshotResponse s && !s.done()
                  || a instanceof VoteResponse v && !v.granted() && v.preVote());
          if (!answer) {
            throw new AssertionError(to.id + " sent " + env + " on a stale " + m + " from " + from);
          }
        }
      }
      STATS.count(dropped ? "stale: dropped as invalid" : watched.isEmpty()
          ? "stale: ignored" : "stale: answered with the current term");
      if (m instanceof VoteRequest v && !v.preVote()) {
        STATS.count("stale: vote requests refused");
      }
    }
  }
}
