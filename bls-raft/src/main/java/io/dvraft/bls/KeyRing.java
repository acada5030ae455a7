package io.dvraft.bls;

import io.dvraft.bls.crypto.SecretShare;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * This node's secret shares, one per key, as its host hands them over. Secret shares never enter
 * the log: the cluster agrees on a key's public side through a committed {@code AddKey}, and each
 * node checks its own secret share against the public share that {@code AddKey} gives it before it
 * signs with it.
 *
 * <p>The host may add a share before or after the key's {@code AddKey} commits; a node asked to
 * sign with a key whose share is missing or does not match refuses (and says so in an event).
 * Mutate it only from the thread that drives the node.
 */
public final class KeyRing {

  private final TreeMap<KeyId, SecretShare> shares = new TreeMap<>();

  /** Creates an empty key ring. */
  public KeyRing() {}

  /**
   * Adds or replaces this node's secret share of a key.
   *
   * @param key the key
   * @param share the secret share
   * @return this key ring
   */
  public KeyRing put(KeyId key, SecretShare share) {
    shares.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(share, "share"));
    return this;
  }

  /**
   * Forgets this node's share of a key (for example after its {@code RemoveKey} commits).
   *
   * @param key the key
   */
  public void remove(KeyId key) {
    shares.remove(key);
  }

  /**
   * Returns this node's secret share of a key.
   *
   * @param key the key
   * @return the share, or empty if the host gave none
   */
  public Optional<SecretShare> get(KeyId key) {
    return Optional.ofNullable(shares.get(key));
  }

  /**
   * Returns the keys this ring holds a share of.
   *
   * @return the key ids, ascending
   */
  public SortedSet<KeyId> keys() {
    return new TreeSet<>(shares.keySet());
  }

  /**
   * Shows how many shares it holds, never the secrets.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "KeyRing[" + shares.size() + " shares]";
  }
}
