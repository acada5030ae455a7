package io.dvraft.testkit.sim;

/**
 * How a crash that hits a batch being written ends: {@code keepRecords} of the batch's records
 * reach the disk (0: the whole batch is lost; fewer than all: a torn write; all: written but
 * nothing sent or applied).
 *
 * @param keepRecords how many records of the batch to keep; {@code Integer.MAX_VALUE} for all
 * @param armedUntil if no batch needing a sync comes by this tick, the node crashes between batches
 *     instead
 * @param downtime how long the node stays down once crashed
 */
record CrashPlan(int keepRecords, long armedUntil, int downtime) {}
