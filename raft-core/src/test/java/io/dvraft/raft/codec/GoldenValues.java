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
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.ReadIndexResponse;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values behind the golden vectors of golden-vectors.txt and docs/wire-format.md, by name.
 * Each is described in words next to its vector in the doc, so change both together.
 */
final class GoldenValues {

  private GoldenValues() {}

  private static NodeId n(long id) {
    return NodeId.of(id);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static Map<String, Object> all() {
    Membership three = Membership.ofVoters(n(1), n(2), n(3));
    Membership withLearner = new Membership(List.of(n(1), n(2), n(3)), List.of(n(4)), List.of());
    Membership joint =
        new Membership(List.of(n(2), n(3), n(200)), List.of(n(1)), List.of(n(1), n(2), n(3)));

    Map<String, Object> v = new LinkedHashMap<>();
    v.put("vote-request", new VoteRequest(5, 130, 4, false, false));
    v.put("vote-request-pre-vote-transfer", new VoteRequest(6, 10, 5, true, true));
    v.put("vote-response", new VoteResponse(5, true, false));
    v.put("vote-response-pre-vote-denied", new VoteResponse(6, false, true, 40, 5));
    v.put("append-entries", AppendEntries.of(3, 7, 2,
        List.of(LogEntry.command(8, 3, ascii("hi")), LogEntry.noop(9, 3)), 7, 300));
    v.put("append-entries-heartbeat-extension",
        AppendEntries.of(3, 9, 3, List.of(), 9, 301).withExtension(new byte[] {(byte) 0xca, (byte) 0xfe}));
    v.put("append-entries-response-accepted", AppendEntriesResponse.accepted(3, 9, 300));
    v.put("append-entries-response-rejected",
        AppendEntriesResponse.rejected(3, 12, 9, 2, 301).withExtension(new byte[] {1}));
    v.put("install-snapshot", new InstallSnapshot(
        4, new SnapshotMetadata(100, 3, three), 0, new byte[] {1, 2, 3, 4}, false));
    v.put("install-snapshot-response", new InstallSnapshotResponse(4, 100, 4, false));
    v.put("install-snapshot-response-done", new InstallSnapshotResponse(4, 100, 1000, true));
    v.put("timeout-now", new TimeoutNow(7));
    v.put("read-index-request", new ReadIndexRequest(7, 42));
    v.put("read-index-request-max-read-id", new ReadIndexRequest(7, -1));
    v.put("read-index-response", new ReadIndexResponse(7, 42, 1000));
    v.put("addressed-vote-response", new AddressedMessage(n(1), n(2), new VoteResponse(5, true, false)));
    v.put("log-entry-command", LogEntry.command(1, 1, ascii("set x=1")));
    v.put("log-entry-noop", LogEntry.noop(2, 2));
    v.put("log-entry-membership",
        new LogEntry(3, 2, EntryType.MEMBERSHIP, RaftCodec.encodeMembership(three)));
    v.put("hard-state-initial", HardState.INITIAL);
    v.put("hard-state-no-vote", new HardState(5, Optional.empty(), 3));
    v.put("hard-state-vote", new HardState(5, Optional.of(n(2)), 300));
    v.put("snapshot-metadata", new SnapshotMetadata(100, 3, withLearner));
    v.put("membership-simple", three);
    v.put("membership-joint", joint);
    v.put("varint-max-term", new TimeoutNow(Long.MAX_VALUE));
    return v;
  }
}
