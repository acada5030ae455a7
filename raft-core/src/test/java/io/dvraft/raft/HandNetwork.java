package io.dvraft.raft;

import io.dvraft.raft.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * A few {@link SteppedNode}s wired together, with the test choosing who can talk to whom: enough to
 * replay the paper's figures step by step. Delivery is reliable and in order among the chosen
 * nodes; every other message is dropped.
 */
final class HandNetwork {

  record InFlight(long from, long to, Message message) {}

  final Map<Long, SteppedNode> nodes = new TreeMap<>();

  HandNetwork add(long id, SteppedNode node) {
    nodes.put(id, node);
    return this;
  }

  SteppedNode node(long id) {
    return nodes.get(id);
  }

  /** Delivers messages among {@code ids} until none is left; drops every other message. */
  void deliverAmong(long... ids) {
    Set<Long> open = set(ids);
    for (int round = 0; round < 10_000; round++) {
      List<InFlight> batch = collect();
      if (batch.isEmpty()) {
        return;
      }
      for (InFlight m : batch) {
        if (open.contains(m.from()) && open.contains(m.to()) && nodes.containsKey(m.to())) {
          nodes.get(m.to()).step(m.from(), m.message());
        }
      }
    }
    throw new AssertionError("the network did not quiesce");
  }

  /**
   * Delivers the messages in flight now among {@code ids} (one hop: the answers they cause stay in
   * flight for the next call); drops every other message.
   */
  void deliverRound(long... ids) {
    Set<Long> open = set(ids);
    for (InFlight m : collect()) {
      if (open.contains(m.from()) && open.contains(m.to()) && nodes.containsKey(m.to())) {
        nodes.get(m.to()).step(m.from(), m.message());
      }
    }
  }

  /**
   * Lets time pass for the nodes {@code ids} only (the others are down): each tick, every one of
   * them ticks and messages among them are delivered until quiet. Stops once {@code done} holds.
   */
  void runUntil(BooleanSupplier done, int maxTicks, long... ids) {
    for (int t = 0; t < maxTicks; t++) {
      if (done.getAsBoolean()) {
        return;
      }
      for (long id : ids) {
        nodes.get(id).tick();
      }
      deliverAmong(ids);
    }
    if (!done.getAsBoolean()) {
      throw new AssertionError("condition not reached within " + maxTicks + " ticks");
    }
  }

  private static Set<Long> set(long... ids) {
    Set<Long> s = new TreeSet<>();
    for (long id : ids) {
      s.add(id);
    }
    return s;
  }

  /** Drops every message in flight. */
  void dropAll() {
    collect();
  }

  private List<InFlight> collect() {
    List<InFlight> batch = new ArrayList<>();
    for (Map.Entry<Long, SteppedNode> e : nodes.entrySet()) {
      SteppedNode node = e.getValue();
      node.drain();
      for (Envelope env : node.outbox) {
        batch.add(new InFlight(e.getKey(), env.to().value(), env.message()));
      }
      node.outbox.clear();
    }
    return batch;
  }
}
