package io.dvraft.bls;

import io.dvraft.raft.Output;
import io.dvraft.raft.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch of work from {@link BlsRaftStateMachine#poll()}. The host handles it as it handles a
 * Raft {@link Output}, with the journal added to step 1:
 *
 * <ol>
 *   <li>durably persist {@code raft}'s hard state, entries and snapshot <em>and</em> {@link
 *       #journalToPersist()}, with one fsync when {@link #mustSync()};
 *   <li>send {@code raft.messages()} (their extensions carry shares that the journal records of
 *       step 1 allow, which is why step 2 never goes first);
 *   <li>install {@link #applicationSnapshot()} if present, then apply {@code raft.committed()}; use
 *       {@link #signed()} (for example, publish the signed duties);
 *   <li>serve {@code raft.readsReady()}.
 * </ol>
 *
 * <p>Persist {@code raft.snapshotToInstall()} as it is: its data carries BLS-Raft's key directory
 * before the application's bytes, and {@link BlsRaftStateMachine#restore} needs both.
 *
 * @param raft the inner Raft batch, with BLS-Raft's extensions written into its messages
 * @param journalToPersist signing journal records to append to the persisted journal
 * @param signed committed entries with their verified group signatures (on the leader)
 * @param events what BLS-Raft noticed; Raft's own events are in {@code raft.events()}
 * @param applicationSnapshot the application's part of {@code raft.snapshotToInstall()}, to install
 *     in the application
 */
public record BlsOutput(
    Output raft,
    List<JournalRecord> journalToPersist,
    List<SignedEntry> signed,
    List<BlsEvent> events,
    Optional<Snapshot> applicationSnapshot) {

  /** The empty batch. */
  public static final BlsOutput EMPTY =
      new BlsOutput(Output.EMPTY, List.of(), List.of(), List.of(), Optional.empty());

  /**
   * Checks that nothing is null and freezes the lists.
   *
   * @param raft the inner Raft batch
   * @param journalToPersist signing journal records to persist
   * @param signed committed entries with their group signatures
   * @param events what BLS-Raft noticed
   * @param applicationSnapshot the application's part of the snapshot to install
   */
  public BlsOutput {
    Objects.requireNonNull(raft, "raft");
    Objects.requireNonNull(applicationSnapshot, "applicationSnapshot");
    journalToPersist = List.copyOf(journalToPersist);
    signed = List.copyOf(signed);
    events = List.copyOf(events);
  }

  /**
   * Says whether step 1 needs an fsync: Raft's state changed or journal records were added.
   *
   * @return {@code raft.mustSync() || !journalToPersist.isEmpty()}
   */
  public boolean mustSync() {
    return raft.mustSync() || !journalToPersist.isEmpty();
  }

  /**
   * Says whether this batch holds no work and no event.
   *
   * @return true if every field is empty
   */
  public boolean isEmpty() {
    return raft.isEmpty() && journalToPersist.isEmpty() && signed.isEmpty() && events.isEmpty();
  }
}
