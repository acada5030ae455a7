package io.dvraft.testkit.sim;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Snapshot;
import io.dvraft.testkit.check.EntryChain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated host's application: a key-value store of strings fed by committed commands, with the
 * {@link EntryChain} of everything it applied. Its state is durable (applied and stored in one
 * step), and its snapshots carry the chain so that invariants can compare them.
 *
 * <p>Commands are UTF-8 text {@code P key value} (put) or {@code A key suffix} (append), fields
 * separated by a NUL character; anything else (a liveness probe) is applied as a no-op.
 */
final class KvStore {

  private final TreeMap<String, String> values = new TreeMap<>();
  private long appliedIndex;
  private long appliedTerm;
  private long chain = EntryChain.START;

  long appliedIndex() {
    return appliedIndex;
  }

  long appliedTerm() {
    return appliedTerm;
  }

  long chain() {
    return chain;
  }

  String get(String key) {
    return values.getOrDefault(key, "");
  }

  static byte[] put(String key, String value) {
    return ("P\0" + key + "\0" + value).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] append(String key, String suffix) {
    return ("A\0" + key + "\0" + suffix).getBytes(StandardCharsets.UTF_8);
  }

  /** Applies the next committed entry and returns the new chain. */
  long apply(LogEntry entry) {
    chain = EntryChain.extend(chain, entry);
    appliedIndex = entry.index();
    appliedTerm = entry.term();
    if (entry.type() == EntryType.COMMAND) {
      String[] parts = new String(entry.data(), StandardCharsets.UTF_8).split("\0", 3);
      if (parts.length == 3 && parts[0].equals("P")) {
        values.put(parts[1], parts[2]);
      } else if (parts.length == 3 && parts[0].equals("A")) {
        values.merge(parts[1], parts[2], String::concat);
      }
    }
    return chain;
  }

  byte[] snapshotBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(appliedIndex);
      out.writeLong(appliedTerm);
      out.writeLong(chain);
      out.writeInt(values.size());
      for (Map.Entry<String, String> e : values.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Replaces the state with a snapshot's. */
  void install(Snapshot snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot.data()))) {
      appliedIndex = in.readLong();
      appliedTerm = in.readLong();
      chain = in.readLong();
      values.clear();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        values.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable snapshot " + snapshot, e);
    }
    if (appliedIndex != snapshot.metadata().index()) {
      throw new IllegalStateException(
          "snapshot bytes are for index "
              + appliedIndex
              + " but its metadata says "
              + snapshot.metadata().index());
    }
  }

  /** Reads the chain a snapshot carries. */
  static long chainOf(Snapshot snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot.data()))) {
      in.readLong();
      in.readLong();
      return in.readLong();
    } catch (IOException e) {
      throw new IllegalStateException("unreadable snapshot " + snapshot, e);
    }
  }
}
