package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.choice.ChoiceSource;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Messages in flight, delivered in order of delivery tick (ties in send order). Sending draws, from
 * the choice source and in this order: loss, latency, duplication (and the duplicate's latency),
 * each only if it can vary (a zero rate or a one-value range draws nothing, so that a run without a
 * fault has fewer choices to shrink). A message on a cut link is lost when sent and when due; a
 * clogged link adds its delay; without reordering each link delivers in send order.
 */
final class Network {

  /** One message in flight. */
  record InFlight(long deliverAt, long sequence, NodeId from, NodeId to, Message message) {}

  private final PriorityQueue<InFlight> queue =
      new PriorityQueue<>(
          (a, b) -> {
            int c = Long.compare(a.deliverAt(), b.deliverAt());
            return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
          });
  private final Map<Long, Long> lastDelivery = new HashMap<>();
  private final ChoiceSource choices;
  private final Links links;
  private final Counters counters;
  private long sequence;

  Network(ChoiceSource choices, Links links, Counters counters) {
    this.choices = choices;
    this.links = links;
    this.counters = counters;
  }

  void send(long now, NodeId from, NodeId to, Message message, FaultRates rates) {
    counters.messagesSent++;
    boolean lost = rates.drop() > 0 && choices.chance(rates.drop());
    if (links.blocked(from, to) || lost) {
      counters.messagesDropped++;
      return;
    }
    enqueue(now, from, to, message, rates);
    if (rates.duplicate() > 0 && choices.chance(rates.duplicate())) {
      counters.messagesDuplicated++;
      enqueue(now, from, to, message, rates);
    }
  }

  private void enqueue(long now, NodeId from, NodeId to, Message message, FaultRates rates) {
    int latency =
        rates.maxLatency() == rates.minLatency()
            ? rates.minLatency()
            : choices.nextInt(rates.minLatency(), rates.maxLatency() + 1);
    long at = now + latency + links.extraDelay(from, to);
    if (!rates.reorder()) {
      long key = Links.key(from, to);
      at = Math.max(at, lastDelivery.getOrDefault(key, 0L));
      lastDelivery.put(key, at);
    }
    queue.add(new InFlight(at, sequence++, from, to, message));
  }

  /** Puts a message back to be delivered later (its receiver is paused). */
  void postpone(InFlight m, long at) {
    queue.add(new InFlight(at, sequence++, m.from(), m.to(), m.message()));
  }

  /** Takes the next message due at or before {@code now}, or null. */
  InFlight nextDue(long now) {
    InFlight head = queue.peek();
    if (head == null || head.deliverAt() > now) {
      return null;
    }
    return queue.poll();
  }

  int inFlight() {
    return queue.size();
  }
}
