package io.dvraft.raft.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list over an array that nothing else references, for the lists raft-core hands out
 * (entries to persist, to apply and to send, messages, events).
 *
 * <p>It exists because {@code List.copyOf(arrayList.subList(a, b))} copies the elements twice (to
 * an array, then into the immutable list), and because a record that freezes its list argument
 * with {@code List.copyOf} would copy such a list a third time. Here a range is copied once, and
 * {@link #freeze} passes a frozen list through unchanged. Every mutator throws {@link
 * UnsupportedOperationException}, as those of {@code List.of} do.
 *
 * @param <E> the element type
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {

  private final Object[] elements;

  private FrozenList(Object[] elements) {
    this.elements = elements;
  }

  /**
   * Returns an immutable copy of {@code source[from, to)}.
   *
   * @param source a list without null elements
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @param <E> the element type
   * @return the copy; {@code List.of()} if the range is empty, {@code List.of(e)} for one element
   */
  public static <E> List<E> copyOf(List<? extends E> source, int from, int to) {
    if (from == to) {
      return List.of();
    }
    if (to - from == 1) {
      // Smaller than an array and a wrapper, and List.copyOf (so freeze) keeps it as it is.
      return List.of(source.get(from));
    }
    return new FrozenList<>(source.subList(from, to).toArray());
  }

  /**
   * Returns an immutable copy of {@code array[from, to)}.
   *
   * @param array an array without null elements in the range
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @param <E> the element type
   * @return the copy; {@code List.of()} if the range is empty, {@code List.of(e)} for one element
   */
  public static <E> List<E> copyOf(E[] array, int from, int to) {
    if (from == to) {
      return List.of();
    }
    if (to - from == 1) {
      return List.of(array[from]);
    }
    return new FrozenList<>(Arrays.copyOfRange(array, from, to, Object[].class));
  }

  /**
   * Copies {@code source[from, from + length)} into {@code dest} at {@code destPos}, straight from
   * the backing array if {@code source} is a frozen list.
   *
   * @param source the list
   * @param from the first index to copy
   * @param dest the destination array
   * @param destPos where the first element goes
   * @param length how many elements to copy
   */
  public static void copyInto(List<?> source, int from, Object[] dest, int destPos, int length) {
    if (source instanceof FrozenList<?> frozen) {
      System.arraycopy(frozen.elements, from, dest, destPos, length);
      return;
    }
    Objects.checkFromIndexSize(from, length, source.size());
    for (int i = 0; i < length; i++) {
      dest[destPos + i] = source.get(from + i);
    }
  }

  /**
   * Returns an immutable copy of {@code source}.
   *
   * @param source a list without null elements
   * @param <E> the element type
   * @return the copy; {@code List.of()} if {@code source} is empty
   */
  public static <E> List<E> copyOf(List<? extends E> source) {
    return copyOf(source, 0, source.size());
  }

  /**
   * Returns an immutable list with the elements of {@code list}: the list itself if it is already
   * immutable in this sense, otherwise {@code List.copyOf(list)} (which rejects null elements).
   *
   * @param list the list
   * @param <E> the element type
   * @return an immutable list equal to {@code list}
   */
  @SuppressWarnings("unchecked")
  public static <E> List<E> freeze(List<? extends E> list) {
    if (list instanceof FrozenList) {
      return (List<E>) list;
    }
    return List.copyOf(list); // returns the lists of List.of and List.copyOf themselves
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    return (E) elements[Objects.checkIndex(index, elements.length)];
  }

  @Override
  public int size() {
    return elements.length;
  }

  @Override
  public Object[] toArray() {
    return elements.clone();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T[] toArray(T[] a) {
    if (a.length < elements.length) {
      return (T[]) Arrays.copyOf(elements, elements.length, a.getClass());
    }
    System.arraycopy(elements, 0, a, 0, elements.length);
    if (a.length > elements.length) {
      a[elements.length] = null;
    }
    return a;
  }
}
