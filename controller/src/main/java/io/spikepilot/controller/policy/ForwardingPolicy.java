package io.spikepilot.controller.policy;

/**
 * A policy that passes every call to another one: the base of wrappers that change one behaviour (fault injection)
 * and must stay transparent in the rest (sizes, spike counts, saturation counters) for the supervisor and the records.
 */
public abstract class ForwardingPolicy implements Policy {
    /** The wrapped policy. */
    protected final Policy inner;

    /** Wraps {@code inner}, which must not be null. */
    protected ForwardingPolicy(Policy inner) {
        if (inner == null) {
            throw new IllegalArgumentException("policy wrapper: a policy to wrap is required");
        }
        this.inner = inner;
    }

    @Override
    public int observationSize() {
        return inner.observationSize();
    }

    @Override
    public int actionSize() {
        return inner.actionSize();
    }

    @Override
    public void reset() {
        inner.reset();
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        inner.step(observation, observationOffset, action, actionOffset);
    }

    @Override
    public long saturationEvents() {
        return inner.saturationEvents();
    }

    @Override
    public int hiddenLayers() {
        return inner.hiddenLayers();
    }

    @Override
    public int lastSpikeCount(int layer) {
        return inner.lastSpikeCount(layer);
    }

    @Override
    public int layerWidth(int layer) {
        return inner.layerWidth(layer);
    }

    @Override
    public void lastSpikes(int layer, long[] bits, int offset, int words) {
        inner.lastSpikes(layer, bits, offset, words);
    }

    @Override
    public float membranePotential(int layer, int neuron) {
        return inner.membranePotential(layer, neuron);
    }

    @Override
    public boolean lastStepFaultInjected() {
        return inner.lastStepFaultInjected();
    }
}
