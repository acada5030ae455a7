package io.dvraft.testkit.check;

import io.dvraft.raft.LogEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Log matching (Raft figure 3): if two logs hold an entry with the same index and term, they are
 * identical up to that index. Checked on what hosts persist: for every entry written, the durable
 * log's {@link EntryChain} at that index is compared with the chain any other node (or the same
 * node earlier) had for the same (index, term).
 */
public final class LogMatching extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "log-matching";

  private final Map<Long, Seen> chains = new HashMap<>();

  private record Seen(long chain, String node) {}

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public LogMatching(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onPersisted(long tick, NodeView node, List<LogEntry> written) {
    for (LogEntry entry : written) {
      OptionalLong chain = node.durableChainAt(entry.index());
      if (chain.isEmpty()) {
        continue;
      }
      long key = (entry.index() << 24) ^ entry.term();
      Seen previous = chains.putIfAbsent(key, new Seen(chain.getAsLong(), node.id().toString()));
      if (previous != null && previous.chain() != chain.getAsLong()) {
        violated(
            tick,
            node.id()
                + " and "
                + previous.node()
                + " both hold an entry at index "
                + entry.index()
                + " term "
                + entry.term()
                + " but their logs differ up to it");
      }
    }
  }
}
