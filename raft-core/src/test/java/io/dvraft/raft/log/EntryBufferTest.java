package io.dvraft.raft.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.internal.FrozenList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryBufferTest {

  private static LogEntry entry(long index) {
    return LogEntry.command(index, 1, new byte[] {(byte) index});
  }

  /** Random appends, truncations, compactions and copies agree with a plain list. */
  @Test
  void behavesLikeAList() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      EntryBuffer buffer = new EntryBuffer();
      List<LogEntry> model = new ArrayList<>();
      long next = 1;
      for (int step = 0; step < 300; step++) {
        int op = random.nextInt(10);
        if (op < 4) {
          LogEntry e = entry(next++);
          buffer.add(e);
          model.add(e);
        } else if (op < 6) {
          int n = 1 + random.nextInt(40);
          List<LogEntry> batch = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            batch.add(entry(next++));
          }
          int skip = random.nextInt(n);
          // Both paths: a plain list, and a frozen one copied straight from its array.
          List<LogEntry> source = random.nextBoolean() ? batch : FrozenList.copyOf(batch);
          buffer.addAll(source, skip);
          model.addAll(batch.subList(skip, n));
        } else if (op < 7) {
          int keep = random.nextInt(model.size() + 1);
          buffer.truncate(keep);
          model.subList(keep, model.size()).clear();
        } else if (op < 8) {
          int drop = random.nextInt(model.size() + 1);
          buffer.dropFirst(drop);
          model.subList(0, drop).clear();
        } else if (op < 9 && !model.isEmpty()) {
          int from = random.nextInt(model.size() + 1);
          int to = from + random.nextInt(model.size() - from + 1);
          assertThat(buffer.copyOf(from, to)).isEqualTo(model.subList(from, to));
        } else if (random.nextInt(20) == 0) {
          buffer.clear();
          model.clear();
        }
        assertThat(buffer.size()).isEqualTo(model.size());
        for (int i = 0; i < model.size(); i++) {
          assertThat(buffer.get(i)).isSameAs(model.get(i));
        }
        if (!model.isEmpty()) {
          assertThat(buffer.last()).isSameAs(model.get(model.size() - 1));
        }
      }
    }
  }

  @Test
  void rejectsIndexesOutsideTheEntries() {
    EntryBuffer buffer = new EntryBuffer();
    buffer.add(entry(1));
    assertThatThrownBy(() -> buffer.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> buffer.copyOf(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> buffer.truncate(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> buffer.dropFirst(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void copiesDoNotSeeLaterChanges() {
    EntryBuffer buffer = new EntryBuffer();
    for (int i = 1; i <= 20; i++) {
      buffer.add(entry(i));
    }
    List<LogEntry> copy = buffer.copyOf(5, 15);
    List<LogEntry> expected = List.copyOf(copy);
    buffer.truncate(8);
    buffer.add(entry(100));
    buffer.dropFirst(6);
    for (int i = 0; i < 100; i++) {
      buffer.add(entry(200 + i));
    }
    assertThat(copy).isEqualTo(expected);
  }
}
