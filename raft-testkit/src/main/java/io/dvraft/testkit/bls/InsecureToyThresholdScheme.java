package io.dvraft.testkit.bls;

import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.GroupPublicKey;
import io.dvraft.bls.crypto.GroupSignature;
import io.dvraft.bls.crypto.InvalidKeyMaterialException;
import io.dvraft.bls.crypto.PreparedMessage;
import io.dvraft.bls.crypto.PublicShare;
import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.SignatureShare;
import io.dvraft.bls.crypto.ThresholdKey;
import io.dvraft.bls.crypto.ThresholdScheme;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A threshold "signature" scheme with the algebra of BLS and none of its security, for
 * simulation campaigns of thousands of runs where real pairings would cost minutes.
 *
 * <p><strong>INSECURE: never use it to sign anything real.</strong> It works in the additive group
 * of the prime field p = 2<sup>61</sup> - 1 with generator 1, so a public key <em>is</em> its
 * secret key. What it keeps from BLS is everything BLS-Raft relies on: shares are Shamir shares,
 * a signature of m is s·H(m), t shares recombine by Lagrange interpolation at 0 into exactly the
 * group's signature, fewer than t do not, and a wrong share makes the recombined signature fail
 * verification. Values travel in the same 48- and 96-byte encodings as the real scheme (the
 * number in the last 8 bytes, zeros before), so malformed or forged bytes are rejected the same
 * way.
 */
public final class InsecureToyThresholdScheme implements ThresholdScheme {

  /** The field modulus, the Mersenne prime 2^61 - 1. */
  static final long P = (1L << 61) - 1;

  /** Creates the scheme. */
  public InsecureToyThresholdScheme() {}

  @Override
  public DealtKey deal(int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    return dealFrom(nonZero(random), threshold, indexes, random);
  }

  @Override
  public DealtKey deal(
      byte[] groupSecret, int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    return dealFrom(fieldValue(groupSecret, "group secret"), threshold, indexes, random);
  }

  private DealtKey dealFrom(
      long secret, int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    if (threshold < 1 || threshold > indexes.size()) {
      throw new InvalidKeyMaterialException(
          "threshold " + threshold + " is not in [1, " + indexes.size() + "]");
    }
    long[] coefficients = new long[threshold];
    coefficients[0] = secret;
    for (int i = 1; i < threshold; i++) {
      coefficients[i] = nonZero(random);
    }
    List<PublicShare> publics = new ArrayList<>();
    List<SecretShare> secrets = new ArrayList<>();
    for (ShareIndex index : indexes) {
      long y = evaluate(coefficients, x(index));
      publics.add(new PublicShare(index, encode(y, GroupPublicKey.LENGTH)));
      secrets.add(new SecretShare(index, encode(y, SecretShare.LENGTH)));
    }
    ThresholdKey key =
        new ThresholdKey(threshold, new GroupPublicKey(encode(secret, GroupPublicKey.LENGTH)), publics);
    return new DealtKey(key, secrets);
  }

  @Override
  public ThresholdKey importKey(
      int threshold, GroupPublicKey groupKey, List<PublicShare> publicShares) {
    ThresholdKey key = new ThresholdKey(threshold, groupKey, publicShares);
    validate(groupKey);
    long[] xs = new long[threshold];
    long[] ys = new long[threshold];
    for (int i = 0; i < publicShares.size(); i++) {
      PublicShare share = publicShares.get(i);
      validate(share);
      long y = decode(share.publicKey(), "public share " + share.index());
      if (i < threshold) {
        xs[i] = x(share.index());
        ys[i] = y;
      } else if (interpolate(xs, ys, x(share.index())) != y) {
        throw new InvalidKeyMaterialException(
            "public share " + share.index() + " is not on the key's polynomial");
      }
    }
    if (interpolate(xs, ys, 0) != decode(groupKey.bytes(), "group key")) {
      throw new InvalidKeyMaterialException("the public shares do not interpolate to the group key");
    }
    return key;
  }

  @Override
  public SecretShare importSecretShare(ThresholdKey key, SecretShare share) {
    PublicShare publicShare = key.publicShare(share.index())
        .orElseThrow(() -> new InvalidKeyMaterialException(
            "no public share for index " + share.index()));
    if (fieldValue(share.scalar(), "secret share")
        != decode(publicShare.publicKey(), "public share")) {
      throw new InvalidKeyMaterialException(
          "secret share " + share.index() + " does not match its public share");
    }
    return share;
  }

  @Override
  public void validate(GroupPublicKey key) {
    decode(key.bytes(), "group public key");
  }

  @Override
  public void validate(PublicShare share) {
    decode(share.publicKey(), "public share " + share.index());
  }

  @Override
  public void validate(GroupSignature signature) {
    decode(signature.bytes(), "group signature");
  }

  @Override
  public void validate(SignatureShare share) {
    decode(share.signature(), "signature share " + share.index());
  }

