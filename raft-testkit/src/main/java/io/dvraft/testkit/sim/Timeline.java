package io.dvraft.testkit.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What happened in a run, over time, at the level a person reads: roles and terms, crashes and
 * restarts, pauses, partitions and clogs, membership changes, the heal, violations. The HTML report
 * draws it.
 */
public final class Timeline {

  /** The kinds of timeline event. */
  public enum Kind {
    /** A node's role, term or known leader changed; {@code detail} is {@code ROLE term}. */
    ROLE,
    /** A node crashed. */
    CRASH,
    /** A node restarted from its disk. */
    RESTART,
    /** A node paused. */
    PAUSE,
    /** A paused node resumed. */
    RESUME,
    /** A partition started; {@code detail} says which links. */
    PARTITION,
    /** A link was clogged. */
    CLOG,
    /** A partition or clog was lifted. */
    LIFTED,
    /** A leader started a membership change. */
    MEMBERSHIP,
    /** A leader started a leadership transfer. */
    TRANSFER,
    /** The fault phase ended: everything healed. */
    HEAL,
    /** An invariant was violated. */
    VIOLATION
  }

  /**
   * One event.
   *
   * @param tick when
   * @param node the node's id value, or -1 for a cluster-wide event
   * @param kind what kind
   * @param detail details for a person
   */
  public record Event(long tick, long node, Kind kind, String detail) {
    /**
     * Checks that nothing is null.
     *
     * @param tick when
     * @param node the node's id value, or -1 for a cluster-wide event
     * @param kind what kind
     * @param detail details for a person
     */
    public Event {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final int nodes;
  private long ticks;

  /**
   * Creates an empty timeline.
   *
   * @param nodes how many nodes the run has (ids 1 to nodes)
   */
  public Timeline(int nodes) {
    this.nodes = nodes;
  }

  void add(long tick, long node, Kind kind, String detail) {
    events.add(new Event(tick, node, kind, detail));
  }

  void end(long tick) {
    ticks = tick;
  }

  /**
   * Returns the events in order.
   *
   * @return the events
   */
  public List<Event> events() {
    return Collections.unmodifiableList(events);
  }

  /**
   * Returns the number of nodes.
   *
   * @return nodes, with ids 1 to this
   */
  public int nodes() {
    return nodes;
  }

  /**
   * Returns the tick the run ended at.
   *
   * @return the last tick
   */
  public long ticks() {
    return ticks;
  }
}
