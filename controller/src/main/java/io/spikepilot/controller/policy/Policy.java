package io.spikepilot.controller.policy;

/**
 * A stateful control policy stepped once per control tick.
 *
 * <p>Contract for every implementation: {@link #step} allocates nothing, never blocks, never throws and never reads a
 * clock; all validation happens when the policy is built or loaded. Internal state (SNN membranes) persists between
 * steps until {@link #reset()}.
 */
public interface Policy {
    /** Number of observation values {@link #step} reads. */
    int observationSize();

    /** Number of action values {@link #step} writes, each in [−1, 1]. */
    int actionSize();

    /** Returns the internal state to its initial value (membranes to zero), as at the start of an episode. */
    void reset();

    /**
     * Advances the policy by one control tick.
     *
     * @param observation {@link #observationSize()} values starting at {@code observationOffset}
     * @param action      receives {@link #actionSize()} values starting at {@code actionOffset}
     */
    void step(float[] observation, int observationOffset, float[] action, int actionOffset);

    /**
     * Count of arithmetic saturation events since construction (fixed-point engines clamp instead of overflowing);
     * always 0 for float policies. Read by the supervisor.
     */
    default long saturationEvents() {
        return 0;
    }

    /** Number of hidden spiking layers whose spike counts {@link #lastSpikeCount} reports; 0 for non-spiking policies. */
    default int hiddenLayers() {
        return 0;
    }

    /** Spikes hidden layer {@code layer} emitted in the last step (for tick records and traces). */
    default int lastSpikeCount(int layer) {
        return 0;
    }

    /** Neurons in hidden layer {@code layer} (for network-activity records); 0 for non-spiking policies. */
    default int layerWidth(int layer) {
        return 0;
    }

    /**
     * Writes which neurons of hidden layer {@code layer} spiked in the last step as a bit set into
     * {@code bits[offset .. offset + words)}: bit {@code i % 64} of word {@code i / 64} is neuron {@code i}; neurons
     * beyond {@code 64 · words} are left out. Every one of the {@code words} words is written (no stale bits).
     * Allocation-free, for the tick record.
     */
    default void lastSpikes(int layer, long[] bits, int offset, int words) {
        java.util.Arrays.fill(bits, offset, offset + words, 0L);
    }

    /**
     * Membrane potential of neuron {@code neuron} of hidden layer {@code layer} after the last step, in the float
     * network's units (a fixed-point engine scales its integer membrane back), so a report compares it with the
     * neuron's threshold. 0 for non-spiking policies.
     */
    default float membranePotential(int layer, int neuron) {
        return 0.0f;
    }

    /**
     * Whether the last {@link #step} had its output deliberately corrupted by fault injection
     * ({@link FaultInjectingPolicy}, the demo's NaN). The controller records it with each tick, so a replay re-applies
     * the same fault on the same tick. Always false for a real policy.
     */
    default boolean lastStepFaultInjected() {
        return false;
    }
}
