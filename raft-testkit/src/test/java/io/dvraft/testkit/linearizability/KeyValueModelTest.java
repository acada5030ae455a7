package io.dvraft.testkit.linearizability;

import static io.dvraft.testkit.linearizability.KeyValueModel.append;
import static io.dvraft.testkit.linearizability.KeyValueModel.get;
import static io.dvraft.testkit.linearizability.KeyValueModel.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.linearizability.CheckResult.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key-value model, and checking a history key by key. */
class KeyValueModelTest {

  private static final KeyValueModel KV = new KeyValueModel();

  private static Operation<KeyValueModel.Input, String> op(
      int client, long call, long ret, KeyValueModel.Input input, String output) {
    return Operation.completed(client, call, ret, input, output);
  }

  private static CheckResult<KeyValueModel.Input, String> check(
      List<Operation<KeyValueModel.Input, String>> history) {
    return LinearizabilityChecker.check(KV, history);
  }

  @Test
  void aMissingKeyReadsAsTheEmptyString() {
    assertThat(check(List.of(op(1, 0, 1, get("x"), ""))).isLinearizable()).isTrue();
    assertThat(check(List.of(op(1, 0, 1, get("x"), "1"))).isLinearizable()).isFalse();
  }

  @Test
  void aGetReturnsTheLastPutValue() {
    assertThat(
            check(
                    List.of(
                        op(1, 0, 1, put("x", "a"), null),
                        op(1, 2, 3, put("x", "b"), null),
                        op(2, 4, 5, get("x"), "b")))
                .isLinearizable())
        .isTrue();
  }

  @Test
  void appendsConcatenateInTheirLinearizationOrder() {
    var a = op(1, 0, 10, append("x", "a"), null);
    var b = op(2, 0, 10, append("x", "b"), null);
    assertThat(check(List.of(a, b, op(3, 11, 12, get("x"), "ba"))).isLinearizable()).isTrue();
    assertThat(check(List.of(a, b, op(3, 11, 12, get("x"), "ab"))).isLinearizable()).isTrue();
    assertThat(check(List.of(a, b, op(3, 11, 12, get("x"), "a"))).isLinearizable()).isFalse();
  }

  @Test
  void aPendingAppendMayOrMayNotHaveTakenEffect() {
    var pending = Operation.<KeyValueModel.Input, String>pending(1, 0, append("x", "a"));
    assertThat(check(List.of(pending, op(2, 5, 6, get("x"), "a"))).isLinearizable()).isTrue();
    assertThat(check(List.of(pending, op(2, 5, 6, get("x"), ""))).isLinearizable()).isTrue();
    assertThat(check(List.of(pending, op(2, 5, 6, get("x"), "aa"))).isLinearizable()).isFalse();
  }

  @Test
  void theHistoryIsPartitionedPerKeyInKeyOrder() {
    var y1 = op(1, 0, 1, put("y", "1"), null);
    var x1 = op(1, 2, 3, put("x", "1"), null);
    var y2 = op(2, 4, 5, get("y"), "1");

    assertThat(KV.partition(List.of(y1, x1, y2))).containsExactly(List.of(x1), List.of(y1, y2));
  }

  @Test
  void keysAreCheckedIndependently() {
    // Real time orders x's put before y's get, but a stale y is only a violation on key y.
    var history =
        List.of(
            op(1, 0, 1, put("x", "1"), null),
            op(2, 0, 10, put("y", "1"), null),
            op(3, 2, 3, get("x"), "1"),
            op(3, 4, 5, get("y"), ""),
            op(4, 6, 7, get("y"), "1"));

    assertThat(check(history).isLinearizable()).isTrue();
  }

  @Test
  void aViolationOnOneKeyIsReportedWithOnlyThatKeysOps() {
    var putX = op(1, 0, 1, put("x", "1"), null);
    var staleX = op(2, 2, 3, get("x"), "");
    var history =
        List.of(op(3, 0, 1, put("a", "1"), null), putX, op(3, 2, 3, get("a"), "1"), staleX);

    CheckResult<KeyValueModel.Input, String> result = check(history);

    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.longestPrefix()).containsExactly(putX);
    assertThat(result.unplaced()).containsExactly(staleX);
    assertThat(result.explanation())
        .contains("in part 2 of 2, 2 operations")
        .contains("state after it: {x=1}")
        .doesNotContain("put(a");
  }
}
