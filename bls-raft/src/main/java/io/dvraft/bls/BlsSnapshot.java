package io.dvraft.bls;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of a BLS-Raft Raft snapshot: the keys in force at the snapshot's index, then the
 * application's bytes. Raft compacts the {@code AddKey} entries away with the rest of the log, so
 * the keys must travel with the snapshot, to followers that install it and to the node itself when
 * it restarts.
 *
 * <p>Layout: the magic {@code "dvBS"}, a version byte (1), a key count (4), then per key the index
 * of its {@code AddKey} (8), the length (4) and bytes of the {@code AddKey} command; the rest is
 * the application's data. Keys are validated again when read (deterministically), so a snapshot
 * cannot smuggle in a key that would not have passed as an entry.
 */
public final class BlsSnapshot {

  private static final byte[] MAGIC = {'d', 'v', 'B', 'S'};
  private static final int VERSION = 1;

  /** One key carried by a snapshot: its {@code AddKey} and where it was in the log. */
  record KeyEntry(long index, BlsCommand.AddKey command) {}

  /** A decoded snapshot: the keys, and the application's bytes. */
  record Contents(List<KeyEntry> keys, byte[] applicationData) {}

  private BlsSnapshot() {}

  /**
   * Returns the application's part of a BLS-Raft snapshot's data, as a host needs it when it
   * restarts from a persisted snapshot.
   *
   * @param snapshotData the data of a snapshot a BLS-Raft node produced or received
   * @return the bytes the application passed to {@code snapshotTaken}
   * @throws MalformedBlsDataException if the data is not a BLS-Raft snapshot
   */
  public static byte[] applicationData(byte[] snapshotData) throws MalformedBlsDataException {
    return decode(snapshotData).applicationData();
  }

  static byte[] encode(List<KeyState> keys, byte[] applicationData) {
    ByteWriter out =
        new ByteWriter(16 + applicationData.length).bytes(MAGIC).u8(VERSION).u32(keys.size());
    for (KeyState key : keys) {
      BlsCommand.AddKey command =
          key instanceof KeyState.Active a ? a.command() : ((KeyState.Invalid) key).command();
      byte[] bytes = BlsCommandCodec.encode(command);
      out.u63(key.index()).u32(bytes.length).bytes(bytes);
    }
    return out.bytes(applicationData).toByteArray();
  }

  static Contents decode(byte[] data) throws MalformedBlsDataException {
    ByteReader in = new ByteReader(data);
    byte[] magic = in.bytes(MAGIC.length, "magic");
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new MalformedBlsDataException("not a BLS-Raft snapshot (no magic)");
    }
    int version = in.u8("version");
    if (version != VERSION) {
      throw new MalformedBlsDataException("unknown snapshot version " + version);
    }
    long count = in.u32("key count");
    if (count * 12 > in.remaining()) {
      throw new MalformedBlsDataException(
          count + " keys cannot fit in " + in.remaining() + " bytes");
    }
    List<KeyEntry> keys = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      long index = in.u63("key index");
      byte[] bytes = in.bytes(in.u32("key length"), "key command");
      if (!(BlsCommandCodec.decode(bytes) instanceof BlsCommand.AddKey add)) {
        throw new MalformedBlsDataException("snapshot key " + i + " is not an AddKey");
      }
      keys.add(new KeyEntry(index, add));
    }
    return new Contents(List.copyOf(keys), in.rest());
  }
}
