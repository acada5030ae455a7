package io.dvraft.raft.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests, one per decoder: any input either decodes to a value whose encoding is exactly
 * that input, or is refused with {@link MalformedMessageException}. Anything else (another
 * exception, an out-of-memory error, a non-canonical accept) is a finding.
 *
 * <p>A normal {@code mvn verify} runs them in regression mode over the committed seed corpus in
 * {@code src/test/resources/io/dvraft/raft/codec/CodecFuzzTestInputs/<method>/}; see
 * docs/wire-format.md for fuzzing for real.
 */
class CodecFuzzTest {

  private static void check(Kind kind, byte[] input) {
    MalformedInputTest.decodeOrRefuse(kind, input);
  }

  @FuzzTest
  void decodeMessage(byte[] input) {
    check(Kind.MESSAGE, input);
  }

  @FuzzTest
  void decodeAddressed(byte[] input) {
    check(Kind.ADDRESSED, input);
  }

  @FuzzTest
  void decodeEntry(byte[] input) {
    check(Kind.ENTRY, input);
  }

  @FuzzTest
  void decodeHardState(byte[] input) {
    check(Kind.HARD_STATE, input);
  }

  @FuzzTest
  void decodeSnapshotMetadata(byte[] input) {
    check(Kind.SNAPSHOT_METADATA, input);
  }

  @FuzzTest
  void decodeMembership(byte[] input) {
    check(Kind.MEMBERSHIP, input);
  }
}
