package io.spikepilot.training.netstats;

import java.util.Arrays;

/**
 * What a spiking network did over a number of steps: spikes per hidden layer and non-zero input values, summed over
 * the steps. The rates and sparsities of Table 2 are ratios of these sums, so activities of several episodes add up
 * by {@link #plus} before any ratio is taken (a mean of per-episode ratios would weight short episodes like long ones).
 */
public final class SpikeActivity {
    private final NetworkArchitecture architecture;
    private final long steps;
    private final long nonZeroInputs;
    private final long[] spikes;

    /**
     * @param architecture  the network's shape (spiking)
     * @param steps         network steps counted, ≥ 1
     * @param nonZeroInputs input values ≠ 0 summed over the steps, at most {@code steps · inputs}
     * @param spikes        spikes of each hidden layer summed over the steps, each at most {@code steps · width}
     */
    public SpikeActivity(NetworkArchitecture architecture, long steps, long nonZeroInputs, long[] spikes) {
        if (architecture == null || !architecture.spiking()) {
            throw new IllegalArgumentException("spike activity: expected a spiking architecture, found "
                    + architecture);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("spike activity: expected ≥ 1 step, found " + steps);
        }
        if (nonZeroInputs < 0 || nonZeroInputs > steps * architecture.inputs()) {
            throw new IllegalArgumentException("spike activity: non-zero inputs expected in [0, " + steps
                    * architecture.inputs() + "] for " + steps + " steps, found " + nonZeroInputs);
        }
        if (spikes == null || spikes.length != architecture.hiddenLayers()) {
            throw new IllegalArgumentException("spike activity: expected spike sums for " + architecture.hiddenLayers()
                    + " hidden layers, found " + (spikes == null ? "null" : spikes.length));
        }
        for (int h = 0; h < spikes.length; h++) {
            long most = steps * architecture.hiddenWidth(h);
            if (spikes[h] < 0 || spikes[h] > most) {
                throw new IllegalArgumentException("spike activity: spikes of hidden layer " + h + " expected in [0, "
                        + most + "] for " + steps + " steps, found " + spikes[h]);
            }
        }
        this.architecture = architecture;
        this.steps = steps;
        this.nonZeroInputs = nonZeroInputs;
        this.spikes = spikes.clone();
    }

    public NetworkArchitecture architecture() {
        return architecture;
    }

    public long steps() {
        return steps;
    }

    /** Spikes of hidden layer {@code h} summed over the steps. */
    public long spikes(int h) {
        return spikes[h];
    }

    /** Spikes of every hidden layer summed over the steps. */
    public long totalSpikes() {
        long n = 0;
        for (long s : spikes) {
            n += s;
        }
        return n;
    }

    /** Mean spikes of hidden layer {@code h} per step. */
    public double meanSpikesPerStep(int h) {
        return (double) spikes[h] / steps;
    }

    /** Mean spikes of all hidden layers per step. */
    public double meanSpikesPerStep() {
        return (double) totalSpikes() / steps;
    }

    /** Mean number of input values ≠ 0 per step (the input layer's MACs skip zeros, as the fixed engine does). */
    public double meanNonZeroInputsPerStep() {
        return (double) nonZeroInputs / steps;
    }

    /** Fraction of (neuron, step) pairs of hidden layer {@code h} without a spike. */
    public double layerSparsity(int h) {
        return 1.0 - (double) spikes[h] / ((double) steps * architecture.hiddenWidth(h));
    }

    /**
     * Activation sparsity as NeuroBench defines it: the fraction of all spiking-neuron activations over all layers and
     * steps that are zero, {@code AS = 1 − Σ_h spikes_h / (steps · Σ_h N_h)}. Wide layers weigh more than narrow ones,
     * exactly as in a count over every activation.
     */
    public double activationSparsity() {
        return 1.0 - (double) totalSpikes() / ((double) steps * architecture.hiddenNeurons());
    }

    /** The sums of this activity and {@code other}, which must come from the same architecture. */
    public SpikeActivity plus(SpikeActivity other) {
        if (!other.architecture.equals(architecture)) {
            throw new IllegalArgumentException("spike activity: cannot add " + other.architecture + " to "
                    + architecture);
        }
        long[] sum = spikes.clone();
        for (int h = 0; h < sum.length; h++) {
            sum[h] += other.spikes[h];
        }
        return new SpikeActivity(architecture, steps + other.steps, nonZeroInputs + other.nonZeroInputs, sum);
    }

    @Override
    public String toString() {
        return "SpikeActivity[" + architecture + ", steps=" + steps + ", nonZeroInputs=" + nonZeroInputs + ", spikes="
                + Arrays.toString(spikes) + "]";
    }
}
