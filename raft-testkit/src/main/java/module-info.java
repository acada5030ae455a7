/**
 * dvraft's deterministic simulation test kit: a single-threaded cluster simulator with fault
 * injection, invariant checkers, a linearizability checker, shrinking of failing runs to replay
 * files, a JUnit-friendly campaign API and the {@code dvraft-sim} command line.
 */
module io.dvraft.testkit {
  requires transitive io.dvraft.raft;
  requires transitive io.dvraft.bls;
  requires info.picocli;

  exports io.dvraft.testkit;
  exports io.dvraft.testkit.bls;
  exports io.dvraft.testkit.check;
  exports io.dvraft.testkit.choice;
  exports io.dvraft.testkit.linearizability;
  exports io.dvraft.testkit.sim;

  opens io.dvraft.testkit.cli to
      info.picocli;
}
