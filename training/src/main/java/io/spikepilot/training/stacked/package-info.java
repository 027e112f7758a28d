/**
 * The slope study of the paper's Fig. 2 in its own setting (spec §3.4): the spiking actor sees the 146-wide
 * frame-stacked observation, starts from zero membranes at every call and sums four passes
 * ({@link io.spikepilot.training.rl.FrameStackedSnnActor}); behaviour cloning on guide transitions here, TD3 on
 * transitions through {@link io.spikepilot.training.rl.AnnGuideTrainer} with the {@code snn-stacked} actor. Both
 * write {@link io.spikepilot.training.stacked.StackedLog}'s log.csv, one row per epoch, so the experiment runner
 * and the report read them as they read the sequence methods.
 */
package io.spikepilot.training.stacked;
