package io.spikepilot.training.netstats;

import io.spikepilot.controller.policy.ForwardingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.controller.snn.FloatSnn;

/**
 * A transparent wrapper that sums, over every step it forwards, the spikes of each hidden layer (from the runtime's
 * own {@link Policy#lastSpikeCount}) and the non-zero input values. Counting stays on primitive fields, so the step
 * path allocates nothing and the evaluation's timing is not disturbed; counts survive {@link #reset()} so one wrapper
 * can add up a whole set of episodes.
 */
public final class SpikeCountingPolicy extends ForwardingPolicy {
    private final NetworkArchitecture architecture;
    private final long[] spikes;
    private long nonZeroInputs;
    private long steps;

    /**
     * Wraps a float or fixed-point runtime. The architecture is read from the runtime itself: the {@link Policy}
     * interface reports how many hidden layers spike but not how wide they are, and a width taken on trust would make
     * every sparsity silently wrong.
     */
    public static SpikeCountingPolicy of(Policy runtime) {
        if (runtime instanceof FloatSnn f) {
            return new SpikeCountingPolicy(runtime, NetworkArchitecture.snn(f.network().layerSizes()));
        }
        if (runtime instanceof FixedPointSnn f) {
            return new SpikeCountingPolicy(runtime, NetworkArchitecture.snn(f.network().layerSizes()));
        }
        throw new IllegalArgumentException("spike counter: expected a FloatSnn or FixedPointSnn runtime, found "
                + (runtime == null ? "null" : runtime.getClass().getSimpleName()));
    }

    private SpikeCountingPolicy(Policy inner, NetworkArchitecture architecture) {
        super(inner);
        this.architecture = architecture;
        this.spikes = new long[architecture.hiddenLayers()];
    }

    public NetworkArchitecture architecture() {
        return architecture;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        inner.step(observation, observationOffset, action, actionOffset);
        for (int h = 0; h < spikes.length; h++) {
            spikes[h] += inner.lastSpikeCount(h);
        }
        int end = observationOffset + architecture.inputs();
        for (int i = observationOffset; i < end; i++) {
            // NaN is not 0 and would be multiplied like any other value
            nonZeroInputs += observation[i] != 0.0f ? 1 : 0;
        }
        steps++;
    }

    /** Steps forwarded since construction. */
    public long steps() {
        return steps;
    }

    /** The counts so far; requires at least one step. */
    public SpikeActivity activity() {
        return new SpikeActivity(architecture, steps, nonZeroInputs, spikes);
    }
}
