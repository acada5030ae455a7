package io.dvraft.bls;

import io.dvraft.bls.crypto.GroupPublicKey;
import io.dvraft.bls.crypto.PublicShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdKey;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The versioned binary encoding of {@link BlsCommand}s in Raft command entries.
 *
 * <p>Layout (big-endian): the magic {@code "dvBL"}, a version byte (1), a type byte, then the
 * fields:
 *
 * <ul>
 *   <li>{@code 1} SignDuty: key id (8), signing root (32), duty key length (2) and bytes, payload
 *       length (4) and bytes;
 *   <li>{@code 2} AddKey: key id (8), threshold (2), group public key (48), member count (2), then
 *       per member in ascending node id order: node id (8), share index (8), public share (48);
 *   <li>{@code 3} RemoveKey: key id (8).
 * </ul>
 *
 * <p>Decoding is strict: no trailing bytes, lengths within what is there, node ids ascending, share
 * indexes distinct, threshold within [1, n]. A command that does not start with the magic is not a
 * BLS-Raft command at all (an application command, never signed); one that starts with it but fails
 * to decode is malformed (an unsignable entry, reported).
 */
public final class BlsCommandCodec {

  /** The first bytes of every BLS-Raft command: {@code "dvBL"}. */
  static final byte[] MAGIC = {'d', 'v', 'B', 'L'};

  /** The encoding version this codec writes and reads. */
  public static final int VERSION = 1;

  /** The longest duty key accepted. */
  public static final int MAX_DUTY_KEY_BYTES = 1024;

  /** The most members a key may have. */
  public static final int MAX_MEMBERS = 1024;

  private static final int SIGN_DUTY = 1;
  private static final int ADD_KEY = 2;
  private static final int REMOVE_KEY = 3;

  private BlsCommandCodec() {}

  /**
   * Encodes a command as the data of a Raft command entry.
   *
   * @param command the command
   * @return the bytes
   */
  public static byte[] encode(BlsCommand command) {
    ByteWriter out = new ByteWriter(64).bytes(MAGIC).u8(VERSION);
    if (command instanceof BlsCommand.SignDuty d) {
      out.u8(SIGN_DUTY)
          .u63(d.key().value())
          .bytes(d.rootView())
          .u16(d.dutyKeyView().length)
          .bytes(d.dutyKeyView())
          .u32(d.payloadView().length)
          .bytes(d.payloadView());
    } else if (command instanceof BlsCommand.AddKey a) {
      ThresholdKey key = a.thresholdKey();
      out.u8(ADD_KEY)
          .u63(a.key().value())
          .u16(key.threshold())
          .bytes(key.groupKey().bytes())
          .u16(a.members().size());
      for (Map.Entry<NodeId, ShareIndex> m : a.members().entrySet()) {
        PublicShare share = key.publicShare(m.getValue()).orElseThrow();
        out.u63(m.getKey().value()).u63(m.getValue().value()).bytes(share.publicKey());
      }
    } else if (command instanceof BlsCommand.RemoveKey r) {
      out.u8(REMOVE_KEY).u63(r.key().value());
    }
    return out.toByteArray();
  }

  /**
   * Says whether command bytes claim to be a BLS-Raft command (they start with the magic).
   *
   * @param data the data of a command entry
   * @return true if they start with the magic, whether or not the rest is valid
   */
  public static boolean isBlsCommand(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes command bytes.
   *
   * @param data the data of a command entry
   * @return the command
   * @throws MalformedBlsDataException if the bytes are not a valid BLS-Raft command (including when
   *     they do not start with the magic)
   */
  public static BlsCommand decode(byte[] data) throws MalformedBlsDataException {
    if (!isBlsCommand(data)) {
      throw new MalformedBlsDataException("not a BLS-Raft command (no magic)");
    }
    ByteReader in = new ByteReader(data);
    in.bytes(MAGIC.length, "magic");
    int version = in.u8("version");
    if (version != VERSION) {
      throw new MalformedBlsDataException("unknown command version " + version);
    }
    int type = in.u8("type");
    BlsCommand command =
        switch (type) {
          case SIGN_DUTY -> signDuty(in);
          case ADD_KEY -> addKey(in);
          case REMOVE_KEY -> new BlsCommand.RemoveKey(new KeyId(in.u63("key id")));
          default -> throw new MalformedBlsDataException("unknown command type " + type);
        };
    in.end("the command");
    return command;
  }

  private static BlsCommand.SignDuty signDuty(ByteReader in) throws MalformedBlsDataException {
    KeyId key = new KeyId(in.u63("key id"));
    byte[] root = in.bytes(BlsCommand.SignDuty.ROOT_LENGTH, "signing root");
    int dutyKeyLength = in.u16("duty key length");
    if (dutyKeyLength > MAX_DUTY_KEY_BYTES) {
      throw new MalformedBlsDataException("duty key of " + dutyKeyLength + " bytes is too long");
    }
    byte[] dutyKey = in.bytes(dutyKeyLength, "duty key");
    byte[] payload = in.bytes(in.u32("payload length"), "payload");
    return new BlsCommand.SignDuty(key, root, dutyKey, payload);
  }

  private static BlsCommand.AddKey addKey(ByteReader in) throws MalformedBlsDataException {
    KeyId key = new KeyId(in.u63("key id"));
    int threshold = in.u16("threshold");
    byte[] groupKey = in.bytes(GroupPublicKey.LENGTH, "group public key");
    int count = in.u16("member count");
    if (count < 1 || count > MAX_MEMBERS) {
      throw new MalformedBlsDataException(
          "member count " + count + " out of [1, " + MAX_MEMBERS + "]");
    }
    if (threshold < 1 || threshold > count) {
      throw new MalformedBlsDataException("threshold " + threshold + " out of [1, " + count + "]");
    }
    TreeMap<NodeId, ShareIndex> members = new TreeMap<>();
    List<PublicShare> shares = new ArrayList<>(count);
    TreeSet<Long> indexes = new TreeSet<>();
    long previous = -1;
    for (int i = 0; i < count; i++) {
      long node = in.u63("member node id");
      if (node <= previous) {
        throw new MalformedBlsDataException(
            "member node ids are not strictly ascending at " + node);
      }
      previous = node;
      long index = in.u63("member share index");
      if (index < 1 || !indexes.add(index)) {
        throw new MalformedBlsDataException("share index " + index + " is zero or repeated");
      }
      byte[] publicKey = in.bytes(PublicShare.LENGTH, "public share");
      members.put(NodeId.of(node), ShareIndex.of(index));
      shares.add(new PublicShare(ShareIndex.of(index), publicKey));
    }
    try {
      return new BlsCommand.AddKey(
          key, new ThresholdKey(threshold, new GroupPublicKey(groupKey), shares), members);
    } catch (IllegalArgumentException e) {
      throw new MalformedBlsDataException("invalid key structure: " + e.getMessage());
    }
  }

  /** Sorts command entry data into application, malformed, or decoded BLS-Raft commands. */
  static DecodedEntry classify(byte[] data) {
    if (!isBlsCommand(data)) {
      return DecodedEntry.NotBls.INSTANCE;
    }
    try {
      return new DecodedEntry.Command(decode(data));
    } catch (MalformedBlsDataException e) {
      return new DecodedEntry.Malformed(e.getMessage());
    }
  }
}
