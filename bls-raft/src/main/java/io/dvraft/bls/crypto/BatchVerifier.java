package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * Random-linear-combination verification of many group signatures with one multi-pairing.
 *
 * <p>Signatures under the same key share a pairing: with coefficients r_i, the batch is valid iff
 * prod over distinct keys k of e(pk_k, sum_{i under k} r_i H(m_i)) == e(g1, sum_i r_i sig_i). So a
 * batch under one key costs two Miller loops and one final exponentiation plus two 128-bit
 * multiplications per signature. If the combined check fails, each signature is verified on its
 * own to say which ones are bad.
 */
final class BatchVerifier {

  private final PublicKeyCache keys;

  BatchVerifier(PublicKeyCache keys) {
    this.keys = keys;
  }

  /** One signature that decoded and whose key is valid: the only kind worth a pairing. */
  private record Candidate(
      int position,
      GroupPublicKey key,
      P1_Affine publicKey,
      BlstPreparedMessage message,
      byte[] encoding,
      P2_Affine signature) {}

  List<Boolean> verify(
      List<GroupPublicKey> groupKeys,
      List<PreparedMessage> messages,
      List<GroupSignature> signatures) {
    if (groupKeys.size() != messages.size() || messages.size() != signatures.size()) {
      throw new IllegalArgumentException(groupKeys.size() + " keys, " + messages.size()
          + " messages but " + signatures.size() + " signatures");
    }
    Boolean[] valid = new Boolean[messages.size()];
    Arrays.fill(valid, Boolean.FALSE);
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < valid.length; i++) {
      GroupPublicKey key = groupKeys.get(i);
      byte[] encoding = signatures.get(i).bytes();
      P1_Affine publicKey = validKeyOrNull(key);
      P2_Affine signature = validSignatureOrNull(encoding);
      if (publicKey != null && signature != null) {
        candidates.add(new Candidate(
            i, key, publicKey, BlstPreparedMessage.of(messages.get(i)), encoding, signature));
      }
    }
    if (candidates.size() >= 2 && allValid(candidates)) {
      candidates.forEach(c -> valid[c.position()] = Boolean.TRUE);
    } else {
      // A failed combined check cannot say which signature is bad: check each on its own.
      for (Candidate c : candidates) {
        valid[c.position()] = PairingCheck.verify(c.publicKey(), c.message().hash(), c.signature());
      }
    }
    return List.of(valid);
  }

  private static boolean allValid(List<Candidate> candidates) {
    BatchCoefficients transcript = new BatchCoefficients();
    for (Candidate c : candidates) {
      transcript.absorb(c.key().bytes()).absorb(c.message().message()).absorb(c.encoding());
    }
    BigInteger[] r = transcript.derive(candidates.size());

    Map<GroupPublicKey, P2> hashSums = new LinkedHashMap<>();
    Map<GroupPublicKey, P1_Affine> publicKeys = new LinkedHashMap<>();
    P2 signatureSum = null;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      P2 hashTerm = c.message().hash().to_jacobian().mult(r[i]);
      hashSums.merge(c.key(), hashTerm, P2::add);
      publicKeys.putIfAbsent(c.key(), c.publicKey());
      P2 signatureTerm = c.signature().to_jacobian().mult(r[i]);
      signatureSum = signatureSum == null ? signatureTerm : signatureSum.add(signatureTerm);
    }
    List<P1_Affine> g1s = new ArrayList<>();
    List<P2_Affine> g2s = new ArrayList<>();
    hashSums.forEach((key, sum) -> {
      g1s.add(publicKeys.get(key));
      g2s.add(sum.to_affine());
    });
    g1s.add(PairingCheck.NEG_G1);
    g2s.add(signatureSum.to_affine());
    return PairingCheck.productIsOne(g1s, g2s);
  }

  private P1_Affine validKeyOrNull(GroupPublicKey key) {
    try {
      return keys.get(key.bytes(), "group public key");
    } catch (InvalidKeyMaterialException e) {
      return null;
    }
  }

  private static P2_Affine validSignatureOrNull(byte[] encoding) {
    try {
      return BlstPoints.signature(encoding, "group signature");
    } catch (InvalidKeyMaterialException e) {
      return null;
    }
  }
}
