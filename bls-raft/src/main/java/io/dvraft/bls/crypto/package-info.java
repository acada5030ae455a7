/**
 * Threshold BLS signatures for Ethereum distributed validators.
 *
 * <p>Ciphersuite: Ethereum's {@code BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_} (public keys in
 * G1, 48 bytes compressed; signatures in G2, 96 bytes compressed). A group secret is split with
 * Shamir's scheme over the BLS12-381 scalar field; any {@code t} signature shares recombine, by
 * Lagrange interpolation at 0, into exactly the signature the group secret would have made.
 *
 * <p>The value types ({@link io.dvraft.bls.crypto.ShareIndex}, {@link
 * io.dvraft.bls.crypto.SecretShare}, {@link io.dvraft.bls.crypto.GroupPublicKey}, ...) are plain
 * bytes with structural checks only, so that any {@link io.dvraft.bls.crypto.ThresholdScheme} can
 * use them; the scheme is where curve points are decoded and checked. {@link
 * io.dvraft.bls.crypto.BlstThresholdScheme} is the real scheme; {@link io.dvraft.bls.crypto.Bls}
 * has the plain (non-threshold) Ethereum operations.
 *
 * <p>Bad input is reported by {@link io.dvraft.bls.crypto.InvalidKeyMaterialException}, an
 * unchecked {@link java.lang.IllegalArgumentException} with a reason; verification methods never
 * throw for a bad signature, they return {@code false}.
 */
package io.dvraft.bls.crypto;
