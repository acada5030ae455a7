package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Coefficients for random-linear-combination batch verification, derived by hashing every input
 * (Fiat-Shamir) so that a batch verifies the same way on every node and in every replay.
 *
 * <p>Why 128 bits: the inputs include the signatures under test, so an attacker who contributes to
 * them can grind for coefficients that cancel their errors; with b-bit coefficients that takes
 * about 2^b tries. 64 bits (what Ethereum clients use, with secret randomness that cannot be
 * ground) would leave only a 2^64 margin here; 128 bits leaves no argument to make. jblst's
 * multiplication time grows with the scalar's bit length, so this costs two multiplications of
 * about 0.08 ms more per signature than 64 bits would: measurable, but a batch still costs well
 * under one verification per signature.
 */
final class BatchCoefficients {

  static final int BITS = 128;

  private static final byte[] DOMAIN =
      "dvraft-bls-batch-verify-v1".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest transcript = sha256();

  BatchCoefficients() {
    transcript.update(DOMAIN);
  }

  /** Adds one variable-length input; the length prefix keeps inputs from running together. */
  BatchCoefficients absorb(byte[] input) {
    transcript.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, input.length));
    transcript.update(input);
    return this;
  }

  /** Returns {@code count} non-zero coefficients; call after absorbing every input. */
  BigInteger[] derive(int count) {
    byte[] seed = transcript.digest();
    BigInteger[] coefficients = new BigInteger[count];
    MessageDigest expand = sha256();
    for (int i = 0; i < count; i++) {
      expand.update(seed);
      expand.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, i));
      BigInteger value = new BigInteger(1, Arrays.copyOf(expand.digest(), BITS / Byte.SIZE));
      // Zero would drop a signature from the check; 2^-128 likely, but cheap to rule out.
      coefficients[i] = value.signum() == 0 ? BigInteger.ONE : value;
    }
    return coefficients;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
