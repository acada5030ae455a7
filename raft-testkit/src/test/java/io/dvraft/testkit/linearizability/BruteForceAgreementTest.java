package io.dvraft.testkit.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.choice.ChoiceSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker agrees with the definition, applied naively: try every order that respects real time,
 * where pending operations may also be left out.
 */
class BruteForceAgreementTest {

  private static final RegisterModel REGISTER = new RegisterModel();

  /**
   * True if the unplaced ops can be ordered legally from {@code state}; exponential, tiny inputs
   * only.
   */
  private static boolean bruteForce(
      List<Operation<RegisterModel.Input, Long>> ops, boolean[] placed, Long state) {
    boolean allCompletedPlaced = true;
    for (int i = 0; i < ops.size(); i++) {
      allCompletedPlaced &= placed[i] || ops.get(i).isPending();
    }
    if (allCompletedPlaced) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (placed[i] || !canGoNext(ops, placed, i)) {
        continue;
      }
      Operation<RegisterModel.Input, Long> op = ops.get(i);
      var next =
          op.isPending()
              ? REGISTER.stepUnobserved(state, op.input())
              : REGISTER.step(state, op.input(), op.output());
      if (next.isPresent()) {
        placed[i] = true;
        boolean found = bruteForce(ops, placed, next.get());
        placed[i] = false;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  /** An op can go next unless some unplaced op returned strictly before it was called. */
  private static boolean canGoNext(
      List<Operation<RegisterModel.Input, Long>> ops, boolean[] placed, int candidate) {
    for (int j = 0; j < ops.size(); j++) {
      if (!placed[j] && ops.get(j).returnTime() < ops.get(candidate).callTime()) {
        return false;
      }
    }
    return true;
  }

  private static List<Operation<RegisterModel.Input, Long>> randomSmallHistory(
      ChoiceSource random) {
    int size = random.nextInt(1, 8);
    List<Operation<RegisterModel.Input, Long>> ops = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      long call = random.nextInt(10);
      long ret = call + random.nextInt(6);
      boolean pending = random.chance(0.15);
      RegisterModel.Input input =
          random.nextBoolean() ? RegisterModel.write(random.nextInt(1, 3)) : RegisterModel.read();
      Long output = input instanceof RegisterModel.Read ? (long) random.nextInt(3) : null;
      ops.add(
          pending
              ? Operation.pending(i, call, input)
              : Operation.completed(i, call, ret, input, output));
    }
    return ops;
  }

  @Test
  void theCheckerAgreesWithExhaustiveSearchOnThousandsOfSmallHistories() {
    ChoiceSource random = ChoiceSource.fromSeed(2024);
    int linearizable = 0;
    for (int n = 0; n < 3000; n++) {
      List<Operation<RegisterModel.Input, Long>> history = randomSmallHistory(random);
      boolean expected = bruteForce(history, new boolean[history.size()], 0L);

      CheckResult<RegisterModel.Input, Long> result =
          LinearizabilityChecker.check(REGISTER, history);

      assertThat(result.isLinearizable()).as("%s%n%s", history, result).isEqualTo(expected);
      linearizable += expected ? 1 : 0;
    }
    // Both verdicts must be well represented, or the comparison proves little.
    assertThat(linearizable).isBetween(600, 2400);
  }
}
