/**
 * dvraft's deterministic simulation test kit.
 */
module io.dvraft.testkit {
  requires transitive io.dvraft.raft;
  requires transitive io.dvraft.bls;
  // JMH benchmarks (package io.dvraft.testkit.bench, not exported): compile time only, they run on
  // the class path. jmh-core 1.37 has no module name of its own: it is the automatic jmh.core.
  requires static jmh.core;
  // CpuTimeBench reads the benchmark thread's CPU time and allocated bytes.
  requires static jdk.management;

  exports io.dvraft.testkit.choice;
  exports io.dvraft.testkit.linearizability;
}
