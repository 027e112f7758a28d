/**
 * From a trained {@link io.spikepilot.training.nn.Network} to what the controller runs: the float SNN of
 * {@code io.spikepilot.controller.snn} and its policy file, and a {@link io.spikepilot.controller.policy.Policy} view
 * of the training forward pass for evaluation.
 */
package io.spikepilot.training.export;
