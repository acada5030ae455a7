package io.dvraft.bls;

/**
 * A versioned binary encoding of {@link JournalRecord}s, for hosts that store the journal as bytes:
 * version (1), index (8), term (8), key id (8), duty key length (2) and bytes, signing root (32).
 * Decoding is strict.
 */
public final class JournalCodec {

  /** The encoding version this codec writes and reads. */
  public static final int VERSION = 1;

  private JournalCodec() {}

  /**
   * Encodes a record.
   *
   * @param record the record
   * @return its bytes
   */
  public static byte[] encode(JournalRecord record) {
    return new ByteWriter(59 + record.dutyKeyView().length)
        .u8(VERSION)
        .u63(record.index())
        .u63(record.term())
        .u63(record.key().value())
        .u16(record.dutyKeyView().length)
        .bytes(record.dutyKeyView())
        .bytes(record.rootView())
        .toByteArray();
  }

  /**
   * Decodes a record.
   *
   * @param bytes what {@link #encode} produced
   * @return the record
   * @throws MalformedBlsDataException if the bytes are not a valid record
   */
  public static JournalRecord decode(byte[] bytes) throws MalformedBlsDataException {
    ByteReader in = new ByteReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new MalformedBlsDataException("unknown journal record version " + version);
    }
    long index = in.u63("index");
    long term = in.u63("term");
    KeyId key = new KeyId(in.u63("key id"));
    int dutyKeyLength = in.u16("duty key length");
    if (dutyKeyLength > BlsCommandCodec.MAX_DUTY_KEY_BYTES) {
      throw new MalformedBlsDataException("duty key of " + dutyKeyLength + " bytes is too long");
    }
    byte[] dutyKey = in.bytes(dutyKeyLength, "duty key");
    byte[] root = in.bytes(BlsCommand.SignDuty.ROOT_LENGTH, "signing root");
    in.end("the journal record");
    if (index < 1 || term < 1) {
      throw new MalformedBlsDataException("index and term must be at least 1");
    }
    return new JournalRecord(index, term, key, dutyKey, root);
  }
}
