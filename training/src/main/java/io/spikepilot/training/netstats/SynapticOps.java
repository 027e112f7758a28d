package io.spikepilot.training.netstats;

/**
 * Synaptic operations per network step, as NeuroBench counts them for Table 2. Biases are not synapses and are not
 * counted: the paper's 37,888 for 18-256-128-4 is exactly the weight count.
 */
public final class SynapticOps {
    private SynapticOps() {
    }

    /**
     * Dense synaptic operations per step: every weight used once, {@code Σ_k n_k · n_(k+1)} over the affine layers
     * (the same for a spiking network and an ANN of the same widths; sparsity is what the effective counts add).
     */
    public static long dense(NetworkArchitecture a) {
        long ops = 0;
        for (int k = 0; k < a.affineLayers(); k++) {
            ops += (long) a.width(k) * a.width(k + 1);
        }
        return ops;
    }

    /**
     * Effective multiply-accumulates per step of a spiking network: only its first layer multiplies, because only its
     * input is real-valued (the raw observation); each non-zero input value costs one MAC per neuron of hidden layer 0.
     * With no zero inputs this is {@code n_0 · n_1} (4,608 for the paper's network).
     */
    public static double effectiveMacs(SpikeActivity activity) {
        return activity.meanNonZeroInputsPerStep() * activity.architecture().width(1);
    }

    /**
     * Effective accumulates per step of a spiking network: a spike of hidden layer {@code h} adds its weight column to
     * every neuron of the next layer (the next hidden layer or the linear readout), so
     * {@code Σ_h spikes_h · n_(h+2)}; silent neurons cost nothing (the event-driven path of the fixed engine).
     */
    public static double effectiveAcs(SpikeActivity activity) {
        NetworkArchitecture a = activity.architecture();
        double acs = 0;
        for (int h = 0; h < a.hiddenLayers(); h++) {
            acs += activity.meanSpikesPerStep(h) * a.width(h + 2);
        }
        return acs;
    }
}
