package io.dvraft.bls;

/**
 * Bytes that BLS-Raft decodes (a log entry's command, a message extension, a journal record, a
 * snapshot header) are not a valid encoding. The message says what is wrong. Checked, because the
 * bytes come from outside (peers, storage) and every caller must decide what to do: BLS-Raft itself
 * drops the data and reports an event, never crashes.
 */
public final class MalformedBlsDataException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong
   */
  public MalformedBlsDataException(String reason) {
    super(reason);
  }
}
