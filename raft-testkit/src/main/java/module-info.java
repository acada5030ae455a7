/**
 * dvraft's deterministic simulation test kit: a single-threaded cluster simulator with fault
 * injection, invariant checkers, a linearizability checker, shrinking of failing runs to replay
 * files, a JUnit-friendly campaign API and the {@code dvraft-sim} command line.
 */
module io.dvraft.testkit {
  requires transitive io.dvraft.raft;
  requires transitive io.dvraft.bls;
  requires info.picocli;
  // JMH benchmarks (package io.dvraft.testkit.bench, not exported): compile time only, they run on
  // the class path. jmh-core 1.37 has no module name of its own: it is the automatic jmh.core.
  requires static jmh.core;
  // CpuTimeBench reads the benchmark thread's CPU time and allocated bytes.
  requires static jdk.management;
  // CryptoBound calls jblst directly: the bound BLS-Raft's benchmark is measured against.
  requires static jblst;

  exports io.dvraft.testkit;
  exports io.dvraft.testkit.bls;
  exports io.dvraft.testkit.check;
  exports io.dvraft.testkit.choice;
  exports io.dvraft.testkit.linearizability;
  exports io.dvraft.testkit.sim;

  opens io.dvraft.testkit.cli to
      info.picocli;
}
