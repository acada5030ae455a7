package io.dvraft.raft.example;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.message.Message;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * An in-memory network for the example: each host registers an inbox; {@link #send} hands the
 * message to the destination's inbox, or drops it if the destination is not connected (stopped or
 * partitioned away). Like a real network, it may lose messages: Raft does not need more. Safe to
 * use from several threads.
 */
public final class InMemoryTransport {

  private final Map<NodeId, BiConsumer<NodeId, Message>> inboxes = new ConcurrentHashMap<>();

  /**
   * Connects a host: messages to {@code id} go to {@code inbox} from now on.
   *
   * @param id the host
   * @param inbox what receives (sender, message)
   */
  public void connect(NodeId id, BiConsumer<NodeId, Message> inbox) {
    inboxes.put(id, inbox);
  }

  /**
   * Disconnects a host: messages to it are dropped.
   *
   * @param id the host
   */
  public void disconnect(NodeId id) {
    inboxes.remove(id);
  }

  /**
   * Sends a message; it is dropped if the destination is not connected.
   *
   * @param from the sender
   * @param to the destination
   * @param message the message
   */
  public void send(NodeId from, NodeId to, Message message) {
    BiConsumer<NodeId, Message> inbox = inboxes.get(to);
    if (inbox != null && inboxes.containsKey(from)) {
      inbox.accept(from, message);
    }
  }
}
