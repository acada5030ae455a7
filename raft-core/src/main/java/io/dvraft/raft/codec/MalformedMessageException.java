package io.dvraft.raft.codec;

/** Untrusted bytes did not decode to a valid value; the message says what is wrong and where. */
public class MalformedMessageException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong
   */
  public MalformedMessageException(String reason) {
    super(reason);
  }
}
