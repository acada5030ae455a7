package io.dvraft.raft.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutation tests: cut, extended, bit-flipped, garbage and hostile inputs either decode to a value
 * whose encoding is exactly the input (the format is canonical) or throw {@link
 * MalformedMessageException} with a reason and an offset; nothing else may escape.
 */
class MalformedInputTest {

  private record Sample(Kind kind, byte[] bytes) {}

  /** Golden vectors plus random valid encodings of every kind. */
  private static List<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    Map<String, Object> golden = GoldenValues.all();
    GoldenVectors.fromResource().forEach((name, bytes) ->
        samples.add(new Sample(Kind.of(golden.get(name)), bytes)));
    Values values = new Values(7);
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < 150; i++) {
        samples.add(new Sample(kind, kind.encode(values.of(kind))));
      }
    }
    return samples;
  }

  /**
   * Decodes {@code input} as {@code kind}; on success, checks that the value re-encodes to exactly
   * the input. Returns the exception if decoding was refused.
   */
  static MalformedMessageException decodeOrRefuse(Kind kind, byte[] input) {
    // Plain checks rather than AssertJ: this runs for hundreds of thousands of inputs.
    Object value;
    try {
      value = kind.decode(input);
    } catch (MalformedMessageException e) {
      if (e.offset() < 0 || e.offset() > input.length
          || !e.getMessage().equals(e.reason() + " (at byte " + e.offset() + ")")) {
        throw new AssertionError("bad error for " + kind + " " + hex(input) + ": " + e.getMessage());
      }
      return e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("decoding " + kind + " " + hex(input) + " threw " + e, e);
    }
    byte[] again = kind.encode(value);
    if (!Arrays.equals(again, input)) {
      throw new AssertionError("accepted a non-canonical " + kind + ": " + hex(input)
          + " decodes to " + value + ", which encodes to " + hex(again));
    }
    return null;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void everyProperPrefixIsTruncated() {
    for (Sample s : samples()) {
      for (int cut = 0; cut < s.bytes().length; cut++) {
        MalformedMessageException e =
            decodeOrRefuse(s.kind(), Arrays.copyOf(s.bytes(), cut));
        assertThat(e).as("prefix of %d bytes of %s", cut, GoldenVectors.hex(s.bytes())).isNotNull();
        assertThat(e.reason()).contains("truncated");
      }
    }
  }

  @Test
  void trailingBytesAreRejected() {
    SplittableRandom random = new SplittableRandom(11);
    for (Sample s : samples()) {
      byte[] longer = Arrays.copyOf(s.bytes(), s.bytes().length + 1 + random.nextInt(3));
      for (int i = s.bytes().length; i < longer.length; i++) {
        longer[i] = (byte) random.nextInt(256);
      }
      MalformedMessageException e = decodeOrRefuse(s.kind(), longer);
      assertThat(e).isNotNull();
      assertThat(e.reason()).startsWith("trailing bytes");
      assertThat(e.offset()).isEqualTo(s.bytes().length);
    }
  }

  @Test
  void mutatedInputsDecodeCanonicallyOrAreRefused() {
    SplittableRandom random = new SplittableRandom(13);
    int refused = 0;
    int accepted = 0;
    for (Sample s : samples()) {
      for (int round = 0; round < 100; round++) {
        byte[] m = mutate(s.bytes(), random);
        if (decodeOrRefuse(s.kind(), m) == null) {
          accepted++;
        } else {
          refused++;
        }
      }
    }
    // Both outcomes must actually happen, or the mutations are not testing anything.
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] m = original.clone();
    switch (random.nextInt(5)) {
      case 0, 1 -> {
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          int bit = random.nextInt(m.length * 8);
          m[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 2 -> m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      case 3 -> {
        // Replace a byte with a run of continuation bytes, making some varint huge or overlong.
        int at = random.nextInt(m.length);
        byte[] longer = new byte[m.length + 9];
        System.arraycopy(m, 0, longer, 0, at);
        Arrays.fill(longer, at, at + 9, (byte) 0xff);
        System.arraycopy(m, at, longer, at + 9, m.length - at);
        m = longer;
      }
      default -> {
        int at = random.nextInt(m.length);
        byte[] shorter = new byte[m.length - 1];
        System.arraycopy(m, 0, shorter, 0, at);
        System.arraycopy(m, at + 1, shorter, at, m.length - at - 1);
        m = shorter;
      }
    }
    return m;
  }

  /** Every tag the codec knows; a header with any other tag fails at the tag byte. */
  private static final int[] TAGS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0x10, 0x11, 0x12, 0x13, 0x20};

  @Test
  void everyShortInputIsHandled() {
    // Inputs of up to three bytes, skipping those that must stop where a shorter one did: after a
    // wrong version byte nothing is read, after an unknown tag nothing more.
    for (Kind kind : Kind.values()) {
      decodeOrRefuse(kind, new byte[0]);
      for (int a = 0; a < 256; a++) {
        decodeOrRefuse(kind, new byte[] {(byte) a});
        decodeOrRefuse(kind, new byte[] {1, (byte) a});
      }
      for (int tag : TAGS) {
        for (int b = 0; b < 256; b++) {
          decodeOrRefuse(kind, new byte[] {1, (byte) tag, (byte) b});
        }
      }
    }
  }

  @Test
  void randomGarbageAfterAValidHeaderIsHandled() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[2 + random.nextInt(40)];
      for (int j = 2; j < b.length; j++) {
        // Mostly small bytes, so that counts and lengths are often plausible and parsing goes deep.
        b[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(4));
      }
      b[0] = 1;
      b[1] = (byte) TAGS[random.nextInt(TAGS.length)];
      for (Kind kind : Kind.values()) {
        decodeOrRefuse(kind, b);
      }
    }
  }

  static Stream<Arguments> hostileLengths() {
    return Stream.of(
        // AppendEntries claiming 2^31, 2^31 - 1 and 2^64 - 1 entries in a few bytes.
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 80 80 80 80 08", 5),
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 ff ff ff ff 07", 5),
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 ff ff ff ff ff ff ff ff ff 01", 5),
        // An entry whose data claims 2^31 - 1 bytes, then 2^63.
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 01 01 00 ff ff ff ff 07", 8),
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 01 01 00 80 80 80 80 80 80 80 80 80 01", 8),
        // Extensions and snapshot chunks claiming 2^32 - 1 bytes.
        Arguments.of(Kind.MESSAGE, "01 03 00 00 00 00 00 00 ff ff ff ff 0f", 8),
        Arguments.of(Kind.MESSAGE, "01 04 00 00 00 00 00 00 ff ff ff ff 0f", 8),
        Arguments.of(Kind.MESSAGE, "01 05 00 01 01 01 01 00 00 00 ff ff ff ff 0f", 10),
        // Memberships claiming 2^28 voters, learners, outgoing voters.
        Arguments.of(Kind.MEMBERSHIP, "01 13 80 80 80 80 01", 2),
        Arguments.of(Kind.MEMBERSHIP, "01 13 01 00 80 80 80 80 01", 4),
        Arguments.of(Kind.MEMBERSHIP, "01 13 01 00 00 80 80 80 80 01", 5),
        Arguments.of(Kind.SNAPSHOT_METADATA, "01 12 01 01 ff ff ff ff 07", 4),
        Arguments.of(Kind.ENTRY, "01 10 01 01 00 ff ff ff ff 07", 5));
  }

  @ParameterizedTest
  @MethodSource("hostileLengths")
  void hostileLengthsFailFastWithoutAllocating(Kind kind, String hex, int offset) {
    byte[] input = HexFormat.ofDelimiter(" ").parseHex(hex);
    MalformedMessageException e = Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> decodeOrRefuse(kind, input));
    assertThat(e).isNotNull();
    assertThat(e.reason()).contains("absurd");
    assertThat(e.offset()).isEqualTo(offset);
  }

  static Stream<Arguments> specificErrors() {
    return Stream.of(
        Arguments.of(Kind.MESSAGE, "", "truncated input: format version", 0),
        Arguments.of(Kind.MESSAGE, "02 07 00", "unknown format version 2", 0),
        Arguments.of(Kind.MESSAGE, "00 07 00", "unknown format version 0", 0),
        Arguments.of(Kind.MESSAGE, "01", "truncated input: type tag", 1),
        Arguments.of(Kind.MESSAGE, "01 0a 00", "type tag 0x0a is unknown, expected a message", 1),
        Arguments.of(Kind.MESSAGE, "01 11 00 00", "type tag 0x11 is a hard state, expected a message", 1),
        Arguments.of(Kind.ENTRY, "01 13 01 00 00 00", "type tag 0x13 is a membership, expected a log entry", 1),
        Arguments.of(Kind.MEMBERSHIP, "01 10 01 01 00 00", "type tag 0x10 is a log entry, expected a membership", 1),
        Arguments.of(Kind.MESSAGE, "01 07 80", "truncated input: TimeoutNow.term", 2),
        Arguments.of(Kind.MESSAGE, "01 07 80 00", "TimeoutNow.term: non-canonical varint", 2),
        Arguments.of(Kind.MESSAGE, "01 07 ff 80 00", "TimeoutNow.term: non-canonical varint", 2),
        Arguments.of(Kind.MESSAGE, "01 07 80 80 80 80 80 80 80 80 80 00", "non-canonical varint", 2),
        Arguments.of(Kind.MESSAGE, "01 07 80 80 80 80 80 80 80 80 80 01", "TimeoutNow.term out of range: 2^63 or more", 2),
        Arguments.of(Kind.MESSAGE, "01 07 ff ff ff ff ff ff ff ff ff 01", "TimeoutNow.term out of range", 2),
        Arguments.of(Kind.MESSAGE, "01 07 ff ff ff ff ff ff ff ff ff 02", "varint longer than 64 bits", 2),
        Arguments.of(Kind.MESSAGE, "01 07 ff ff ff ff ff ff ff ff ff 81 00", "varint longer than 64 bits", 2),
        Arguments.of(Kind.MESSAGE, "01 07 05 00", "trailing bytes: 1 after the end of the message", 3),
        Arguments.of(Kind.MESSAGE, "01 02 05 02 00", "VoteResponse.granted: a boolean must be 0 or 1, got 2", 3),
        Arguments.of(Kind.MESSAGE, "01 01 05 00 00 00 ff", "VoteRequest.leadershipTransfer: a boolean must be 0 or 1, got 255", 6),
        Arguments.of(Kind.MESSAGE, "01 03 01 00 00 01 00 00 00 00 00 00", "AppendEntries entry term out of range: must be at least 1", 6),
        Arguments.of(Kind.MESSAGE, "01 03 01 00 00 01 01 03 00 00 00 00", "unknown entry type 3", 7),
        Arguments.of(Kind.MESSAGE, "01 03 01 ff ff ff ff ff ff ff ff 7f 00 01 01 01 00 00 00 00",
            "AppendEntries entries would run past index 2^63-1", 13),
        Arguments.of(Kind.MESSAGE, "01 05 01 00 01 01 00 00 00 00 00 00", "snapshot index out of range: must be at least 1", 3),
        Arguments.of(Kind.ENTRY, "01 10 00 01 00 00", "entry index out of range: must be at least 1", 2),
        Arguments.of(Kind.ENTRY, "01 10 01 00 00 00", "entry term out of range: must be at least 1", 3),
        Arguments.of(Kind.ENTRY, "01 10 01 01 03 00", "unknown entry type 3", 4),
        Arguments.of(Kind.HARD_STATE, "01 11 05 02", "hard state has-vote flag: a boolean must be 0 or 1", 3),
        Arguments.of(Kind.HARD_STATE, "01 11 05 00", "hard state commit index", 4),
        Arguments.of(Kind.HARD_STATE, "01 11 05 00 02 07", "trailing bytes", 5),
        Arguments.of(Kind.MEMBERSHIP, "01 13 00 00 00", "membership has no voter", 2),
        Arguments.of(Kind.MEMBERSHIP, "01 13 02 02 01 00 00", "membership voters must be in strictly increasing order: n1 follows n2", 4),
        Arguments.of(Kind.MEMBERSHIP, "01 13 02 01 01 00 00", "membership voters must be in strictly increasing order: n1 follows n1", 4),
        Arguments.of(Kind.MEMBERSHIP, "01 13 01 01 02 02 02 00", "membership learners must be in strictly increasing order", 6),
        Arguments.of(Kind.MEMBERSHIP, "01 13 01 01 01 01 00", "membership lists n1 as both voter and learner", 4),
        Arguments.of(Kind.MEMBERSHIP, "01 13 01 01 00 02 03 03", "membership outgoing voters must be in strictly increasing order", 7),
        Arguments.of(Kind.ADDRESSED, "01 20 01 02 20 01 02 07 01", "type tag 0x20 is an addressed message, expected a message", 4));
  }

  @ParameterizedTest
  @MethodSource("specificErrors")
  void errorsSayWhatAndWhere(Kind kind, String hex, String reason, int offset) {
    byte[] input = hex.isEmpty() ? new byte[0] : HexFormat.ofDelimiter(" ").parseHex(hex);
    MalformedMessageException e = decodeOrRefuse(kind, input);
    if (e == null) {
      fail("accepted " + hex);
    }
    assertThat(e.reason()).contains(reason);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @Test
  void decodersRefuseNullWithNullPointerException() {
    assertThatThrownBy(() -> RaftCodec.decodeMessage((byte[]) null))
        .isInstanceOf(NullPointerException.class);
  }
}
