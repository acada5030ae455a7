package io.dvraft.bls;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of everything BLS-Raft reads from peers and from disk. A normal {@code mvn
 * verify} replays the committed seed corpus in {@code
 * src/test/resources/io/dvraft/bls/BlsFuzzTestInputs/<method>/} (in its own JVM, see the pom);
 * fuzz for real with {@code JAZZER_FUZZ=1 mvn -pl bls-raft test -Dtest='BlsFuzzTest#decodeShares'}.
 *
 * <ul>
 *   <li>Each decoder either refuses its input with {@link MalformedBlsDataException} or decodes a
 *       value whose encoding is exactly the input (the formats are canonical). Anything else (any
 *       other exception or error) is a finding.
 *   <li>A leader given any share extension from one member does not throw, still signs the duty
 *       with the honest members' shares, and every signature it emits verifies.
 * </ul>
 */
class BlsFuzzTest {

  @FuzzTest
  void decodeRequest(byte[] input) {
    BlsFuzzChecks.request(input);
  }

  @FuzzTest
  void decodeShares(byte[] input) {
    BlsFuzzChecks.shares(input);
  }

  @FuzzTest
  void decodeCommand(byte[] input) {
    BlsFuzzChecks.command(input);
  }

  @FuzzTest
  void decodeJournalRecord(byte[] input) {
    BlsFuzzChecks.journalRecord(input);
  }

  @FuzzTest
  void decodeSnapshot(byte[] input) {
    BlsFuzzChecks.snapshot(input);
  }

  @FuzzTest(maxDuration = "30s")
  void leaderGivenAnyShareExtension_stillSignsWithTheHonestShares(byte[] input) {
    BlsFuzzChecks.leaderWithAByzantineMember(input);
  }
}
