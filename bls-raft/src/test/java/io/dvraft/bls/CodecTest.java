package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.raft.NodeId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The encodings round-trip, and decoding untrusted bytes is strict. */
class CodecTest {

  private static final byte[] ROOT = BlsCluster.root("codec");

  @Test
  void signDutyHasAPinnedEncodingAndRoundTrips() throws Exception {
    BlsCommand.SignDuty duty =
        new BlsCommand.SignDuty(KeyId.of(5), ROOT, new byte[] {1, 2}, new byte[] {9});
    byte[] bytes = BlsCommandCodec.encode(duty);

    assertThat(HexFormat.of().formatHex(bytes))
        .isEqualTo(
            "6476424c"
                + "01"
                + "01"
                + "0000000000000005"
                + HexFormat.of().formatHex(ROOT)
                + "0002"
                + "0102"
                + "00000001"
                + "09");
    assertThat(BlsCommandCodec.decode(bytes)).isEqualTo(duty);
    assertThat(BlsCommandCodec.isBlsCommand(bytes)).isTrue();
  }

  @Test
  void keyCommandsRoundTrip() throws Exception {
    BlsCluster cluster = BlsCluster.of(3, 61);
    Map<NodeId, ShareIndex> members = new TreeMap<>();
    members.put(NodeId.of(3), ShareIndex.of(30));
    members.put(NodeId.of(1), ShareIndex.of(10));
    members.put(NodeId.of(2), ShareIndex.of(20));
    TestKey key = cluster.dealKey(7, 2, members);
    BlsCommand.AddKey add = BlsCommand.AddKey.of(key.id(), key.dealt().key(), members);

    assertThat(BlsCommandCodec.decode(BlsCommandCodec.encode(add))).isEqualTo(add);
    BlsCommand.RemoveKey remove = new BlsCommand.RemoveKey(KeyId.of(7));
    assertThat(BlsCommandCodec.decode(BlsCommandCodec.encode(remove))).isEqualTo(remove);
  }

  @Test
  void commandDecodingIsStrict() {
    byte[] good =
        BlsCommandCodec.encode(
            new BlsCommand.SignDuty(KeyId.of(5), ROOT, new byte[] {1}, new byte[] {2}));
    assertMalformedCommand(Arrays.copyOf(good, good.length + 1), "trailing");
    assertMalformedCommand(Arrays.copyOf(good, good.length - 1), "truncated");
    assertMalformedCommand(withByte(good, 4, 2), "unknown command version");
    assertMalformedCommand(withByte(good, 5, 9), "unknown command type");
    assertMalformedCommand(withByte(good, 6, 0x80), "negative");
    byte[] longPayload = withByte(good, good.length - 2, 0x7f);
    assertMalformedCommand(longPayload, "needs");
    assertThat(BlsCommandCodec.classify(new byte[] {1, 2, 3}))
        .isEqualTo(DecodedEntry.NotBls.INSTANCE);
    assertThat(BlsCommandCodec.classify(withByte(good, 5, 9)))
        .isInstanceOf(DecodedEntry.Malformed.class);
  }

  @Test
  void addKeyDecodingRejectsUnorderedMembersAndRepeatedIndexes() {
    BlsCluster cluster = BlsCluster.of(3, 62);
    TestKey key = cluster.dealKey(7, 2, cluster.plainMembers());
    byte[] good =
        BlsCommandCodec.encode(BlsCommand.AddKey.of(key.id(), key.dealt().key(), key.members()));
    int firstMember = 4 + 1 + 1 + 8 + 2 + 48 + 2;
    int memberLength = 8 + 8 + 48;
    byte[] unordered = good.clone();
    unordered[firstMember + memberLength + 7] = 1; // node 2 becomes node 1 again
    assertMalformedCommand(unordered, "ascending");
    byte[] repeated = good.clone();
    repeated[firstMember + memberLength + 15] = 1; // share index 2 becomes 1 again
    assertMalformedCommand(repeated, "repeated");
    byte[] threshold = good.clone();
    threshold[4 + 1 + 1 + 8 + 1] = 9;
    assertMalformedCommand(threshold, "threshold");
  }

