package io.dvraft.raft.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example host of docs/host-integration.md: three hosts, files in a temporary directory. */
class ExampleHostTest {

  private static final Membership MEMBERSHIP =
      Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));

  @TempDir Path dir;
  private final InMemoryTransport network = new InMemoryTransport();
  private final Map<NodeId, ExampleHost> hosts = new TreeMap<>();

  private static RaftConfig config(NodeId id) {
    return RaftConfig.builder(id, MEMBERSHIP).seed(id.value()).snapshotTrailingEntries(5).build();
  }

  private ExampleHost open(NodeId id) throws IOException {
    ExampleHost host = ExampleHost.open(config(id), dir.resolve("n" + id.value()), network);
    hosts.put(id, host);
    return host;
  }

  @AfterEach
  void closeAll() throws IOException {
    for (ExampleHost h : hosts.values()) {
      h.close();
    }
  }

  /** One tick for every host, with time for the messages it causes to travel. */
  private void turn() {
    hosts.values().forEach(h -> h.runOnce(true));
    for (int i = 0; i < 3; i++) {
      hosts.values().forEach(h -> h.runOnce(false));
    }
  }

  private ExampleHost awaitLeader() {
    for (int i = 0; i < 200; i++) {
      for (ExampleHost h : hosts.values()) {
        if (h.status().role() == Role.LEADER) {
          return h;
        }
      }
      turn();
    }
    throw new AssertionError("no leader");
  }

  /** A client: asks any host, follows the leader hint of a refusal, retries later otherwise. */
  private ProposalResult.Accepted propose(String command) {
    ExampleHost target = hosts.values().iterator().next();
    for (int attempt = 0; attempt < 100; attempt++) {
      CompletableFuture<ProposalResult> answer = target.propose(command);
      target.runOnce(false);
      ProposalResult result = answer.join();
      if (result instanceof ProposalResult.Accepted accepted) {
        return accepted;
      }
      ProposalResult.Refused refused = (ProposalResult.Refused) result;
      if (refused.leaderHint().isPresent() && hosts.containsKey(refused.leaderHint().get())) {
        target = hosts.get(refused.leaderHint().get());
      } else {
        turn();
      }
    }
    throw new AssertionError("proposal not accepted: " + command);
  }

  private void turnUntilAllHave(int items) {
    for (int i = 0; i < 500; i++) {
      if (hosts.values().stream().allMatch(h -> h.items().size() >= items)) {
        return;
      }
      turn();
    }
    throw new AssertionError("hosts did not catch up");
  }

  @Test
  void threeHostsApplyTheSameHundredCommandsWhenOneRestartsFromItsFiles() throws IOException {
    for (long i = 1; i <= 3; i++) {
      open(NodeId.of(i));
    }
    ExampleHost leader = awaitLeader();
    List<String> expected = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      expected.add("cmd-" + i);
      propose("cmd-" + i);
      turn();
    }
    turnUntilAllHave(50);

    // One follower stops; the others go on and compact their logs past where it stopped.
    NodeId stopped = hosts.keySet().stream().filter(id -> !id.equals(leader.id())).findFirst().get();
    hosts.remove(stopped).close();
    for (int i = 50; i < 100; i++) {
      expected.add("cmd-" + i);
      propose("cmd-" + i);
      turn();
    }
    turnUntilAllHave(100);

    // It restarts from its files: its state machine and its application resume where they were.
    ExampleHost restarted = open(stopped);
    assertThat(expected).startsWith(restarted.items().toArray(String[]::new));
    assertThat(restarted.items()).hasSizeGreaterThanOrEqualTo(ExampleHost.SNAPSHOT_EVERY);
    turnUntilAllHave(100);

    for (ExampleHost h : hosts.values()) {
      assertThat(h.items()).as("%s applied", h.id()).isEqualTo(expected);
    }
    assertThat(restarted.snapshotsInstalled())
        .as("it caught up through the leader's snapshot: the log it needed was compacted")
        .isPositive();
  }

  @Test
  void linearizableReadOnAFollowerSeesEveryCommandCommittedBeforeIt() throws IOException {
    for (long i = 1; i <= 3; i++) {
      open(NodeId.of(i));
    }
    ExampleHost leader = awaitLeader();
    for (int i = 0; i < 10; i++) {
      propose("cmd-" + i);
    }
    ExampleHost follower =
        hosts.values().stream().filter(h -> h != leader).findFirst().orElseThrow();

    CompletableFuture<List<String>> read = follower.read();
    for (int i = 0; i < 100 && !read.isDone(); i++) {
      turn();
    }

    assertThat(read).isCompleted();
    assertThat(read.join()).hasSize(10).startsWith("cmd-0").endsWith("cmd-9");
  }

  @Test
  void threeHostsOnTheirOwnThreadsAgreeInRealTime() throws Exception {
    for (long i = 1; i <= 3; i++) {
      open(NodeId.of(i));
    }
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (ExampleHost h : hosts.values()) {
      Thread t = new Thread(() -> {
        try {
          h.run(5, stop::get);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "host-" + h.id());
      threads.add(t);
      t.start();
    }
    try {
      // At-least-once client: a command whose leader was deposed before committing it is
      // proposed again, so a slow machine may see one twice; Raft still keeps the hosts identical.
      List<String> expected = new ArrayList<>();
      NodeId target = NodeId.of(1);
      for (int i = 0; i < 100; i++) {
        String command = "cmd-" + i;
        expected.add(command);
        target = proposeUntilApplied(target, command);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && !converged()) {
        Thread.sleep(5);
      }
      List<String> reference = hosts.get(NodeId.of(1)).items();
      for (ExampleHost h : hosts.values()) {
        assertThat(h.items()).isEqualTo(reference);
      }
      assertThat(new LinkedHashSet<>(reference)).containsExactlyElementsOf(expected);
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }
    assertThat(failures).isEmpty();
  }

  private NodeId proposeUntilApplied(NodeId target, String command) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      ProposalResult r = hosts.get(target).propose(command).get(10, TimeUnit.SECONDS);
      if (r instanceof ProposalResult.Refused refused) {
        target = refused.leaderHint().orElse(target);
        Thread.sleep(5);
        continue;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < deadline) {
        if (hosts.get(target).items().contains(command)) {
          return target;
        }
        Thread.sleep(1);
      }
    }
    throw new AssertionError("not committed: " + command);
  }

  private boolean converged() {
    List<String> first = hosts.get(NodeId.of(1)).items();
    return hosts.values().stream().allMatch(h -> h.items().equals(first));
  }
}
