package io.dvraft.testkit;

/** Hears about a campaign's progress (for progress bars). Called from the campaign's threads. */
@FunctionalInterface
public interface CampaignListener {

  /**
   * Called after each run.
   *
   * @param done how many runs have finished
   * @param total how many runs the campaign has
   * @param run the run that just finished
   */
  void runFinished(int done, int total, RunResult run);
}