  @Test
  void extensionsRoundTripAndAreStrict() throws Exception {
    assertThat(ExtensionCodec.decodeRequest(ExtensionCodec.encodeRequest(new SignatureRequest(42))))
        .isEqualTo(new SignatureRequest(42));
    List<ShareItem> items =
        List.of(
            new ShareItem.Share(3, 2, new byte[96]),
            new ShareItem.Refusal(4, 2, ShareItem.Reason.POLICY),
            new ShareItem.Refusal(9, 3, ShareItem.Reason.NO_SECRET_SHARE));
    byte[] encoded = ExtensionCodec.encodeShares(items);
    assertThat(ExtensionCodec.decodeShares(encoded)).isEqualTo(items);

    assertMalformedShares(Arrays.copyOf(encoded, encoded.length + 1), "trailing");
    assertMalformedShares(Arrays.copyOf(encoded, encoded.length - 1), "truncated");
    assertMalformedShares(withByte(encoded, 0, 2), "version");
    assertMalformedShares(withByte(encoded, 2, 200), "cannot fit");
    assertMalformedShares(withByte(encoded, 3 + 16, 7), "kind");
    byte[] unordered = encoded.clone();
    unordered[3 + 7] = 4; // the first item's index becomes the second's
    assertMalformedShares(unordered, "out of order");
    byte[] zeroTerm = encoded.clone();
    zeroTerm[3 + 15] = 0;
    assertMalformedShares(zeroTerm, "below 1");
    assertMalformedShares(withByte(encoded, encoded.length - 1, 9), "refusal reason");
    assertThatThrownBy(() -> ExtensionCodec.decodeRequest(new byte[] {1, 0}))
        .isInstanceOf(MalformedBlsDataException.class);
  }

  @Test
  void journalRecordsRoundTrip() throws Exception {
    JournalRecord record = new JournalRecord(12, 3, KeyId.of(8), new byte[] {4, 5}, ROOT);
    byte[] bytes = JournalCodec.encode(record);

    assertThat(JournalCodec.decode(bytes)).isEqualTo(record);
    assertThatThrownBy(() -> JournalCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(MalformedBlsDataException.class);
    assertThatThrownBy(() -> JournalCodec.decode(withByte(bytes, 0, 3)))
        .isInstanceOf(MalformedBlsDataException.class);
  }

  @Test
  void snapshotsCarryTheKeysBeforeTheApplicationData() throws Exception {
    BlsCluster cluster = BlsCluster.of(3, 63);
    TestKey key = cluster.dealKey(7, 2, cluster.plainMembers());
    BlsCommand.AddKey add = BlsCommand.AddKey.of(key.id(), key.dealt().key(), key.members());
    byte[] app = {1, 2, 3};
    byte[] data = BlsSnapshot.encode(List.of(new KeyState.Active(key.id(), 4, add)), app);

    BlsSnapshot.Contents contents = BlsSnapshot.decode(data);
    assertThat(contents.keys()).containsExactly(new BlsSnapshot.KeyEntry(4, add));
    assertThat(contents.applicationData()).isEqualTo(app);
    assertThat(BlsSnapshot.applicationData(data)).isEqualTo(app);
    assertThatThrownBy(() -> BlsSnapshot.applicationData(app))
        .isInstanceOf(MalformedBlsDataException.class);
  }

  private static byte[] withByte(byte[] bytes, int at, int value) {
    byte[] copy = bytes.clone();
    copy[at] = (byte) value;
    return copy;
  }

  private static void assertMalformedCommand(byte[] bytes, String reason) {
    assertThatThrownBy(() -> BlsCommandCodec.decode(bytes))
        .isInstanceOf(MalformedBlsDataException.class)
        .hasMessageContaining(reason);
  }

  private static void assertMalformedShares(byte[] bytes, String reason) {
    assertThatThrownBy(() -> ExtensionCodec.decodeShares(bytes))
        .isInstanceOf(MalformedBlsDataException.class)
        .hasMessageContaining(reason);
  }
}
