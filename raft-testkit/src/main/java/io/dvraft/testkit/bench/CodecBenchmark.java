package io.dvraft.testkit.bench;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding of an AppendEntries with 64 entries of 100 bytes by {@link RaftCodec}.
 * Scores are in operations per microsecond; the {@code bytes} counter is in encoded bytes per
 * microsecond, that is MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

  /** Entries in the message. */
  static final int ENTRIES = 64;

  /** Bytes per entry's command. */
  static final int COMMAND_BYTES = 100;

  private AppendEntries message;
  private byte[] encoded;
  private ByteBuffer buffer;

  /** Counts the encoded bytes handled; JMH reports them per time unit. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    /** Encoded bytes handled so far. */
    public long bytes;
  }

  /** Builds the message and its encoding. */
  @Setup(Level.Trial)
  public void setUp() {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      byte[] command = new byte[COMMAND_BYTES];
      for (int j = 0; j < command.length; j++) {
        command[j] = (byte) (i * 31 + j);
      }
      entries.add(LogEntry.command(1_000_001 + i, 7, command));
    }
    message = AppendEntries.of(7, 1_000_000, 7, entries, 999_990, 12_345);
    encoded = RaftCodec.encode(message);
    buffer = ByteBuffer.allocate(encoded.length);
  }

  /**
   * Encodes into a new array.
   *
   * @param counter the byte counter
   * @return the encoding
   */
  @Benchmark
  public byte[] encode(Bytes counter) {
    byte[] out = RaftCodec.encode(message);
    counter.bytes += out.length;
    return out;
  }

  /**
   * Encodes into a reused buffer, as a host framing messages into its own buffers would.
   *
   * @param counter the byte counter
   * @return the buffer
   */
  @Benchmark
  public ByteBuffer encodeIntoBuffer(Bytes counter) {
    buffer.clear();
    RaftCodec.encode(message, buffer);
    counter.bytes += buffer.position();
    return buffer;
  }

  /**
   * Decodes (and so validates) the encoding.
   *
   * @param counter the byte counter
   * @return the message
   * @throws MalformedMessageException never: the input is a valid encoding
   */
  @Benchmark
  public Message decode(Bytes counter) throws MalformedMessageException {
    Message m = RaftCodec.decodeMessage(encoded);
    counter.bytes += encoded.length;
    return m;
  }
}
