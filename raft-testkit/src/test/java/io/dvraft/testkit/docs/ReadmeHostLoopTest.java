package io.dvraft.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.ReadState;
import io.dvraft.raft.Role;
import io.dvraft.raft.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadmeHostLoopTest {

  /** One host of the README loop, with in-memory storage and network. */
  private static final class Host implements ReadmeHostLoop.Storage, ReadmeHostLoop.App,
      ReadmeHostLoop.Inputs {
    final NodeId id;
    final RaftStateMachine raft;
    final ReadmeHostLoop loop;
    final List<ReadmeHostLoop.Inbound> inbox = new ArrayList<>();
    final List<String> applied = new ArrayList<>();
    final List<Output> persisted = new ArrayList<>();
    final List<byte[]> commands = new ArrayList<>();
    int iterations;

    Host(NodeId id, Membership membership, Map<NodeId, Host> peers) {
      this.id = id;
      this.raft = RaftStateMachine.create(RaftConfig.builder(id, membership).build());
      ReadmeHostLoop.Network network = new ReadmeHostLoop.Network() {
        @Override
        public List<ReadmeHostLoop.Inbound> receive() {
          List<ReadmeHostLoop.Inbound> in = new ArrayList<>(inbox);
          inbox.clear();
          return in;
        }

        @Override
        public void send(Envelope e) {
          assertThat(persisted).as("a batch is persisted before its messages leave").isNotEmpty();
          peers.get(e.to()).inbox.add(new ReadmeHostLoop.Inbound(id, e.message()));
        }
      };
      this.loop = new ReadmeHostLoop(this, network, this, this);
    }

    @Override
    public void persist(Output out) {
      persisted.add(out);
    }

    @Override
    public void install(Snapshot snapshot) {
      applied.clear();
    }

    @Override
    public void apply(LogEntry entry) {
      if (entry.type() == EntryType.COMMAND) {
        applied.add(new String(entry.data(), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void serveRead(ReadState read) {}

    @Override
    public boolean running() {
      return iterations++ % 2 == 0; // one pass of the loop per call of run()
    }

    @Override
    public boolean tickDue() {
      return true;
    }

    @Override
    public List<byte[]> takeCommands() {
      List<byte[]> out = new ArrayList<>(commands);
      commands.clear();
      return out;
    }
  }

  @Test
  void theReadmeLoopReplicatesCommandsToEveryHost() {
    Map<NodeId, Host> hosts = new TreeMap<>();
    Membership membership = Membership.ofVoters(NodeId.of(1), NodeId.of(2), NodeId.of(3));
    for (long i = 1; i <= 3; i++) {
      hosts.put(NodeId.of(i), new Host(NodeId.of(i), membership, hosts));
    }
    int sent = 0;
    for (int round = 0; round < 500; round++) {
      for (Host h : hosts.values()) {
        if (h.raft.status().role() == Role.LEADER && sent < 20) {
          h.commands.add(("cmd-" + sent++).getBytes(StandardCharsets.UTF_8));
        }
        h.loop.run(h.raft);
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("cmd-" + i);
    }
    for (Host h : hosts.values()) {
      assertThat(h.applied).as("applied at " + h.id).isEqualTo(expected);
    }
  }
}
