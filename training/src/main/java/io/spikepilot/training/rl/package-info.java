/**
 * Sequence reinforcement learning for the spiking actor (paper-spec §3): the sequence replay buffer, twin critics with
 * target copies and target-policy smoothing, the guided rollout collector (JSRL: a privileged guide flies the first
 * steps while the SNN warms its membranes in shadow) and the TD3BC+JSRL trainer that joins them; and plain TD3 on
 * single transitions ({@link io.spikepilot.training.rl.AnnGuideTrainer}) for the paper's privileged ANN guide, the
 * alternative to the PID guide ({@code train jsrl --guide ann:FILE}).
 *
 * <p>Every random source is derived from the run's seed in a fixed order; for a given worker count a run is
 * bit-for-bit repeatable.
 */
package io.spikepilot.training.rl;
