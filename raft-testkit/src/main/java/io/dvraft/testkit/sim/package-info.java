/**
 * The deterministic cluster simulator: simulated hosts that drive nodes exactly as the host
 * contract says (persist, then send, then apply), a network with latency and faults, crashes that
 * lose or tear the batch being written, pauses, a key-value client workload and an operator.
 *
 * <p>Nodes are reached only through {@link io.dvraft.testkit.sim.SimNode}, created by a {@link
 * io.dvraft.testkit.sim.NodeFactory}; {@link io.dvraft.testkit.sim.RaftSimNode} drives a plain
 * {@link io.dvraft.raft.RaftStateMachine}, and a decorator (for example BLS-Raft) plugs in with its
 * own factory. Every random decision comes from one {@link io.dvraft.testkit.choice.ChoiceSource}.
 */
package io.dvraft.testkit.sim;
