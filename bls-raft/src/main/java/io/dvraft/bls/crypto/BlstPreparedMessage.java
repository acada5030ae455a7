package io.dvraft.bls.crypto;

import supranational.blst.P2_Affine;

/**
 * A message with its hash-to-curve point, the G2 point both signing and verifying start from.
 * The point is never mutated: signing works on a fresh Jacobian copy.
 */
final class BlstPreparedMessage implements PreparedMessage {

  private final byte[] message;
  private final P2_Affine hash;

  BlstPreparedMessage(byte[] message) {
    this.message = message.clone();
    this.hash = BlstPoints.hashToG2(this.message);
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  /** The cached point; callers must not mutate it (use {@code to_jacobian()} or {@code dup()}). */
  P2_Affine hash() {
    return hash;
  }

  /** Returns {@code message} prepared by jblst, preparing it again if another scheme made it. */
  static BlstPreparedMessage of(PreparedMessage message) {
    return message instanceof BlstPreparedMessage blst
        ? blst
        : new BlstPreparedMessage(message.message());
  }

  @Override
  public String toString() {
    return "BlstPreparedMessage[" + Bytes.shortHex(message) + "]";
  }
}
