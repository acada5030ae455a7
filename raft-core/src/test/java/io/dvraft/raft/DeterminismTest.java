package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Determinism (DESIGN section 2): the same configuration, seed and input sequence give the same
 * outputs, byte for byte. A multi-node run with message loss, delay, duplication, reordering,
 * crashes, restarts and snapshots, all drawn from one seed, is hashed (SHA-256) over a canonical
 * rendering of every output batch of every node, in order.
 */
class DeterminismTest {

  private static final HexFormat HEX = HexFormat.of();

  /** Runs the seeded scenario and hands every (node, batch) to the sink, in order. */
  private static void scenario(int size, long seed, Sink sink) {
    CrashingCluster cluster = new CrashingCluster(size, seed, b -> {});
    cluster.crashRate = 0.01;
    cluster.snapshotRate = 0.03;
    cluster.observer = sink::accept;
    cluster.run(400);
  }

  interface Sink {
    void accept(NodeId node, Output out);
  }

  private static String hashOf(int size, long seed) {
    MessageDigest sha = sha256();
    scenario(size, seed, (node, out) ->
        sha.update((node + " " + canonical(out) + "\n").getBytes(StandardCharsets.UTF_8)));
    return HEX.formatHex(sha.digest());
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5})
  void twoRunsOfTheSameSeededScenarioProduceIdenticalOutputBatches(int size) {
    assertThat(hashOf(size, 42)).isEqualTo(hashOf(size, 42));
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5})
  void aDifferentSeedProducesDifferentOutputBatches(int size) {
    assertThat(hashOf(size, 43)).isNotEqualTo(hashOf(size, 42));
  }

  @Test
  void toStringOfEveryOutputIsIdenticalAcrossRunsAndFreeOfIdentityHashes() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    scenario(3, 7, (node, out) -> first.add(node + " " + out));
    scenario(3, 7, (node, out) -> second.add(node + " " + out));

    assertThat(first).hasSizeGreaterThan(1000).isEqualTo(second);
    // Object.toString's "Type@hexhash" (byte arrays print as "[B@1b6d3586") would differ per run.
    Pattern identityHash = Pattern.compile("[A-Za-z;\\]]@[0-9a-f]{4,}");
    assertThat(first).noneMatch(s -> identityHash.matcher(s).find());
  }

  // -------------------------------------------------------------------------------------------
  // A canonical rendering: every field, with the byte arrays in full (toString abbreviates them)

  static String canonical(Output o) {
    StringBuilder s = new StringBuilder();
    s.append("hs=").append(o.hardState().map(h -> h.term() + "/" + h.votedFor()).orElse("-"));
    s.append(" persist=");
    o.entriesToPersist().forEach(e -> s.append(entry(e)));
    s.append(" snap=").append(o.snapshotToInstall()
        .map(x -> x.metadata() + ":" + HEX.formatHex(x.data())).orElse("-"));
    s.append(" msgs=");
    o.messages().forEach(e -> s.append('{').append(e.to()).append(' ')
        .append(message(e.message())).append('}'));
    s.append(" committed=");
    o.committed().forEach(e -> s.append(entry(e)));
    s.append(" reads=").append(o.readsReady());
    s.append(" events=").append(o.events());
    s.append(" sync=").append(o.mustSync());
    return s.toString();
  }

  private static String entry(LogEntry e) {
    return "(" + e.index() + "," + e.term() + "," + e.type() + "," + HEX.formatHex(e.data()) + ")";
  }

  private static String message(Message m) {
    if (m instanceof AppendEntries a) {
      StringBuilder s = new StringBuilder("AE(").append(a.term()).append(',')
          .append(a.prevLogIndex()).append(',').append(a.prevLogTerm()).append(',');
      a.entries().forEach(e -> s.append(entry(e)));
      return s.append(',').append(a.leaderCommit()).append(',').append(a.round()).append(',')
          .append(HEX.formatHex(a.extension())).append(')').toString();
    }
    if (m instanceof AppendEntriesResponse r) {
      return r + "," + HEX.formatHex(r.extension());
    }
    if (m instanceof InstallSnapshot i) {
      return "IS(" + i.term() + "," + i.metadata() + "," + i.offset() + ","
          + HEX.formatHex(i.chunk()) + "," + i.done() + ")";
    }
    return m.toString(); // records of numbers and booleans only
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
