package io.dvraft.bls;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** The properties the fuzz tests check, also run over the seed corpus without Jazzer. */
final class BlsFuzzChecks {

  private BlsFuzzChecks() {}

  static void request(byte[] input) {
    try {
      canonical(input, ExtensionCodec.encodeRequest(ExtensionCodec.decodeRequest(input)));
    } catch (MalformedBlsDataException refused) {
      // refused with a reason: fine
    }
  }

  static void shares(byte[] input) {
    try {
      canonical(input, ExtensionCodec.encodeShares(ExtensionCodec.decodeShares(input)));
    } catch (MalformedBlsDataException refused) {
      // refused with a reason: fine
    }
  }

  static void command(byte[] input) {
    try {
      canonical(input, BlsCommandCodec.encode(BlsCommandCodec.decode(input)));
    } catch (MalformedBlsDataException refused) {
      // refused with a reason: fine
    }
    BlsCommandCodec.classify(input); // never throws: a malformed entry is classified as such
  }

  static void journalRecord(byte[] input) {
    try {
      canonical(input, JournalCodec.encode(JournalCodec.decode(input)));
    } catch (MalformedBlsDataException refused) {
      // refused with a reason: fine
    }
  }

  static void snapshot(byte[] input) {
    try {
      BlsSnapshot.Contents contents = BlsSnapshot.decode(input);
      if (!Arrays.equals(BlsSnapshot.applicationData(input), contents.applicationData())) {
        throw new AssertionError("applicationData disagrees with decode");
      }
    } catch (MalformedBlsDataException refused) {
      // refused with a reason: fine
    }
  }

  /**
   * A 2-of-3 cluster where one follower's acknowledgements carry {@code input} as their extension
   * (or, if the input starts with an odd byte, its real extension with the input XORed in, so
   * that well-formed share lists with wrong signatures, indexes and terms are explored too).
   */
  static void leaderWithAByzantineMember(byte[] input) {
    BlsCluster cluster = BlsCluster.of(3, 97);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    Node byzantine = cluster.followersOf(leader).get(0);
    boolean mutate = input.length > 0 && (input[0] & 1) == 1;
    byzantine.tamper = r -> {
      if (!mutate) {
        return r.withExtension(input);
      }
      byte[] bytes = r.extension();
      for (int i = 1; i < input.length && i - 1 < bytes.length; i++) {
        bytes[i - 1] ^= input[i];
      }
      return r.withExtension(bytes);
    };

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("f"), "f");
    cluster.settle(3);

    long index = ((BlsProposalResult.Accepted) r).index();
    if (!cluster.firstEmissions().containsKey(index)) {
      throw new AssertionError("the duty at " + index + " was not signed");
    }
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  private static void canonical(byte[] input, byte[] reencoded) {
    if (!Arrays.equals(input, reencoded)) {
      throw new AssertionError(
          "accepted a non-canonical encoding: " + HexFormat.of().formatHex(input)
              + " re-encodes as " + HexFormat.of().formatHex(reencoded));
    }
  }
}
