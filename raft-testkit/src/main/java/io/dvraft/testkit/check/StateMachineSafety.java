package io.dvraft.testkit.check;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.SnapshotMetadata;
import java.util.HashMap;
import java.util.Map;

/**
 * State machine safety (Raft figure 3): all nodes apply the same sequence. Each host's application
 * keeps an {@link EntryChain} of what it applied; the chain at every index must be the same on
 * every node, whether the node got there by applying entries or by installing a snapshot.
 */
public final class StateMachineSafety extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "state-machine-safety";

  private final Map<Long, Seen> chainAt = new HashMap<>();

  private record Seen(long chain, String node, String what) {}

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public StateMachineSafety(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onApplied(long tick, NodeView node, LogEntry entry, long chain) {
    check(tick, node, entry.index(), chain, "applied " + entry);
  }

  @Override
  public void onSnapshotInstalled(long tick, NodeView node, SnapshotMetadata metadata, long chain) {
    check(tick, node, metadata.index(), chain, "installed a snapshot at " + metadata.index());
  }

  private void check(long tick, NodeView node, long index, long chain, String what) {
    Seen previous = chainAt.putIfAbsent(index, new Seen(chain, node.id().toString(), what));
    if (previous != null && previous.chain() != chain) {
      violated(
          tick,
          node.id()
              + " "
              + what
              + " but "
              + previous.node()
              + " "
              + previous.what()
              + ": their applied sequences differ up to index "
              + index);
    }
  }
}
