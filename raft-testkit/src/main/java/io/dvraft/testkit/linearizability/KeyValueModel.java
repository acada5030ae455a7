package io.dvraft.testkit.linearizability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key-value store of strings with put, get and append, partitioned per key.
 *
 * <p>A missing key reads as the empty string, and appending to it starts from the empty string. A
 * get's output is the value read; the outputs of put and append are ignored (record them as {@code
 * null} or anything else). States are sorted maps, so failure messages print keys in order.
 */
public final class KeyValueModel
    implements Model<SortedMap<String, String>, KeyValueModel.Input, String> {

  /** An operation on one key. */
  public sealed interface Input permits Put, Get, Append {
    /**
     * Returns the key the operation touches.
     *
     * @return the key
     */
    String key();
  }

  /**
   * Sets a key's value.
   *
   * @param key the key
   * @param value the new value
   */
  public record Put(String key, String value) implements Input {
    /**
     * Checks the operation.
     *
     * @param key the key
     * @param value the new value
     * @throws NullPointerException if the key or value is null
     */
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "put(" + key + ", \"" + value + "\")";
    }
  }

  /**
   * Reads a key; the output is its value, or the empty string if it was never written.
   *
   * @param key the key
   */
  public record Get(String key) implements Input {
    /**
     * Checks the operation.
     *
     * @param key the key
     * @throws NullPointerException if the key is null
     */
    public Get {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
      return "get(" + key + ")";
    }
  }

  /**
   * Appends to a key's value.
   *
   * @param key the key
   * @param suffix what to append
   */
  public record Append(String key, String suffix) implements Input {
    /**
     * Checks the operation.
     *
     * @param key the key
     * @param suffix what to append
     * @throws NullPointerException if the key or suffix is null
     */
    public Append {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(suffix, "suffix");
    }

    @Override
    public String toString() {
      return "append(" + key + ", \"" + suffix + "\")";
    }
  }

  /** Creates the model. */
  public KeyValueModel() {}

  /**
   * Returns a put input.
   *
   * @param key the key
   * @param value the new value
   * @return the put
   */
  public static Put put(String key, String value) {
    return new Put(key, value);
  }

  /**
   * Returns a get input.
   *
   * @param key the key
   * @return the get
   */
  public static Get get(String key) {
    return new Get(key);
  }

  /**
   * Returns an append input.
   *
   * @param key the key
   * @param suffix what to append
   * @return the append
   */
  public static Append append(String key, String suffix) {
    return new Append(key, suffix);
  }

  @Override
  public SortedMap<String, String> initialState() {
    return Collections.emptySortedMap();
  }

  @Override
  public Optional<SortedMap<String, String>> step(
      SortedMap<String, String> state, Input input, String output) {
    if (input instanceof Get get) {
      return state.getOrDefault(get.key(), "").equals(output)
          ? Optional.of(state)
          : Optional.empty();
    }
    return stepUnobserved(state, input);
  }

  @Override
  public Optional<SortedMap<String, String>> stepUnobserved(
      SortedMap<String, String> state, Input input) {
    if (input instanceof Put put) {
      return Optional.of(with(state, put.key(), put.value()));
    }
    if (input instanceof Append append) {
      return Optional.of(
          with(state, append.key(), state.getOrDefault(append.key(), "") + append.suffix()));
    }
    return Optional.of(state);
  }

  /** Splits the history per key, in key order; each part keeps the original operation order. */
  @Override
  public List<List<Operation<Input, String>>> partition(List<Operation<Input, String>> history) {
    Map<String, List<Operation<Input, String>>> byKey = new TreeMap<>();
    for (Operation<Input, String> op : history) {
      byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(op);
    }
    return List.copyOf(byKey.values());
  }

  private static SortedMap<String, String> with(
      SortedMap<String, String> state, String key, String value) {
    TreeMap<String, String> next = new TreeMap<>(state);
    next.put(key, value);
    return Collections.unmodifiableSortedMap(next);
  }
}
