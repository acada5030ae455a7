package io.dvraft.testkit.bench;

import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.SecretShare;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;
import supranational.blst.SecretKey;

/**
 * The cryptography a t-of-n BLS-Raft cluster cannot avoid for a window of duties, in raw jblst
 * calls with nothing around them: the bound BLS-Raft is measured against.
 *
 * <p>Per duty, every one of the n nodes hashes the root to G2 and signs its share (n hashes, n
 * scalar multiplications, n compressions: each node is a separate machine and hashes for itself);
 * the leader decompresses t shares, multiplies them by their Lagrange coefficients (computed once,
 * as the signer set does not change) and adds them. Then the leader verifies the window's group
 * signatures as BLS-Raft does: each signature decompressed and checked to be in G2's subgroup, and
 * one random-linear-combination check for the window (two 128-bit multiplications per signature
 * and one two-pairing product), or a plain two-pairing check for a window of one. The coefficients
 * here are fixed; BLS-Raft derives them by hashing, which it pays for as overhead.
 */
final class CryptoBound {

  private static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** The order r of the BLS12-381 groups. */
  private static final BigInteger R = new BigInteger(
      "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private static final P1_Affine NEG_G1 = P1.generator().neg().to_affine();

  private final SecretKey[] secrets;
  private final BigInteger[] lagrange;
  private final int threshold;
  private final P1_Affine groupKey;
  private final BigInteger[] batchCoefficients;
  private final byte[][] shares;
  private final P2_Affine[] hashes;
  private final byte[][] signatures;

  /**
   * Prepares the secret keys, the public key and the coefficients of a dealt key.
   *
   * @param dealt the key, with its secret shares at indexes 1..n
   * @param window the most duties one call to {@link #signWindow} handles
   */
  CryptoBound(DealtKey dealt, int window) {
    int n = dealt.secretShares().size();
    threshold = dealt.key().threshold();
    secrets = new SecretKey[n];
    for (int i = 0; i < n; i++) {
      SecretShare share = dealt.secretShares().get(i);
      secrets[i] = new SecretKey();
      secrets[i].from_bendian(share.scalar());
    }
    // The leader (index 1) recombines its own share with the first t-1 followers' (indexes 2..t).
    lagrange = new BigInteger[threshold];
    for (int i = 0; i < threshold; i++) {
      BigInteger xi = BigInteger.valueOf(i + 1);
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (int j = 0; j < threshold; j++) {
        if (j != i) {
          BigInteger xj = BigInteger.valueOf(j + 1);
          num = num.multiply(xj).mod(R);
          den = den.multiply(xj.subtract(xi)).mod(R);
        }
      }
      lagrange[i] = num.multiply(den.modInverse(R)).mod(R);
    }
    groupKey = new P1_Affine(dealt.key().groupKey().bytes());
    batchCoefficients = new BigInteger[window];
    for (int i = 0; i < window; i++) {
      // Fixed 128-bit odd values, as large as the ones BLS-Raft draws.
      batchCoefficients[i] = BigInteger.ONE.shiftLeft(127).add(BigInteger.valueOf(2L * i + 1));
    }
    shares = new byte[n][];
    hashes = new P2_Affine[window];
    signatures = new byte[window][];
  }

  /**
   * Does the cryptography of {@code count} duties, slots {@code firstSlot}.., with roots made as
   * {@link BlsBenchCluster#proposeDuty} makes them.
   *
   * @param firstSlot the first duty's slot
   * @param count how many duties, at most the window given at construction
   * @return whether every group signature verified (always true for a consistent key)
   */
  boolean signWindow(long firstSlot, int count) {
    for (int d = 0; d < count; d++) {
      long slot = firstSlot + d;
      byte[] root = new byte[32];
      ByteBuffer.wrap(root).putLong(slot).putLong(~slot);
      signatures[d] = signOne(root, d);
    }
    return count == 1 ? verifyOne() : verifyBatch(count);
  }

  /**
   * Returns a group signature the last {@link #signWindow} made.
   *
   * @param position the duty's position in that window
   * @return the compressed signature
   */
  byte[] signature(int position) {
    return signatures[position].clone();
  }

  /** n shares, one recombination; keeps the leader's hash for the verification. */
  private byte[] signOne(byte[] root, int position) {
    for (int node = 0; node < secrets.length; node++) {
      P2 hash = new P2().hash_to(root, DST);
      if (node == 0) {
        hashes[position] = hash.to_affine();
      }
      shares[node] = hash.sign_with(secrets[node]).compress();
    }
    P2 sum = null;
    for (int i = 0; i < threshold; i++) {
      P2 term = new P2_Affine(shares[i]).to_jacobian().mult(lagrange[i]);
      sum = sum == null ? term : sum.add(term);
    }
    return sum.compress();
  }

  private boolean verifyOne() {
    P2_Affine signature = checkedSignature(signatures[0]);
    return signature != null && productIsOne(hashes[0], signature);
  }

  private boolean verifyBatch(int count) {
    P2 hashSum = null;
    P2 signatureSum = null;
    for (int i = 0; i < count; i++) {
      P2_Affine signature = checkedSignature(signatures[i]);
      if (signature == null) {
        return false;
      }
      P2 h = hashes[i].to_jacobian().mult(batchCoefficients[i]);
      P2 s = signature.to_jacobian().mult(batchCoefficients[i]);
      hashSum = hashSum == null ? h : hashSum.add(h);
      signatureSum = signatureSum == null ? s : signatureSum.add(s);
    }
    return productIsOne(hashSum.to_affine(), signatureSum.to_affine());
  }

  private static P2_Affine checkedSignature(byte[] bytes) {
    P2_Affine point = new P2_Affine(bytes);
    return point.in_group() && !point.is_inf() ? point : null;
  }

  /** e(pk, hash) * e(-g1, signature) == 1. */
  private boolean productIsOne(P2_Affine hash, P2_Affine signature) {
    Pairing pairing = new Pairing(true, DST);
    pairing.raw_aggregate(hash, groupKey);
    pairing.raw_aggregate(signature, NEG_G1);
    pairing.commit();
    return pairing.finalverify();
  }
}
