package io.dvraft.bls;

import io.dvraft.bls.crypto.PublicShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdKey;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a BLS-Raft log entry asks for. These ride in ordinary Raft {@code COMMAND} entries, encoded
 * by {@link BlsCommandCodec}; any other command is the application's and is not signed.
 */
public sealed interface BlsCommand {

  /**
   * Returns the key the command is about.
   *
   * @return the key id
   */
  KeyId key();

  /**
   * A duty for the group to sign: the committed entry comes out with a group signature of {@code
   * signingRoot} under {@code key}.
   *
   * @param key the validator key to sign with
   * @param signingRoot the 32 bytes to sign (for Ethereum, the SSZ signing root of the duty)
   * @param dutyKey names the duty for slashing protection (for example {@code attester/1234}); two
   *     different roots for one (key, duty key) are a conflict; at most {@link
   *     BlsCommandCodec#MAX_DUTY_KEY_BYTES} bytes
   * @param payload application bytes carried along, not signed (for example the SSZ duty itself)
   */
  record SignDuty(KeyId key, byte[] signingRoot, byte[] dutyKey, byte[] payload)
      implements BlsCommand {

    /** Bytes of a signing root. */
    public static final int ROOT_LENGTH = 32;

    /**
     * Checks and copies the fields.
     *
     * @param key the validator key to sign with
     * @param signingRoot the 32 bytes to sign (for Ethereum, the SSZ signing root of the duty)
     * @param dutyKey names the duty for slashing protection (for example {@code attester/1234});
     *     two different roots for one (key, duty key) are a conflict; at most {@link
     *     BlsCommandCodec#MAX_DUTY_KEY_BYTES} bytes
     * @param payload application bytes carried along, not signed (for example the SSZ duty itself)
     * @throws IllegalArgumentException if the root is not 32 bytes or the duty key is too long
     */
    public SignDuty {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(signingRoot, "signingRoot");
      Objects.requireNonNull(dutyKey, "dutyKey");
      Objects.requireNonNull(payload, "payload");
      if (signingRoot.length != ROOT_LENGTH) {
        throw new IllegalArgumentException(
            "signing root must be " + ROOT_LENGTH + " bytes, got " + signingRoot.length);
      }
      if (dutyKey.length > BlsCommandCodec.MAX_DUTY_KEY_BYTES) {
        throw new IllegalArgumentException(
            "duty key must be at most "
                + BlsCommandCodec.MAX_DUTY_KEY_BYTES
                + " bytes, got "
                + dutyKey.length);
      }
      signingRoot = signingRoot.clone();
      dutyKey = dutyKey.clone();
      payload = payload.clone();
    }

    /**
     * Returns a copy of the signing root.
     *
     * @return 32 bytes
     */
    @Override
    public byte[] signingRoot() {
      return signingRoot.clone();
    }

    /**
     * Returns a copy of the duty key.
     *
     * @return the duty key bytes
     */
    @Override
    public byte[] dutyKey() {
      return dutyKey.clone();
    }

    /**
     * Returns a copy of the payload.
     *
     * @return the payload bytes
     */
    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** Read-only access without a copy, for this package's hot paths. */
    byte[] rootView() {
      return signingRoot;
    }

    byte[] dutyKeyView() {
      return dutyKey;
    }

    byte[] payloadView() {
      return payload;
    }

    /**
     * Compares every field by content.
     *
     * @param o the object to compare with
     * @return whether {@code o} is the same duty
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof SignDuty d
          && key.equals(d.key)
          && Arrays.equals(signingRoot, d.signingRoot)
          && Arrays.equals(dutyKey, d.dutyKey)
          && Arrays.equals(payload, d.payload);
    }

    /**
     * Hashes every field by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return Objects.hash(
          key, Arrays.hashCode(signingRoot), Arrays.hashCode(dutyKey), Arrays.hashCode(payload));
    }

    /**
     * Shows the key, the root in hex and the sizes.
     *
     * @return a short form for logs
     */
    @Override
    public String toString() {
      return "SignDuty["
          + key
          + ", root="
          + HexFormat.of().formatHex(signingRoot, 0, 8)
          + "..., dutyKey="
          + dutyKey.length
          + " bytes, payload="
          + payload.length
          + " bytes]";
    }
  }

  /**
   * Adds a validator key: entries after this one in the log may sign with it. Carries only public
   * material; each node's secret share comes from its host's {@link KeyRing}.
   *
   * @param key the key id, not active at this point of the log
   * @param thresholdKey the threshold, group public key and public shares
   * @param members which node holds which share index; exactly the key's indexes, one per node
   */
  record AddKey(KeyId key, ThresholdKey thresholdKey, SortedMap<NodeId, ShareIndex> members)
      implements BlsCommand {

    /**
     * Checks the shape (the cryptography is checked by the node that validates the key), freezes
     * the members, and puts the public shares in member order, so that a command equals its decoded
     * encoding.
     *
     * @param key the key id, not active at this point of the log
     * @param thresholdKey the threshold, group public key and public shares
     * @param members which node holds which share index; exactly the key's indexes, one per node
     * @throws IllegalArgumentException if the members do not match the key's share indexes one to
     *     one
     */
    public AddKey {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(thresholdKey, "thresholdKey");
      members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
      if (members.size() != thresholdKey.size()
          || !new TreeSet<>(members.values()).equals(new TreeSet<>(thresholdKey.indexes()))) {
        throw new IllegalArgumentException(
            "members "
                + members
                + " do not map one to one onto the key's share indexes "
                + thresholdKey.indexes());
      }
      List<PublicShare> ordered = new ArrayList<>(members.size());
      for (ShareIndex index : members.values()) {
        ordered.add(thresholdKey.publicShare(index).orElseThrow());
      }
      thresholdKey = new ThresholdKey(thresholdKey.threshold(), thresholdKey.groupKey(), ordered);
    }

    /**
     * Returns the public share of a member node.
     *
     * @param node the node
     * @return its public share, or empty if it is not a member
     */
    public Optional<PublicShare> publicShareOf(NodeId node) {
      ShareIndex index = members.get(node);
      return index == null ? Optional.empty() : thresholdKey.publicShare(index);
    }

    /**
     * Builds the command from the arguments of a proposal.
     *
     * @param key the key id
     * @param thresholdKey the public key material
     * @param members which node holds which share index
     * @return the command
     */
    public static AddKey of(KeyId key, ThresholdKey thresholdKey, Map<NodeId, ShareIndex> members) {
      return new AddKey(key, thresholdKey, new TreeMap<>(members));
    }
  }

  /**
   * Removes a validator key: entries after this one in the log are not signed with it.
   *
   * @param key the key id
   */
  record RemoveKey(KeyId key) implements BlsCommand {
    /**
     * Checks that the key is not null.
     *
     * @param key the key id
     */
    public RemoveKey {
      Objects.requireNonNull(key, "key");
    }
  }
}
