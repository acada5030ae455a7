package io.dvraft.raft.codec;

import io.dvraft.raft.Envelope;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.message.Message;
import java.util.Objects;

/**
 * A message with its sender and destination: the unit a transport carries between nodes.
 *
 * <p>The state machine's {@link Envelope} names only the destination, because the sender is the
 * node itself; on the wire the receiver needs the sender too, to call {@code step(from, message)}.
 * Carrying {@code to} lets a receiver drop frames that were misrouted (for example after an
 * address was reused by another node).
 *
 * @param from the sending node
 * @param to the node the message is for
 * @param message the message
 */
public record AddressedMessage(NodeId from, NodeId to, Message message) {

  /**
   * Checks that nothing is null.
   *
   * @param from the sending node
   * @param to the node the message is for
   * @param message the message
   */
  public AddressedMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns the wire form of an envelope that node {@code from} is sending.
   *
   * @param from the sending node
   * @param envelope the destination and message, as the state machine emitted them
   * @return the addressed message
   */
  public static AddressedMessage of(NodeId from, Envelope envelope) {
    return new AddressedMessage(from, envelope.to(), envelope.message());
  }

  /**
   * Returns the destination and message as an {@link Envelope}, without the sender.
   *
   * @return the envelope
   */
  public Envelope envelope() {
    return new Envelope(to, message);
  }
}
