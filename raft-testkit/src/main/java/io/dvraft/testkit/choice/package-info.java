/**
 * Recorded randomness for simulations: every random decision is a choice drawn from a {@link
 * io.dvraft.testkit.choice.ChoiceSource}, which records it as a number. A failing run's choice
 * sequence can then be minimized by the {@link io.dvraft.testkit.choice.Shrinker} and saved as a
 * {@link io.dvraft.testkit.choice.ReplayFile} that reproduces the run exactly.
 */
package io.dvraft.testkit.choice;
