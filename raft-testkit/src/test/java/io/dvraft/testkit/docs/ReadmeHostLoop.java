package io.dvraft.testkit.docs;

import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.ReadState;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.message.Message;
import java.util.List;

/**
 * The host loop shown in README.md, compiled and run by {@link ReadmeHostLoopTest}. The README
 * quotes {@link #run}; DocsSnippetsTest fails if the two drift apart.
 */
final class ReadmeHostLoop {

  /** A message from a peer. */
  record Inbound(NodeId from, Message message) {}

  /** Durable storage: persists a batch's hard state, entries and snapshot (fsync if mustSync). */
  interface Storage {
    void persist(Output out);
  }

  /** Any transport; it may lose, duplicate or reorder. */
  interface Network {
    List<Inbound> receive();

    void send(Envelope envelope);
  }

  /** The replicated application. */
  interface App {
    void install(Snapshot snapshot);

    void apply(LogEntry entry);

    void serveRead(ReadState read);
  }

  /** Timer and client input. */
  interface Inputs {
    boolean running();

    boolean tickDue();

    List<byte[]> takeCommands();
  }

  private final Storage storage;
  private final Network network;
  private final App app;
  private final Inputs inputs;

  ReadmeHostLoop(Storage storage, Network network, App app, Inputs inputs) {
    this.storage = storage;
    this.network = network;
    this.app = app;
    this.inputs = inputs;
  }

  private boolean running() {
    return inputs.running();
  }

  void run(RaftStateMachine raft) {
    while (running()) {
      if (inputs.tickDue()) {
        raft.tick();
      }
      for (Inbound in : network.receive()) {
        raft.step(in.from(), in.message());
      }
      for (byte[] command : inputs.takeCommands()) {
        raft.propose(command); // refused, with a leader hint, unless this node leads
      }
      while (raft.hasOutput()) {
        Output out = raft.poll();
        storage.persist(out);                            // 1. durable first (fsync if mustSync)
        out.messages().forEach(network::send);           // 2. then send
        out.snapshotToInstall().ifPresent(app::install); // 3. then apply, in order
        out.committed().forEach(app::apply);
        out.readsReady().forEach(app::serveRead);        // 4. serve once applied >= read index
      }
    }
  }
}
