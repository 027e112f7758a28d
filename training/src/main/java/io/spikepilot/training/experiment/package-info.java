/**
 * Experiments of the paper (paper-spec §1.8, §6): which (method, setting, seed) runs make up a comparison or an
 * ablation at a given budget ({@link io.spikepilot.training.experiment.ExperimentPlan}), and the runner that flies
 * them as isolated child processes, skips what is complete and resumes what was interrupted
 * ({@link io.spikepilot.training.experiment.ExperimentRunner}).
 */
package io.spikepilot.training.experiment;
