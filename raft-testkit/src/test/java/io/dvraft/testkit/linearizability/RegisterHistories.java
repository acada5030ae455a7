package io.dvraft.testkit.linearizability;

import java.util.List;

/** Shorthands for hand-written register histories: {@code w(client, call, return, value)}. */
final class RegisterHistories {

  static final RegisterModel REGISTER = new RegisterModel();

  private RegisterHistories() {}

  static Operation<RegisterModel.Input, Long> w(int client, long call, long ret, long value) {
    return Operation.completed(client, call, ret, RegisterModel.write(value), null);
  }

  static Operation<RegisterModel.Input, Long> r(int client, long call, long ret, long value) {
    return Operation.completed(client, call, ret, RegisterModel.read(), value);
  }

  static Operation<RegisterModel.Input, Long> pendingWrite(int client, long call, long value) {
    return Operation.pending(client, call, RegisterModel.write(value));
  }

  static Operation<RegisterModel.Input, Long> pendingRead(int client, long call) {
    return Operation.pending(client, call, RegisterModel.read());
  }

  @SafeVarargs
  static CheckResult<RegisterModel.Input, Long> check(Operation<RegisterModel.Input, Long>... ops) {
    return LinearizabilityChecker.check(REGISTER, List.of(ops));
  }
}
