package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the Ethereum BLS conformance suite copied in src/test/resources/ethereum-bls, run
 * through {@link Bls} and, where the case fits a single group key, through {@link
 * BlstThresholdScheme} too.
 */
class EthereumBlsConformanceTest {

  private static final int EXPECTED_CASES = 43;
  private static final Set<String> HANDLERS = Set.of(
      "sign", "verify", "aggregate", "fast_aggregate_verify", "aggregate_verify", "batch_verify");

  private final BlstThresholdScheme scheme = new BlstThresholdScheme();

  static Path root() throws URISyntaxException {
    return Path.of(EthereumBlsConformanceTest.class.getResource("/ethereum-bls").toURI());
  }

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      return json.stream().map(p -> Arguments.of(
          p.getParent().getFileName().toString(), p.getFileName().toString(), p));
    }
  }

  @Test
  void everyCaseOfEveryHandlerIsPresent() throws Exception {
    List<Arguments> all = cases().toList();
    Set<String> handlers =
        all.stream().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));

    assertThat(all).hasSize(EXPECTED_CASES);
    assertThat(handlers).isEqualTo(new TreeSet<>(HANDLERS));
    assertThat(Files.readString(root().resolve("README.md")))
        .contains("ethereum/bls12-381-tests");
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("cases")
  void conformanceCasePasses(String handler, String name, Path file) throws IOException {
    Map<?, ?> test = (Map<?, ?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    Object input = test.get("input");
    Object output = test.get("output");
    switch (handler) {
      case "sign" -> sign((Map<?, ?>) input, (String) output);
      case "verify" -> verify((Map<?, ?>) input, (Boolean) output);
      case "aggregate" -> aggregate((List<?>) input, (String) output);
      case "fast_aggregate_verify" -> assertThat(Bls.fastAggregateVerify(
              bytesList(((Map<?, ?>) input).get("pubkeys")),
              bytes(((Map<?, ?>) input).get("message")),
              bytes(((Map<?, ?>) input).get("signature"))))
          .isEqualTo(output);
      case "aggregate_verify" -> assertThat(Bls.aggregateVerify(
              bytesList(((Map<?, ?>) input).get("pubkeys")),
              bytesList(((Map<?, ?>) input).get("messages")),
              bytes(((Map<?, ?>) input).get("signature"))))
          .isEqualTo(output);
      case "batch_verify" -> assertThat(Bls.batchVerify(
              bytesList(((Map<?, ?>) input).get("pubkeys")),
              bytesList(((Map<?, ?>) input).get("messages")),
              bytesList(((Map<?, ?>) input).get("signatures"))))
          .isEqualTo(output);
      default -> throw new AssertionError("unknown handler " + handler);
    }
  }

  private void sign(Map<?, ?> input, String expected) {
    byte[] secret = bytes(input.get("privkey"));
    byte[] message = bytes(input.get("message"));
    if (expected == null) {
      assertThatThrownBy(() -> Bls.sign(secret, message))
          .isInstanceOf(InvalidKeyMaterialException.class);
      return;
    }
    assertThat(TestHex.encode(Bls.sign(secret, message))).isEqualTo(expected);

    // A 1-of-1 split of the same key, signed and recombined, is the same signature.
    DealtKey dealt = scheme.deal(
        secret, 1, List.of(ShareIndex.of(1)), DeterministicRandom.fromSeed(new byte[32]));
    SignatureShare share = scheme.signShare(dealt.secretShares().get(0), message);
    assertThat(TestHex.encode(scheme.combine(List.of(share)).bytes())).isEqualTo(expected);
  }

  private void verify(Map<?, ?> input, boolean expected) {
    byte[] publicKey = bytes(input.get("pubkey"));
    byte[] message = bytes(input.get("message"));
    byte[] signature = bytes(input.get("signature"));

    assertThat(Bls.verify(publicKey, message, signature)).isEqualTo(expected);
    assertThat(scheme.verify(
            new GroupPublicKey(publicKey), message, new GroupSignature(signature)))
        .isEqualTo(expected);
  }

  private static void aggregate(List<?> input, String expected) {
    List<byte[]> signatures = bytesList(input);
    if (expected == null) {
      assertThatThrownBy(() -> Bls.aggregate(signatures))
          .isInstanceOf(InvalidKeyMaterialException.class);
    } else {
      assertThat(TestHex.encode(Bls.aggregate(signatures))).isEqualTo(expected);
    }
  }

  private static byte[] bytes(Object hex) {
    return TestHex.decode((String) hex);
  }

  private static List<byte[]> bytesList(Object hexes) {
    return ((List<?>) hexes).stream().map(EthereumBlsConformanceTest::bytes).toList();
  }
}
