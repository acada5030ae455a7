/** Small internal utilities of raft-core, not part of the API. */
package io.dvraft.raft.internal;
