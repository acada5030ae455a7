package io.dvraft.testkit.linearizability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One bounded Wing–Gong search over one independent part of a history.
 *
 * <p>The events live in a doubly linked list so that placing an operation (unlinking its call and
 * return) and backtracking (relinking them in reverse order) are constant time.
 */
final class Search<S, I, O> {

  /** What one search found; the prefix and unplaced lists describe its deepest dead end. */
  record Outcome<S, I, O>(
      CheckResult.Verdict verdict,
      List<Operation<I, O>> prefix,
      S stateAfterPrefix,
      List<Operation<I, O>> unplaced,
      long work) {}

  private static final class Event {
    final int op;
    final long time;
    final boolean isCall;
    Event matchingReturn;
    Event prev;
    Event next;

    Event(int op, long time, boolean isCall) {
      this.op = op;
      this.time = time;
      this.isCall = isCall;
    }
  }

  /** A placed operation and the state before it, to restore on backtracking. */
  private record Frame<S>(Event call, S stateBefore) {}

  /** A memoized search node: the remaining list is fully determined by which ops are placed. */
  private record Visited(BitSet placed, Object state) {}

  private final Model<S, I, O> model;
  private final List<Operation<I, O>> ops;
  private final Event head = new Event(-1, Long.MIN_VALUE, false);
  private final Event tail = new Event(-1, Long.MAX_VALUE, false);
  private final int completedCount;

  private int deepest = -1;
  private List<Operation<I, O>> deepestPrefix = List.of();
  private S deepestState;
  private List<Operation<I, O>> deepestUnplaced = List.of();

  Search(Model<S, I, O> model, List<Operation<I, O>> ops) {
    this.model = model;
    this.ops = ops;
    List<Event> events = new ArrayList<>(2 * ops.size());
    int completed = 0;
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      Event call = new Event(i, op.callTime(), true);
      events.add(call);
      if (!op.isPending()) {
        call.matchingReturn = new Event(i, op.returnTime(), false);
        events.add(call.matchingReturn);
        completed++;
      }
    }
    completedCount = completed;
    // Calls before returns at equal ticks: touching operations count as concurrent.
    events.sort(
        Comparator.comparingLong((Event e) -> e.time)
            .thenComparing(e -> !e.isCall)
            .thenComparingInt(e -> e.op));
    Event last = head;
    for (Event e : events) {
      last.next = e;
      e.prev = last;
      last = e;
    }
    last.next = tail;
    tail.prev = last;
  }

  Outcome<S, I, O> run(long budget) {
    BitSet placed = new BitSet(ops.size());
    Set<Visited> visited = new HashSet<>();
    List<Frame<S>> stack = new ArrayList<>();
    S state = model.initialState();
    int unplacedCompleted = completedCount;
    Event cur = head.next;
    long work = 0;
    while (unplacedCompleted > 0) {
      if (work >= budget) {
        return outcome(CheckResult.Verdict.UNKNOWN, work);
      }
      work++;
      if (cur == tail) {
        // Unreachable: an unplaced completed op's return always stops the scan before the tail.
        throw new IllegalStateException("linearizability search ran past the last event");
      }
      if (cur.isCall) {
        Operation<I, O> op = ops.get(cur.op);
        Optional<S> next =
            op.isPending()
                ? model.stepUnobserved(state, op.input())
                : model.step(state, op.input(), op.output());
        if (next.isPresent()) {
          BitSet withOp = (BitSet) placed.clone();
          withOp.set(cur.op);
          if (visited.add(new Visited(withOp, next.get()))) {
            stack.add(new Frame<>(cur, state));
            placed.set(cur.op);
            state = next.get();
            lift(cur);
            if (!op.isPending()) {
              unplacedCompleted--;
            }
            cur = head.next;
            continue;
          }
        }
        cur = cur.next;
      } else {
        recordDeadEnd(stack, state, cur);
        if (stack.isEmpty()) {
          return outcome(CheckResult.Verdict.NOT_LINEARIZABLE, work);
        }
        Frame<S> top = stack.remove(stack.size() - 1);
        state = top.stateBefore();
        placed.clear(top.call().op);
        unlift(top.call());
        if (!ops.get(top.call().op).isPending()) {
          unplacedCompleted++;
        }
        cur = top.call().next;
      }
    }
    return new Outcome<>(CheckResult.Verdict.LINEARIZABLE, List.of(), state, List.of(), work);
  }

  private Outcome<S, I, O> outcome(CheckResult.Verdict verdict, long work) {
    return new Outcome<>(verdict, deepestPrefix, deepestState, deepestUnplaced, work);
  }

  /**
   * Remembers the first dead end at a new greatest depth. At that depth every candidate is illegal
   * in the state (a legal one would have led deeper), which makes it the most telling explanation.
   */
  private void recordDeadEnd(List<Frame<S>> stack, S state, Event blockingReturn) {
    if (stack.size() <= deepest) {
      return;
    }
    deepest = stack.size();
    List<Operation<I, O>> prefix = new ArrayList<>(stack.size());
    for (Frame<S> frame : stack) {
      prefix.add(ops.get(frame.call().op));
    }
    List<Operation<I, O>> unplaced = new ArrayList<>();
    unplaced.add(ops.get(blockingReturn.op));
    for (Event e = head.next; e != blockingReturn; e = e.next) {
      if (e.isCall && e.op != blockingReturn.op) {
        unplaced.add(ops.get(e.op));
      }
    }
    deepestPrefix = prefix;
    deepestState = state;
    deepestUnplaced = unplaced;
  }

  private static void lift(Event call) {
    unlink(call);
    if (call.matchingReturn != null) {
      unlink(call.matchingReturn);
    }
  }

  private static void unlift(Event call) {
    if (call.matchingReturn != null) {
      relink(call.matchingReturn);
    }
    relink(call);
  }

  private static void unlink(Event e) {
    e.prev.next = e.next;
    e.next.prev = e.prev;
  }

  /** Undoes {@link #unlink}; correct because relinks happen in exactly the reverse order. */
  private static void relink(Event e) {
    e.prev.next = e;
    e.next.prev = e;
  }
}
