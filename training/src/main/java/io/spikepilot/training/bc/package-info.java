/**
 * Behaviour cloning on sequences (paper-spec §3.4 "BC"): seeded rollouts of the privileged guide (the controller's
 * position PID) cut into 100-step windows, BPTT training of the spiking actor on the guide's actions with the 50-step
 * warm-up mask and a slope schedule, periodic evaluation with the guide flying the warm-up, and the training log.
 */
package io.spikepilot.training.bc;
