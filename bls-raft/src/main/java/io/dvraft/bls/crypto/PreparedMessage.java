package io.dvraft.bls.crypto;

/**
 * A message with whatever a scheme precomputes for it, so that signing and verifying the same
 * message (a signing root) pay for that work once. For {@link BlstThresholdScheme} it is the
 * hash-to-curve point of the message, the most expensive part of a signature share.
 *
 * <p>Obtain one from {@link ThresholdScheme#prepare(byte[])} and reuse it for every operation on
 * that message. Instances are immutable and safe to share between threads. A scheme given a
 * message prepared by another scheme prepares it again.
 */
public interface PreparedMessage {

  /**
   * Returns the message bytes.
   *
   * @return a copy of the message
   */
  byte[] message();
}
