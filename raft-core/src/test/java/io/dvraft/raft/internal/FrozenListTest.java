package io.dvraft.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrozenListTest {

  @Test
  void copiesARangeOnce() {
    List<String> source = new ArrayList<>(List.of("a", "b", "c", "d"));
    List<String> copy = FrozenList.copyOf(source, 1, 3);
    source.set(1, "x");
    assertThat(copy).containsExactly("b", "c");
    assertThat(copy).isEqualTo(List.of("b", "c")).hasSameHashCodeAs(List.of("b", "c"));
    assertThat(FrozenList.copyOf(source, 2, 2)).isSameAs(List.of());
    String[] array = {"p", "q", "r"};
    assertThat(FrozenList.copyOf(array, 0, 3)).containsExactly("p", "q", "r");
    assertThat(FrozenList.copyOf(array, 1, 2)).containsExactly("q");
  }

  @Test
  void isImmutable() {
    List<String> copy = FrozenList.copyOf(List.of("a", "b", "c"));
    assertThatThrownBy(() -> copy.add("d")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.set(0, "d")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
    Object[] array = copy.toArray();
    array[0] = "z";
    assertThat(copy).containsExactly("a", "b", "c");
  }

  @Test
  void freezePassesImmutableListsThroughAndCopiesOthers() {
    List<String> frozen = FrozenList.copyOf(List.of("a", "b", "c"));
    assertThat(FrozenList.freeze(frozen)).isSameAs(frozen);
    List<String> jdk = List.of("a", "b");
    assertThat(FrozenList.freeze(jdk)).isSameAs(jdk);
    List<String> mutable = new ArrayList<>(List.of("a", "b"));
    List<String> frozenCopy = FrozenList.freeze(mutable);
    mutable.add("c");
    assertThat(frozenCopy).containsExactly("a", "b");
  }

  @Test
  void copiesIntoArrays() {
    Object[] dest = new Object[5];
    FrozenList.copyInto(FrozenList.copyOf(List.of("a", "b", "c")), 1, dest, 2, 2);
    FrozenList.copyInto(List.of("x", "y"), 0, dest, 0, 2);
    assertThat(dest).containsExactly("x", "y", "b", "c", null);
  }
}
