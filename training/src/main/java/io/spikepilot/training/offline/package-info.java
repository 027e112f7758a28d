/**
 * The paper's offline baselines (paper-spec §3.4) on a dataset of guide rollouts: sequence BC and sequence TD3BC,
 * built from the same replay buffer, learner and evaluation as TD3BC+JSRL but with no collection.
 */
package io.spikepilot.training.offline;
