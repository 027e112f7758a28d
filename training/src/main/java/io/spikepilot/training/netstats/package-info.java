/**
 * Network statistics of the paper's Table 2 (NeuroBench-style, paper-spec §5 and §6 item 7): dense synaptic
 * operations per step, memory footprint in the float and the fixed-point formats, activation sparsity and effective
 * MACs / ACs from spike counts measured on seeded test rollouts, and the energy estimate with the Loihi constants of
 * the paper's supplement.
 *
 * <p>The arithmetic ({@link io.spikepilot.training.netstats.SynapticOps}, {@link
 * io.spikepilot.training.netstats.MemoryFootprint}, {@link io.spikepilot.training.netstats.LoihiEnergy}, {@link
 * io.spikepilot.training.netstats.SpikeActivity}) is pure: architecture and counts in, numbers out, no I/O. The
 * measurement ({@link io.spikepilot.training.netstats.ActivityMeasurement}) flies the policy on the evaluation
 * protocol every other command uses and counts spikes per layer with a wrapper that allocates nothing per step.
 */
package io.spikepilot.training.netstats;
