package io.dvraft.raft.codec;

/**
 * Thrown when bytes given to a {@link RaftCodec} decoder are not the canonical encoding of a value
 * of the kind asked for.
 *
 * <p>Checked on purpose: the bytes usually come from the network or from disk, so a host must decide
 * what a bad frame means (drop it, close the connection, report corruption) rather than let it
 * unwind its event loop. The message names the field and the byte offset, counted from the first
 * byte of the encoding, where decoding stopped.
 */
public final class MalformedMessageException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What is wrong, naming the field. */
  private final String reason;

  /** Where the offending field starts, from the first byte of the encoding. */
  private final int offset;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong, naming the field
   * @param offset the byte offset of the offending field, from the start of the encoding
   */
  public MalformedMessageException(String reason, int offset) {
    super(reason + " (at byte " + offset + ")");
    this.reason = reason;
    this.offset = offset;
  }

  /**
   * Returns what is wrong, without the offset.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns where the offending field starts, counted from the first byte of the encoding.
   *
   * @return the byte offset, at least 0
   */
  public int offset() {
    return offset;
  }
}
