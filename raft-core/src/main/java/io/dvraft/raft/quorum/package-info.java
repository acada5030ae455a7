/**
 * Majority arithmetic: which index a quorum has acknowledged and whether an election is won, for
 * simple and joint configurations. Pure functions of their inputs.
 */
package io.dvraft.raft.quorum;
