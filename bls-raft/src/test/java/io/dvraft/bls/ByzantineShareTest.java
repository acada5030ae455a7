package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.message.AppendEntriesResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import supranational.blst.P2_Affine;

/**
 * A member that rewrites its shares never makes the leader emit an invalid signature; with t honest
 * signers every entry still gets signed, and the leader names the cheat.
 */
class ByzantineShareTest {

  /** Ways a byzantine member can lie about its share of a root. */
  enum Lie {
    RANDOM_BYTES,
    WRONG_KEYS_SHARE,
    POINT_AT_INFINITY,
    POINT_OUTSIDE_SUBGROUP,
    ANOTHER_MEMBERS_SHARE,
    SHARE_OF_ANOTHER_ROOT
  }

  /** What a lying member knows: its own shares, and (for one lie) an honest member's. */
  private record Context(
      BlsCluster cluster, Node liar, Node honest, TestKey key, TestKey otherKey) {

    byte[] lie(Lie lie, byte[] root) {
      SecretShare own = liar.ring.get(key.id()).orElseThrow();
      return switch (lie) {
        case RANDOM_BYTES -> {
          byte[] b = new byte[96];
          new SplittableRandom(Arrays.hashCode(root)).nextBytes(b);
          yield b;
        }
        case WRONG_KEYS_SHARE ->
            BlsCluster.SCHEME
                .signShare(liar.ring.get(otherKey.id()).orElseThrow(), root)
                .signature();
        case POINT_AT_INFINITY -> {
          byte[] b = new byte[96];
          b[0] = (byte) 0xc0;
          yield b;
        }
        case POINT_OUTSIDE_SUBGROUP -> pointOutsideSubgroup();
        case ANOTHER_MEMBERS_SHARE ->
            BlsCluster.SCHEME.signShare(honest.ring.get(key.id()).orElseThrow(), root).signature();
        case SHARE_OF_ANOTHER_ROOT ->
            BlsCluster.SCHEME.signShare(own, BlsCluster.root("something else")).signature();
      };
    }
  }

  @ParameterizedTest
  @EnumSource(Lie.class)
  void aLyingFollowerIsCaughtAndTheHonestSharesSign(Lie lie) {
    BlsCluster cluster = BlsCluster.of(3, 31);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    TestKey otherKey = cluster.addKey(leader, 2, 2, cluster.plainMembers());
    cluster.stabilize();
    List<Node> followers = cluster.followersOf(leader);
    Context context = new Context(cluster, followers.get(0), followers.get(1), key, otherKey);
    Map<Long, byte[]> roots = new java.util.TreeMap<>();
    context.liar().tamper =
        rewriteShares(
            share -> {
              byte[] root = roots.get(share.index());
              return root == null
                  ? share
                  : new ShareItem.Share(share.index(), share.term(), context.lie(lie, root));
            });

    for (int i = 0; i < 4; i++) {
      byte[] root = BlsCluster.root(lie + "/" + i);
      BlsProposalResult r = cluster.proposeDuty(leader, key.id(), root, "duty/" + i);
      roots.put(((BlsProposalResult.Accepted) r).index(), root);
    }
    cluster.settle(3);

    assertThat(cluster.firstEmissions().keySet()).containsExactlyElementsOf(roots.keySet());
    cluster.assertEmissionsValid(Map.of(key.id(), key, otherKey.id(), otherKey));
    assertThat(leader.events(BlsEvent.BadShare.class))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.member()).isEqualTo(context.liar().id));
  }

  /** With 3-of-5, two liars cannot stop the leader and the two honest followers. */
  @Test
  void twoLiarsOutOfFiveCannotStopThreeHonestSigners() {
    BlsCluster cluster = BlsCluster.of(5, 32);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 3, cluster.plainMembers());
    cluster.stabilize();
    List<Node> followers = cluster.followersOf(leader);
    List<NodeId> liars = List.of(followers.get(0).id, followers.get(1).id);
    followers.get(0).tamper =
        rewriteShares(s -> new ShareItem.Share(s.index(), s.term(), pointOutsideSubgroup()));
    followers.get(1).tamper =
        rewriteShares(
            s ->
                new ShareItem.Share(
                    s.index(),
                    s.term(),
                    BlsCluster.SCHEME
                        .signShare(
                            cluster
                                .nodes
                                .get(liarsVictim(followers))
                                .ring
                                .get(key.id())
                                .orElseThrow(),
                            BlsCluster.root("forged"))
                        .signature()));

    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      BlsProposalResult r =
          cluster.proposeDuty(leader, key.id(), BlsCluster.root("five/" + i), "d" + i);
      indexes.add(((BlsProposalResult.Accepted) r).index());
    }
    cluster.settle(3);

    assertThat(cluster.firstEmissions().keySet()).containsExactlyElementsOf(indexes);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
    assertThat(leader.events(BlsEvent.BadShare.class))
        .extracting(BlsEvent.BadShare::member)
        .isNotEmpty()
        .allMatch(liars::contains);
  }

  private static NodeId liarsVictim(List<Node> followers) {
    return followers.get(2).id;
  }

  /** A share repeated in one response makes the extension malformed: dropped, sender named. */
  @Test
  void aResponseRepeatingAnEntryIsDroppedWithAnEventNamingTheSender() {
    BlsCluster cluster = BlsCluster.of(3, 33);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    Node liar = cluster.followersOf(leader).get(0);
    liar.tamper =
        r -> {
          if (r.extension().length == 0) {
            return r;
          }
          byte[] ext = r.extension();
          int itemLength = ext.length - 3;
          byte[] doubled = new byte[3 + 2 * itemLength];
          doubled[0] = ext[0];
          doubled[2] = 2;
          System.arraycopy(ext, 3, doubled, 3, itemLength);
          System.arraycopy(ext, 3, doubled, 3 + itemLength, itemLength);
          return r.withExtension(ext[2] == 1 && ext[1] == 0 ? doubled : ext);
        };

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("dup"), "dup");
    cluster.settle(2);

    assertThat(leader.events(BlsEvent.ExtensionDropped.class))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.from()).isEqualTo(liar.id));
    assertThat(cluster.firstEmissions()).containsKey(((BlsProposalResult.Accepted) r).index());
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  static UnaryOperator<AppendEntriesResponse> rewriteShares(
      UnaryOperator<ShareItem.Share> rewrite) {
    return r -> {
      if (r.extension().length == 0) {
        return r;
      }
      try {
        List<ShareItem> items = new ArrayList<>();
        for (ShareItem item : ExtensionCodec.decodeShares(r.extension())) {
          items.add(item instanceof ShareItem.Share s ? rewrite.apply(s) : item);
        }
        return r.withExtension(ExtensionCodec.encodeShares(items));
      } catch (MalformedBlsDataException e) {
        throw new AssertionError(e);
      }
    };
  }

  /** A point on the G2 curve outside its prime-order subgroup (the cofactor is huge). */
  static byte[] pointOutsideSubgroup() {
    SplittableRandom random = new SplittableRandom(99);
    for (int attempt = 0; attempt < 10_000; attempt++) {
      byte[] b = new byte[96];
      random.nextBytes(b);
      b[0] = (byte) ((b[0] & 0x0f) | 0x80); // compressed, not infinity, x.c1 below p
      b[48] &= 0x0f; // x.c0 below p
      try {
        P2_Affine point = new P2_Affine(b);
        if (!point.in_group()) {
          return b;
        }
      } catch (RuntimeException notOnCurve) {
        // about half of the x coordinates have no point; try another
      }
    }
    throw new AssertionError("no point found");
  }
}
