package io.dvraft.testkit.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rules an operation record enforces. */
class OperationTest {

  @Test
  void anOperationCannotReturnBeforeItIsCalled() {
    assertThatThrownBy(() -> Operation.completed(1, 5, 4, RegisterModel.read(), 0L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned at 4 before its call at 5");
  }

  @Test
  void aPendingOperationHasNoOutput() {
    assertThatThrownBy(() -> new Operation<>(1, 0, Operation.PENDING, RegisterModel.read(), 3L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Operation.pending(1, 0, RegisterModel.read()).isPending()).isTrue();
  }

  @Test
  void anOperationPrintsClientInputOutputAndInterval() {
    assertThat(Operation.completed(2, 3, 4, RegisterModel.read(), 7L))
        .hasToString("client 2: read() -> 7 [3, 4]");
    assertThat(Operation.pending(1, 9, RegisterModel.write(5)))
        .hasToString("client 1: write(5) -> ? [9, pending]");
  }
}
