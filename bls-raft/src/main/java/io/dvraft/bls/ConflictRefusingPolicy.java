package io.dvraft.bls;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Never signs two different roots for the same (key, duty key); signing the same root again is fine
 * (a re-proposed duty). Its state is the set of journal records it has seen, so it is rebuilt
 * exactly from the journal on restore.
 *
 * <p>Memory grows with the number of duties signed. A production policy keeps only what slashing
 * protection needs (EIP-3076 keeps the highest slot and the highest source and target epochs).
 */
public final class ConflictRefusingPolicy implements SigningPolicy {

  private record Duty(KeyId key, ByteBuffer dutyKey) {}

  // Only looked up, never iterated, so hash order cannot reach any output.
  private final Map<Duty, byte[]> signedRoots = new HashMap<>();

  /** Creates a policy that has signed nothing. */
  public ConflictRefusingPolicy() {}

  @Override
  public SigningDecision check(KeyId key, byte[] dutyKey, byte[] signingRoot) {
    Objects.requireNonNull(signingRoot, "signingRoot");
    byte[] signed = signedRoots.get(duty(key, dutyKey));
    if (signed == null || Arrays.equals(signed, signingRoot)) {
      return SigningDecision.ALLOW;
    }
    return SigningDecision.refuse("already signed another root for this duty of " + key);
  }

  @Override
  public void signed(JournalRecord record) {
    signedRoots.putIfAbsent(duty(record.key(), record.dutyKeyView()), record.signingRoot());
  }

  /**
   * Returns how many duties this policy has seen signed.
   *
   * @return the number of distinct (key, duty key) pairs
   */
  public int size() {
    return signedRoots.size();
  }

  private static Duty duty(KeyId key, byte[] dutyKey) {
    return new Duty(Objects.requireNonNull(key, "key"), ByteBuffer.wrap(dutyKey.clone()));
  }
}
