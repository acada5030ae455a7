/**
 * JMH benchmarks of raft-core, the codec and BLS-Raft. Not part of the test kit's API: the package
 * is not exported, and the benchmarks run on the class path (see docs/benchmarks.md).
 */
package io.dvraft.testkit.bench;
