package io.dvraft.bls.crypto;

import java.util.List;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * Checks that a product of pairings is one, with a single multi-Miller loop and a single final
 * exponentiation: every verification here is of the form e(pk, H) * e(-g1, sig) == 1.
 *
 * <p>Callers pass only points they have checked (in the subgroup); jblst does not check here.
 */
final class PairingCheck {

  /** -g1, so that e(g1, sig) moves to the left-hand side of the product. */
  static final P1_Affine NEG_G1 = P1.generator().neg().to_affine();

  private PairingCheck() {}

  /** Whether e(g1s[0], g2s[0]) * ... * e(g1s[k], g2s[k]) == 1. */
  static boolean productIsOne(List<P1_Affine> g1s, List<P2_Affine> g2s) {
    Pairing pairing = new Pairing(true, BlstPoints.DST);
    for (int i = 0; i < g1s.size(); i++) {
      P1_Affine p = g1s.get(i);
      P2_Affine q = g2s.get(i);
      // e(O, Q) = e(P, O) = 1; jblst would only skip the pair if both were infinity.
      if (!p.is_inf() && !q.is_inf()) {
        pairing.raw_aggregate(q, p);
      }
    }
    pairing.commit();
    return pairing.finalverify();
  }

  /** Whether e(pk, h) == e(g1, sig), that is, sig is a valid signature on h under pk. */
  static boolean verify(P1_Affine publicKey, P2_Affine hash, P2_Affine signature) {
    return productIsOne(List.of(publicKey, NEG_G1), List.of(hash, signature));
  }
}
