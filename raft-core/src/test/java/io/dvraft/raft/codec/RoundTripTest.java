package io.dvraft.raft.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** decode(encode(x)) equals x for many random values of every kind, through every API variant. */
class RoundTripTest {

  private static final int ITERATIONS = 5_000;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void randomValuesRoundTrip(Kind kind) throws MalformedMessageException {
    Values values = new Values(0xD5_4AF7L + kind.ordinal());
    for (int i = 0; i < ITERATIONS; i++) {
      Object value = values.of(kind);
      byte[] bytes = kind.encode(value);
      assertThat(kind.decode(bytes)).as("iteration %d: %s", i, value).isEqualTo(value);
      assertThat(bytes[0]).isEqualTo((byte) RaftCodec.FORMAT_VERSION);
    }
  }

  @Test
  void messagesRoundTripThroughBuffersAndReportTheirSize() throws MalformedMessageException {
    Values values = new Values(42);
    for (int i = 0; i < ITERATIONS; i++) {
      Message m = values.message();
      byte[] bytes = RaftCodec.encode(m);
      assertThat(RaftCodec.encodedSize(m)).isEqualTo(bytes.length);

      // A heap buffer that is a slice at a non-zero array offset, with bytes around the message.
      ByteBuffer heap = ByteBuffer.allocate(bytes.length + 10).position(3).slice();
      heap.position(2);
      RaftCodec.encode(m, heap);
      assertThat(heap.position()).isEqualTo(2 + bytes.length);
      heap.flip().position(2);
      assertThat(RaftCodec.decodeMessage(heap)).isEqualTo(m);
      assertThat(heap.hasRemaining()).isFalse();

      ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
      RaftCodec.encode(m, direct);
      direct.flip();
      assertThat(RaftCodec.decodeMessage(direct.duplicate())).isEqualTo(m);
      byte[] fromDirect = new byte[bytes.length];
      direct.get(fromDirect);
      assertThat(fromDirect).isEqualTo(bytes);
    }
  }

  @Test
  void bufferTooSmallWritesNothing() {
    Message m = new VoteRequest(1, 2, 3, false, false);
    ByteBuffer small = ByteBuffer.allocate(RaftCodec.encodedSize(m) - 1);
    assertThatThrownBy(() -> RaftCodec.encode(m, small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
  }

  @Test
  void failedBufferDecodeLeavesPositionAndCountsOffsetsFromIt() {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 9, 1, 7, (byte) 0x80});
    buf.position(2);
    assertThatThrownBy(() -> RaftCodec.decodeMessage(buf))
        .isInstanceOfSatisfying(MalformedMessageException.class,
            e -> assertThat(e.offset()).isEqualTo(2));
    assertThat(buf.position()).isEqualTo(2);
  }

  @Test
  void encoderRefusesValuesTheFormatCannotCarry() {
    assertThatThrownBy(() -> RaftCodec.encode(new TimeoutNow(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("term");
    assertThatThrownBy(() -> RaftCodec.encode(
            AppendEntries.of(1, 5, 1, List.of(LogEntry.noop(7, 1)), 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consecutive");
    assertThatThrownBy(() -> RaftCodec.encode(
            AppendEntries.of(1, Long.MAX_VALUE, 1, List.of(LogEntry.noop(1, 1)), 0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readIdUsesAllSixtyFourBits() throws MalformedMessageException {
    for (long id : new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE, 0}) {
      Message m = new ReadIndexRequest(1, id);
      assertThat(RaftCodec.decodeMessage(RaftCodec.encode(m))).isEqualTo(m);
    }
  }
}
