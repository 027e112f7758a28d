/**
 * Datasets of guide rollouts for the offline baselines (paper-spec §3.4): recorded once by flying the privileged
 * guide, written to a documented binary file ({@link io.spikepilot.training.dataset.GuideRolloutsFile}) and read back
 * by every offline run, so BC and TD3BC train on exactly the same data.
 */
package io.spikepilot.training.dataset;
