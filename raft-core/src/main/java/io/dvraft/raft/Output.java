package io.dvraft.raft;

import io.dvraft.raft.internal.FrozenList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch of work for the host, returned by {@link RaftStateMachine#poll()}. The host handles
 * the fields in this order (see docs/host-integration.md):
 *
 * <ol>
 *   <li>durably persist {@link #hardState()}, {@link #entriesToPersist()} and {@link
 *       #snapshotToInstall()}, with an fsync when {@link #mustSync()};
 *   <li>send {@link #messages()} (they may depend on step 1: a granted vote, an append ack);
 *   <li>install the snapshot, then apply {@link #committed()} in order;
 *   <li>serve {@link #readsReady()} once the applied index reaches each read's index.
 * </ol>
 *
 * <p>Every list is immutable and empty when there is nothing to do.
 *
 * @param hardState the new term, vote and durable commit index, present only when they changed
 * @param entriesToPersist entries to append to the persisted log; if the first one's index is at or
 *     below the host's last persisted index, the host first truncates its log from that index
 * @param snapshotToInstall a snapshot received from the leader: persist it, drop the whole
 *     persisted
 *     log (entries after the snapshot's index too: they may come from a conflicting leader, and the
 *     node's log now restarts empty after the snapshot), and install it in the application before
 *     applying {@code committed}
 * @param messages the messages to send
 * @param committed entries newly committed, in index order, to apply
 * @param readsReady linearizable reads that may be served once their index is applied
 * @param events what happened, for metrics, logs and tests
 * @param mustSync whether the term, the vote or the log changed, so that step 1 needs an fsync (a
 *     hard state whose commit index alone changed may be written without one)
 */
public record Output(
    Optional<HardState> hardState,
    List<LogEntry> entriesToPersist,
    Optional<Snapshot> snapshotToInstall,
    List<Envelope> messages,
    List<LogEntry> committed,
    List<ReadState> readsReady,
    List<RaftEvent> events,
    boolean mustSync) {

  /** The empty batch. */
  public static final Output EMPTY =
      new Output(
          Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
          List.of(), false);

  /**
   * Checks that nothing is null and freezes the lists.
   *
   * @param hardState the new term, vote and durable commit index, present only when they changed
   * @param entriesToPersist entries to append to the persisted log; if the first one's index is at
   *     or below the host's last persisted index, the host first truncates its log from that index
   * @param snapshotToInstall a snapshot received from the leader: persist it, drop the whole
   *     persisted log (entries after the snapshot's index too: they may come from a conflicting
   *     leader, and the node's log now restarts empty after the snapshot), and install it in the
   *     application before applying {@code committed}
   * @param messages the messages to send
   * @param committed entries newly committed, in index order, to apply
   * @param readsReady linearizable reads that may be served once their index is applied
   * @param events what happened, for metrics, logs and tests
   * @param mustSync whether the term, the vote or the log changed, so that step 1 needs an fsync
   *     (a hard state whose commit index alone changed may be written without one)
   */
  public Output {
    Objects.requireNonNull(hardState, "hardState");
    Objects.requireNonNull(snapshotToInstall, "snapshotToInstall");
    // The state machine passes lists it already froze; only a host's own lists are copied.
    entriesToPersist = FrozenList.freeze(entriesToPersist);
    messages = FrozenList.freeze(messages);
    committed = FrozenList.freeze(committed);
    readsReady = FrozenList.freeze(readsReady);
    events = FrozenList.freeze(events);
  }

  /**
   * Says whether this batch holds no work and no event.
   *
   * @return true if every field is empty
   */
  public boolean isEmpty() {
    return hardState.isEmpty()
        && entriesToPersist.isEmpty()
        && snapshotToInstall.isEmpty()
        && messages.isEmpty()
        && committed.isEmpty()
        && readsReady.isEmpty()
        && events.isEmpty();
  }
}
