package io.dvraft.testkit.check;

import io.dvraft.raft.NodeId;
import io.dvraft.testkit.linearizability.KeyValueModel;
import io.dvraft.testkit.linearizability.Operation;
import java.util.List;

/** What an invariant may look at of the whole simulated cluster. */
public interface ClusterView {

  /**
   * Returns the current logical tick.
   *
   * @return the tick
   */
  long tick();

  /**
   * Returns every host, in id order.
   *
   * @return the hosts
   */
  List<? extends NodeView> nodes();

  /**
   * Returns one host.
   *
   * @param id its id
   * @return the host
   * @throws IllegalArgumentException if there is no such host
   */
  NodeView node(NodeId id);

  /**
   * Returns the client history recorded so far: every key-value operation the workload issued that
   * may have taken effect, with its call and return ticks (pending if it never returned).
   *
   * @return the history
   */
  List<Operation<KeyValueModel.Input, String>> history();
}
