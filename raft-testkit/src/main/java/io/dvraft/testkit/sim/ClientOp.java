package io.dvraft.testkit.sim;

import io.dvraft.testkit.linearizability.KeyValueModel;

/** One client operation while it is outstanding. */
final class ClientOp {

  /** Where an operation stands. */
  enum State {
    /** Sent, no answer yet. */
    OUTSTANDING,
    /** Answered. */
    DONE,
    /** Known not to have taken effect (refused, or its log slot went to another entry). */
    FAILED,
    /** The client gave up (timeout, crash of the node it went to); it may have taken effect. */
    ABANDONED
  }

  final int client;
  final long callTick;
  final KeyValueModel.Input input;
  final byte[] command;
  final long readId;
  State state = State.OUTSTANDING;

  ClientOp(int client, long callTick, KeyValueModel.Input input, byte[] command, long readId) {
    this.client = client;
    this.callTick = callTick;
    this.input = input;
    this.command = command;
    this.readId = readId;
  }

  boolean isRead() {
    return input instanceof KeyValueModel.Get;
  }
}
