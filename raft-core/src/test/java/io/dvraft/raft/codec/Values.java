package io.dvraft.raft.codec;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.ReadIndexResponse;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded generator of random codec values, biased towards the edges of the format: varint length
 * boundaries (2^7k - 1 and 2^7k), 0, 1 and Long.MAX_VALUE.
 */
final class Values {

  private final SplittableRandom random;

  Values(long seed) {
    this.random = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return random;
  }

  /** A non-negative long, often small, sometimes at a varint boundary or the maximum. */
  long nonNegative() {
    switch (random.nextInt(6)) {
      case 0: return random.nextInt(4);
      case 1: return random.nextInt(200);
      case 2: return random.nextLong(Long.MAX_VALUE) + random.nextInt(2);
      case 3: {
        int bits = 7 * (1 + random.nextInt(9));
        long boundary = bits >= 63 ? Long.MAX_VALUE : 1L << bits;
        return boundary - random.nextInt(2);
      }
      case 4: return Long.MAX_VALUE - random.nextInt(3);
      default: return random.nextLong(1L << random.nextInt(1, 63));
    }
  }

  long positive() {
    long v = nonNegative();
    return v == 0 ? 1 : v;
  }

  /** Any long, for readId, which uses all 64 bits. */
  long anyLong() {
    return random.nextBoolean() ? nonNegative() : random.nextLong();
  }

  byte[] bytes(int maxLength) {
    int n = random.nextInt(4) == 0 ? 0 : random.nextInt(maxLength + 1);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  NodeId nodeId() {
    return NodeId.of(random.nextBoolean() ? random.nextInt(10) : nonNegative());
  }

  Membership membership() {
    TreeSet<NodeId> voters = new TreeSet<>();
    int nVoters = 1 + random.nextInt(7);
    while (voters.size() < nVoters) {
      voters.add(nodeId());
    }
    TreeSet<NodeId> learners = new TreeSet<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      NodeId id = nodeId();
      if (!voters.contains(id)) {
        learners.add(id);
      }
    }
    TreeSet<NodeId> outgoing = new TreeSet<>();
    if (random.nextBoolean()) {
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        outgoing.add(nodeId());
      }
    }
    return new Membership(List.copyOf(voters), List.copyOf(learners), List.copyOf(outgoing));
  }

  EntryType entryType() {
    return EntryType.values()[random.nextInt(EntryType.values().length)];
  }

  LogEntry entry() {
    return new LogEntry(positive(), positive(), entryType(), bytes(40));
  }

  HardState hardState() {
    return new HardState(
        nonNegative(),
        random.nextBoolean() ? Optional.of(nodeId()) : Optional.empty(),
        nonNegative());
  }

  SnapshotMetadata snapshotMetadata() {
    return new SnapshotMetadata(positive(), positive(), membership());
  }

  AppendEntries appendEntries() {
    int n = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 20);
    long prev = Math.min(nonNegative(), Long.MAX_VALUE - n);
    List<LogEntry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new LogEntry(prev + 1 + i, positive(), entryType(), bytes(30)));
    }
    return new AppendEntries(
        nonNegative(), prev, nonNegative(), entries, nonNegative(), nonNegative(), bytes(20));
  }

  Message message() {
    switch (random.nextInt(9)) {
      case 0:
        return new VoteRequest(nonNegative(), nonNegative(), nonNegative(), random.nextBoolean(),
            random.nextBoolean());
      case 1:
        return new VoteResponse(
            nonNegative(), random.nextBoolean(), random.nextBoolean(), nonNegative(), nonNegative());
      case 2:
        return appendEntries();
      case 3:
        return new AppendEntriesResponse(nonNegative(), random.nextBoolean(), nonNegative(),
            nonNegative(), nonNegative(), nonNegative(), bytes(20));
      case 4:
        return new InstallSnapshot(
            nonNegative(), snapshotMetadata(), nonNegative(), bytes(50), random.nextBoolean());
      case 5:
        return new InstallSnapshotResponse(
            nonNegative(), nonNegative(), nonNegative(), random.nextBoolean());
      case 6:
        return new TimeoutNow(nonNegative());
      case 7:
        return new ReadIndexRequest(nonNegative(), anyLong());
      default:
        return new ReadIndexResponse(nonNegative(), anyLong(), nonNegative());
    }
  }

  AddressedMessage addressed() {
    return new AddressedMessage(nodeId(), nodeId(), message());
  }

  /** A random value of the given kind. */
  Object of(Kind kind) {
    switch (kind) {
      case MESSAGE: return message();
      case ADDRESSED: return addressed();
      case ENTRY: return entry();
      case HARD_STATE: return hardState();
      case SNAPSHOT_METADATA: return snapshotMetadata();
      case MEMBERSHIP: return membership();
      default: throw new AssertionError(kind);
    }
  }
}
