package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesTheShapesTheConformanceFilesUse() {
    Map<?, ?> parsed = (Map<?, ?>) Json.parse(
        "{\"input\": {\"pubkeys\": [\"0xab\", \"0xcd\"], \"n\": 12},"
            + " \"output\": null, \"ok\": true}");

    assertThat(parsed.get("input")).isEqualTo(Map.of("pubkeys", List.of("0xab", "0xcd"), "n", 12L));
    assertThat(parsed.containsKey("output")).isTrue();
    assertThat(parsed.get("output")).isNull();
    assertThat(parsed.get("ok")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("trailing");
  }
}
