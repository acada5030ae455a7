package io.dvraft.testkit.bls;

import io.dvraft.bls.BlsOutput;
import io.dvraft.bls.BlsProposalResult;
import io.dvraft.bls.BlsRaftStateMachine;
import io.dvraft.bls.ExtensionCodec;
import io.dvraft.bls.KeyId;
import io.dvraft.bls.MalformedBlsDataException;
import io.dvraft.bls.ShareItem;
import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.RefusalReason;
import io.dvraft.raft.RequestResult;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.sim.SimNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A {@link SimNode} that is a {@link BlsRaftStateMachine}, made by {@link BlsNodeFactory}.
 *
 * <p>The simulator's client workload goes through {@code proposeCommand} (application commands,
 * never signed). On its own ticks, a leader proposes the run's {@code AddKey} entries once per
 * term; about once in {@value #ROTATE_ONE_TICK_IN} ticks it removes a key ({@code RemoveKey}) and
 * proposes it again {@value #KEY_ABSENT_TICKS} ticks later; and, one tick in four, it proposes a
 * duty: a random key and a duty key out of 64 per key, usually with
 * the root every node agrees on for that duty (so re-proposals are harmless) and one time in eight
 * with a random, conflicting root. The node's journal records reach the run's simulated disk only
 * when the host says the whole batch is durable ({@link #batchPersisted}), so a crash or a torn
 * write loses them exactly as it loses the rest of the batch. Hosts snapshot BLS nodes like any
 * other: they persist the snapshot as BLS-Raft made it ({@link #snapshotData}, the keys and the
 * application's bytes), and their application installs its own part ({@link
 * BlsRun#applicationSnapshot}).
 */
public final class BlsSimNode implements SimNode {

  private final BlsRaftStateMachine bls;
  private final BlsRun run;
  private final SplittableRandom random;
  private long addKeysTerm = -1;
  private Output lastPolled;
  private BlsOutput lastPolledBls;
  /** Draws for a byzantine member's corruptions, apart so that they change nothing else. */
  private final SplittableRandom corruption;

  /** Draws for key rotations, apart so that they change nothing else. */
  private final SplittableRandom rotation;

  private KeyId removedKey;
  private int ticksUntilReAdd;

  /** A leader removes one of the run's keys about once in this many of its ticks... */
  static final int ROTATE_ONE_TICK_IN = 300;

  /** ...and proposes it again this many ticks later (duties meanwhile are refused or unsignable). */
  static final int KEY_ABSENT_TICKS = 20;

  /** The root a byzantine member signs instead of the one asked. */
  private static final byte[] WRONG_ROOT = new byte[32];

  BlsSimNode(BlsRaftStateMachine bls, BlsRun run, long seed) {
    this.bls = Objects.requireNonNull(bls, "bls");
    this.run = run;
    this.random = new SplittableRandom(seed ^ 0x5eed_b15L);
    this.corruption = new SplittableRandom(seed ^ 0xbad_5ba7eL);
    this.rotation = new SplittableRandom(seed ^ 0x7e_4e7L);
  }

  /**
   * Returns the wrapped state machine.
   *
   * @return the state machine
   */
  public BlsRaftStateMachine bls() {
    return bls;
  }

  @Override
  public NodeId id() {
    return bls.id();
  }

  @Override
  public void tick() {
    bls.tick();
    RaftStatus status = bls.status();
    if (status.role() != Role.LEADER) {
      return;
    }
    if (removedKey != null && --ticksUntilReAdd <= 0) {
      removedKey = null;
      addKeysTerm = -1; // propose the AddKeys again: the removed key comes back
    }
    if (status.term() != addKeysTerm) {
      addKeysTerm = status.term();
      for (Map.Entry<KeyId, DealtKey> k : run.keys.entrySet()) {
        bls.proposeAddKey(k.getKey(), k.getValue().key(), run.members);
      }
    }
    if (removedKey == null && rotation.nextInt(ROTATE_ONE_TICK_IN) == 0) {
      removedKey = KeyId.of(1 + rotation.nextInt(run.keys.size()));
      ticksUntilReAdd = KEY_ABSENT_TICKS;
      bls.proposeRemoveKey(removedKey);
    }
    if (random.nextInt(4) == 0) {
      long key = 1 + random.nextInt(run.keys.size());
      int duty = random.nextInt(64);
      byte[] dutyKey = ("duty/" + duty).getBytes(StandardCharsets.UTF_8);
      byte[] root = new byte[32];
      if (random.nextInt(8) == 0) {
        random.nextBytes(root);
      } else {
        ByteBuffer.wrap(root).putLong(key).putLong(duty).putLong(0x600d_2007L);
      }
      bls.proposeDuty(KeyId.of(key), root, dutyKey, new byte[0]);
    }
  }

  @Override
  public void step(NodeId from, Message message) {
    bls.step(from, message);
  }

  @Override
  public ProposalResult propose(byte[] command) {
    BlsProposalResult result = bls.proposeCommand(command);
    if (result instanceof BlsProposalResult.Accepted a) {
      return new ProposalResult.Accepted(a.index(), a.term());
    }
    if (result instanceof BlsProposalResult.RaftRefused r) {
      return new ProposalResult.Refused(r.reason(), r.leaderHint());
    }
    return new ProposalResult.Refused(RefusalReason.COMMAND_TOO_LARGE, Optional.empty());
  }

  @Override
  public RequestResult readIndex(long readId) {
    return bls.readIndex(readId);
  }

  @Override
  public RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners) {
    return bls.changeMembership(voters, learners);
  }

  @Override
  public RequestResult transferLeadership(NodeId target) {
    return bls.transferLeadership(target);
  }

  @Override
  public RequestResult snapshotTaken(long index, byte[] data) {
    return bls.snapshotTaken(index, data);
  }

  /**
   * Returns the snapshot as BLS-Raft made it: its key directory, then the application's bytes.
   *
   * @param applicationData the bytes given to {@link #snapshotTaken}
   * @return the bytes to persist
   */
  @Override
  public byte[] snapshotData(byte[] applicationData) {
    return bls.takenSnapshotData().orElseThrow();
  }

  @Override
  public boolean hasOutput() {
    return bls.hasOutput();
  }

  /**
   * Takes the next batch: the Raft part, marked to be synced when it carries journal records.
   * Emitted group signatures are checked at once.
   *
   * @return the batch
   */
  @Override
  public Output poll() {
    BlsOutput out = bls.poll();
    Output raft = out.raft();
    Output batch =
        new Output(
            raft.hardState(),
            raft.entriesToPersist(),
            raft.snapshotToInstall(),
            run.byzantine.contains(id()) ? corrupt(raft.messages()) : raft.messages(),
            raft.committed(),
            raft.readsReady(),
            raft.events(),
            out.mustSync());
    lastPolled = batch;
    lastPolledBls = out;
    if (run.checks != null) {
      run.checks.polled(id(), bls.status().term(), out);
    }
    if (batch.isEmpty()) {
      // The host skips an empty Raft batch; what BLS-Raft put in it is persisted and used at once.
      batchPersisted(batch);
    }
    return batch;
  }

  /**
   * What a byzantine member sends instead of its shares: each one with a flipped byte (often not
   * even a point) or replaced by a well-formed signature of another root. Done after the BLS
   * invariants saw the honest batch, as a compromised host would do it.
   */
  private List<Envelope> corrupt(List<Envelope> messages) {
    List<Envelope> out = new ArrayList<>(messages.size());
    for (Envelope e : messages) {
      if (e.message() instanceof AppendEntriesResponse r && r.extension().length > 0) {
        out.add(new Envelope(e.to(), r.withExtension(corruptShares(r.extension()))));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private byte[] corruptShares(byte[] extension) {
    List<ShareItem> items;
    try {
      items = ExtensionCodec.decodeShares(extension);
    } catch (MalformedBlsDataException e) {
      return extension;
    }
    List<ShareItem> corrupted = new ArrayList<>(items.size());
    for (ShareItem item : items) {
      if (!(item instanceof ShareItem.Share share)) {
        corrupted.add(item);
        continue;
      }
      byte[] signature = share.signature();
      Optional<SecretShare> secret = run.keys.isEmpty() || !run.members.containsKey(id())
          ? Optional.empty()
          : run.keys.values().iterator().next().secretShare(run.members.get(id()));
      if (corruption.nextBoolean() || secret.isEmpty()) {
        signature[corruption.nextInt(signature.length)] ^= (byte) (1 + corruption.nextInt(255));
      } else {
        signature = run.scheme.signShare(secret.get(), WRONG_ROOT).signature();
      }
      corrupted.add(new ShareItem.Share(share.index(), share.term(), signature));
    }
    return ExtensionCodec.encodeShares(corrupted);
  }

  /**
   * Makes the batch's journal records durable, with the rest of the batch.
   *
   * @param batch the batch now on disk
   */
  @Override
  public void batchPersisted(Output batch) {
    if (batch != lastPolled) {
      return;
    }
    BlsOutput out = lastPolledBls;
    lastPolled = null;
    lastPolledBls = null;
    run.journalDurable(id(), new ArrayList<>(out.journalToPersist()));
    if (run.checks != null) {
      run.checks.used(id(), out);
    }
  }

  @Override
  public RaftStatus status() {
    return bls.status();
  }

}
