package io.dvraft.testkit.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.choice.ChoiceSource;
import io.dvraft.testkit.linearizability.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Larger histories made by simulating an atomic object: each operation takes effect at a random
 * instant inside its interval, so the history is linearizable by construction.
 */
class RandomHistoryTest {

  private static final int CLIENTS = 6;
  private static final int OPS_PER_CLIENT = 40;

  /** One operation before its output is known: it takes effect at {@code instant}, or never. */
  private record Planned<I>(
      int client,
      long call,
      long ret,
      boolean pending,
      I input,
      long instant,
      boolean takesEffect) {}

  /**
   * Plans sequential clients with random, overlapping intervals; a client's last operation may be
   * left pending, and then it takes effect or not at random.
   */
  private static <I> List<Planned<I>> plan(ChoiceSource random, Function<ChoiceSource, I> input) {
    List<Planned<I>> planned = new ArrayList<>();
    for (int client = 1; client <= CLIENTS; client++) {
      long time = random.nextInt(5);
      for (int k = 0; k < OPS_PER_CLIENT; k++) {
        long duration = random.nextInt(1, 15);
        long instant = time + random.nextInt((int) duration + 1);
        boolean pending = k == OPS_PER_CLIENT - 1 && random.chance(0.5);
        boolean takesEffect = !pending || random.nextBoolean();
        planned.add(
            new Planned<>(
                client, time, time + duration, pending, input.apply(random), instant, takesEffect));
        time += duration + random.nextInt(1, 5);
      }
    }
    planned.sort(
        Comparator.comparingLong((Planned<I> p) -> p.instant()).thenComparingInt(p -> p.client()));
    return planned;
  }

  private static List<Operation<RegisterModel.Input, Long>> registerHistory(long seed) {
    ChoiceSource random = ChoiceSource.fromSeed(seed);
    long[] nextValue = {1};
    List<Planned<RegisterModel.Input>> planned =
        plan(
            random,
            r -> r.nextBoolean() ? RegisterModel.write(nextValue[0]++) : RegisterModel.read());
    List<Operation<RegisterModel.Input, Long>> history = new ArrayList<>();
    long value = 0;
    for (Planned<RegisterModel.Input> p : planned) {
      Long output = null;
      if (p.takesEffect()) {
        if (p.input() instanceof RegisterModel.Write write) {
          value = write.value();
        } else {
          output = value;
        }
      }
      history.add(
          p.pending()
              ? Operation.pending(p.client(), p.call(), p.input())
              : Operation.completed(p.client(), p.call(), p.ret(), p.input(), output));
    }
    return history;
  }

  private static List<Operation<KeyValueModel.Input, String>> keyValueHistory(long seed) {
    ChoiceSource random = ChoiceSource.fromSeed(seed);
    List<String> keys = List.of("a", "b", "c");
    int[] nextValue = {1};
    List<Planned<KeyValueModel.Input>> planned =
        plan(
            random,
            r -> {
              String key = r.pick(keys);
              return switch (r.nextInt(3)) {
                case 0 -> KeyValueModel.put(key, "p" + nextValue[0]++);
                case 1 -> KeyValueModel.append(key, "+" + nextValue[0]++);
                default -> KeyValueModel.get(key);
              };
            });
    var store = new java.util.TreeMap<String, String>();
    List<Operation<KeyValueModel.Input, String>> history = new ArrayList<>();
    for (Planned<KeyValueModel.Input> p : planned) {
      String output = null;
      if (p.takesEffect()) {
        KeyValueModel.Input in = p.input();
        String current = store.getOrDefault(in.key(), "");
        if (in instanceof KeyValueModel.Put put) {
          store.put(put.key(), put.value());
        } else if (in instanceof KeyValueModel.Append append) {
          store.put(append.key(), current + append.suffix());
        } else {
          output = current;
        }
      }
      history.add(
          p.pending()
              ? Operation.pending(p.client(), p.call(), p.input())
              : Operation.completed(p.client(), p.call(), p.ret(), p.input(), output));
    }
    return history;
  }

  /** Makes one completed read, chosen at random, return {@code wrong}. */
  private static <I, O> List<Operation<I, O>> withOneWrongRead(
      List<Operation<I, O>> history, Class<?> readType, O wrong, long seed) {
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (!history.get(i).isPending() && readType.isInstance(history.get(i).input())) {
        reads.add(i);
      }
    }
    assertThat(reads).isNotEmpty();
    int victim = ChoiceSource.fromSeed(~seed).pick(reads);
    Operation<I, O> read = history.get(victim);
    List<Operation<I, O>> mutated = new ArrayList<>(history);
    mutated.set(
        victim,
        Operation.completed(
            read.clientId(), read.callTime(), read.returnTime(), read.input(), wrong));
    return mutated;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void aRandomAtomicRegisterHistoryIsLinearizable(long seed) {
    CheckResult<RegisterModel.Input, Long> result =
        LinearizabilityChecker.check(new RegisterModel(), registerHistory(seed));

    assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void aRandomRegisterHistoryWithOneReadOfAnUnwrittenValueIsNot(long seed) {
    var mutated = withOneWrongRead(registerHistory(seed), RegisterModel.Read.class, -1L, seed);

    CheckResult<RegisterModel.Input, Long> result =
        LinearizabilityChecker.check(new RegisterModel(), mutated);

    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.unplaced()).anySatisfy(op -> assertThat(op.output()).isEqualTo(-1L));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void aRandomAtomicKeyValueHistoryIsLinearizable(long seed) {
    CheckResult<KeyValueModel.Input, String> result =
        LinearizabilityChecker.check(new KeyValueModel(), keyValueHistory(seed));

    assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void aRandomKeyValueHistoryWithOneReadOfAnUnwrittenValueIsNot(long seed) {
    var mutated = withOneWrongRead(keyValueHistory(seed), KeyValueModel.Get.class, "bogus", seed);

    assertThat(LinearizabilityChecker.check(new KeyValueModel(), mutated).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }
}
