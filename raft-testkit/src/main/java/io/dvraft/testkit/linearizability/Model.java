package io.dvraft.testkit.linearizability;

import java.util.List;
import java.util.Optional;

/**
 * The sequential specification a history is checked against.
 *
 * <p>States must be immutable values with {@code equals} and {@code hashCode} by content: the
 * checker memoizes (linearized operations, state) pairs, and two equal states must behave the same.
 * Their {@code toString} appears in failure messages, so it should be deterministic (for example,
 * use sorted maps rather than hash maps).
 *
 * @param <S> the state type
 * @param <I> the operation input type
 * @param <O> the operation output type
 */
public interface Model<S, I, O> {

  /**
   * Returns the state before any operation.
   *
   * @return the initial state
   */
  S initialState();

  /**
   * Applies a completed operation whose output the client saw.
   *
   * @param state the state before the operation
   * @param input what the operation asked for
   * @param output what it returned
   * @return the next state, or empty if the operation could not have returned {@code output} in
   *     {@code state}
   */
  Optional<S> step(S state, I input, O output);

  /**
   * Applies an operation that never returned, so whose output no one saw.
   *
   * <p>The checker separately considers that such an operation never took effect; this method only
   * says what happens if it did.
   *
   * @param state the state before the operation
   * @param input what the operation asked for
   * @return the next state, or empty if the operation cannot take effect in {@code state} at all
   */
  Optional<S> stepUnobserved(S state, I input);

  /**
   * Splits a history into independent sub-histories that can be checked one by one.
   *
   * <p>Linearizability is compositional: a history over independent objects (for example, the keys
   * of a key-value store) is linearizable if and only if each object's sub-history is. Checking the
   * parts separately turns one exponential search into several small ones. The default keeps the
   * history whole. The order of the parts must be deterministic; it is the order they are checked
   * and reported in.
   *
   * @param history the whole history
   * @return the independent parts, each in the original order
   */
  default List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
    return List.of(history);
  }
}
