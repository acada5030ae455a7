package io.dvraft.bls.crypto;

import java.util.ArrayList;
import java.util.List;

/** Every k-element subset of a list, in lexicographic order of positions. */
final class Subsets {

  private Subsets() {}

  static <T> List<List<T>> of(List<T> items, int k) {
    List<List<T>> out = new ArrayList<>();
    collect(items, k, 0, new ArrayList<>(), out);
    return out;
  }

  private static <T> void collect(
      List<T> items, int k, int from, List<T> current, List<List<T>> out) {
    if (current.size() == k) {
      out.add(List.copyOf(current));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      current.add(items.get(i));
      collect(items, k, i + 1, current, out);
      current.remove(current.size() - 1);
    }
  }
}
