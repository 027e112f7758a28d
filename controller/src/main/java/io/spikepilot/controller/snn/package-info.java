/**
 * Spiking-network runtimes: the float32 reference ({@link io.spikepilot.controller.snn.FloatSnn}) that the trainer
 * and the calibrator treat as ground truth, and the integer-only engine
 * ({@link io.spikepilot.controller.snn.FixedPointSnn}) that flies; and the policy file loader
 * ({@link io.spikepilot.controller.snn.PolicyFile}) that reads a safetensors file, checks it and builds the runtime its
 * metadata names, kept beside what it builds so that the runtimes depend on {@code controller.policy} and not the
 * other way round.
 *
 * <p>Network: {@code Linear → LIF → … → Linear → LIF → Linear → tanh}, any depth ≥ one hidden layer
 * (18 → 256 → 128 → 4 in the paper). One network step per control tick; membranes persist between ticks.
 *
 * <p>LIF semantics are snnTorch 0.9.1 {@code Leaky} with {@code reset_mechanism="subtract"} and
 * {@code reset_delay=True} (paper-spec §2.2), per neuron i at step t:
 * <pre>
 *   R_t = [U_{t−1} &gt; θ]                     reset flag from the previous membrane
 *   U_t = clamp(β,0,1)·U_{t−1} + I_t − R_t·θ   the subtraction is applied one step after the spike
 *   S_t = [U_t &gt; θ]                          strict: U exactly at θ does not fire
 * </pre>
 * {@link io.spikepilot.controller.snn.ResetRule#ZERO_IMMEDIATE} is the NIR reading ({@code z ⇒ v = 0} in the same
 * step) for imported graphs.
 */
package io.spikepilot.controller.snn;
