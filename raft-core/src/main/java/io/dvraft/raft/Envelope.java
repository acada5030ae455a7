package io.dvraft.raft;

import io.dvraft.raft.message.Message;
import java.util.Objects;

/**
 * A message to send and its destination.
 *
 * @param to the node to deliver to
 * @param message the message
 */
public record Envelope(NodeId to, Message message) {

  /**
   * Checks that neither part is null.
   *
   * @param to the node to deliver to
   * @param message the message
   */
  public Envelope {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }
}
