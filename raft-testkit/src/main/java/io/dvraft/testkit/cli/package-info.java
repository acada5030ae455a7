/** The {@code dvraft-sim} command line: runs scenarios and campaigns, replays, writes reports. */
package io.dvraft.testkit.cli;
