package io.dvraft.bls.crypto;

/**
 * Key material or a signature that cannot be used: wrong length, not a canonical point encoding,
 * not in the prime-order subgroup, the point at infinity, a scalar out of range, a share that
 * does not match its public share, or inconsistent threshold parameters.
 *
 * <p>It is unchecked (an {@link IllegalArgumentException}) because the value types check their
 * input in record constructors, which cannot declare checked exceptions. Catch it at the boundary
 * where bytes enter the process (configuration, committed entries, the network); the message says
 * what is wrong and, for shares, which index.
 */
public final class InvalidKeyMaterialException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong with the input, for logs and error reports
   */
  public InvalidKeyMaterialException(String reason) {
    super(reason);
  }

  /**
   * Creates the exception with the underlying library failure.
   *
   * @param reason what is wrong with the input
   * @param cause the error the BLS library reported
   */
  public InvalidKeyMaterialException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