  @Override
  public PreparedMessage prepare(byte[] message) {
    return new ToyMessage(message.clone(), hash(message));
  }

  @Override
  public SignatureShare signShare(SecretShare share, PreparedMessage message) {
    long s = fieldValue(share.scalar(), "secret share");
    return new SignatureShare(share.index(), encode(mul(s, hashOf(message)), GroupSignature.LENGTH));
  }

  @Override
  public GroupSignature combine(List<SignatureShare> shares) {
    long[] xs = new long[shares.size()];
    long[] ys = new long[shares.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = x(shares.get(i).index());
      ys[i] = decode(shares.get(i).signature(), "signature share " + shares.get(i).index());
    }
    return new GroupSignature(encode(interpolate(xs, ys, 0), GroupSignature.LENGTH));
  }

  @Override
  public boolean verify(GroupPublicKey key, PreparedMessage message, GroupSignature signature) {
    return matches(key.bytes(), message, signature.bytes());
  }

  @Override
  public boolean verifyShare(
      PublicShare publicShare, PreparedMessage message, SignatureShare share) {
    return publicShare.index().equals(share.index())
        && matches(publicShare.publicKey(), message, share.signature());
  }

  @Override
  public List<Boolean> batchVerify(
      List<GroupPublicKey> groupKeys,
      List<PreparedMessage> messages,
      List<GroupSignature> signatures) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      out.add(verify(groupKeys.get(i), messages.get(i), signatures.get(i)));
    }
    return out;
  }

  private static boolean matches(byte[] key, PreparedMessage message, byte[] signature) {
    try {
      return decode(signature, "signature") == mul(decode(key, "key"), hashOf(message));
    } catch (InvalidKeyMaterialException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Field arithmetic mod 2^61 - 1

  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    // 2^64 = 8 * 2^61 = 8 (mod p), and 2^61 = 1 (mod p).
    long r = (lo & P) + (lo >>> 61) + (hi << 3);
    r = (r & P) + (r >>> 61);
    return r >= P ? r - P : r;
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r >= P ? r - P : r;
  }

  private static long sub(long a, long b) {
    long r = a - b;
    return r < 0 ? r + P : r;
  }

  private static long inverse(long a) {
    long result = 1;
    long base = a;
    for (long e = P - 2; e > 0; e >>= 1) {
      if ((e & 1) == 1) {
        result = mul(result, base);
      }
      base = mul(base, base);
    }
    return result;
  }

  private static long evaluate(long[] coefficients, long x) {
    long y = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      y = add(mul(y, x), coefficients[i]);
    }
    return y;
  }

  /** Lagrange interpolation of the points (xs[i], ys[i]) at {@code at}. */
  private static long interpolate(long[] xs, long[] ys, long at) {
    long sum = 0;
    for (int i = 0; i < xs.length; i++) {
      long num = 1;
      long den = 1;
      for (int j = 0; j < xs.length; j++) {
        if (i != j) {
          num = mul(num, sub(at, xs[j]));
          den = mul(den, sub(xs[i], xs[j]));
        }
      }
      if (den == 0) {
        throw new InvalidKeyMaterialException("two shares have the same index");
      }
      sum = add(sum, mul(ys[i], mul(num, inverse(den))));
    }
    return sum;
  }

  private static long x(ShareIndex index) {
    long x = index.value() % P;
    if (x == 0) {
      throw new InvalidKeyMaterialException("share index " + index + " is 0 in the toy field");
    }
    return x;
  }

  private static long nonZero(RandomGenerator random) {
    return 1 + Math.floorMod(random.nextLong(), P - 1);
  }

  private static long hash(byte[] message) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
      long h = Math.floorMod(ByteBuffer.wrap(digest).getLong(), P);
      return h == 0 ? 1 : h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static long hashOf(PreparedMessage message) {
    return message instanceof ToyMessage m ? m.hash() : hash(message.message());
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding: the value in the last 8 bytes, zeros before; 0 plays the point at infinity.

  private static byte[] encode(long value, int length) {
    byte[] out = new byte[length];
    ByteBuffer.wrap(out, length - 8, 8).putLong(value);
    return out;
  }

  private static long decode(byte[] bytes, String what) {
    for (int i = 0; i < bytes.length - 8; i++) {
      if (bytes[i] != 0) {
        throw new InvalidKeyMaterialException(what + " is not a toy-field encoding");
      }
    }
    long value = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (value <= 0 || value >= P) {
      throw new InvalidKeyMaterialException(what + " is out of the field or the identity");
    }
    return value;
  }

  private static long fieldValue(byte[] bytes, String what) {
    return decode(bytes, what);
  }

  /** A message with its hash in the toy field. */
  private record ToyMessage(byte[] bytes, long hash) implements PreparedMessage {
    @Override
    public byte[] message() {
      return bytes.clone();
    }
  }
}
