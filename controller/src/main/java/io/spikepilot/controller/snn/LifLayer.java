package io.spikepilot.controller.snn;

import java.util.Arrays;

/**
 * Per-neuron LIF parameters of one hidden layer: decay β and threshold θ. β is stored clamped to [0, 1], which is what
 * snnTorch's {@code Leaky} applies in every forward pass ({@code beta.clamp(0, 1)}), so a trained β of 1.02 behaves as 1
 * here as it did in training. Immutable.
 */
public final class LifLayer {
    private final float[] beta;
    private final float[] threshold;

    /**
     * @param rawBeta   per-neuron decay as trained (any finite value; clamped to [0, 1])
     * @param threshold per-neuron threshold θ in membrane units (finite)
     */
    public LifLayer(float[] rawBeta, float[] threshold) {
        if (rawBeta == null || threshold == null || rawBeta.length != threshold.length || rawBeta.length == 0) {
            throw new IllegalArgumentException(String.format(
                    "LIF layer: expected beta and threshold of equal non-zero length, found %s and %s",
                    rawBeta == null ? "null" : rawBeta.length, threshold == null ? "null" : threshold.length));
        }
        DenseLayer.requireFinite("beta", rawBeta);
        DenseLayer.requireFinite("threshold", threshold);
        this.beta = new float[rawBeta.length];
        for (int i = 0; i < rawBeta.length; i++) {
            this.beta[i] = Math.min(1.0f, Math.max(0.0f, rawBeta[i]));
        }
        this.threshold = threshold.clone();
    }

    public int size() {
        return beta.length;
    }

    /** Effective (clamped) β of neuron {@code i}. */
    public float beta(int i) {
        return beta[i];
    }

    public float threshold(int i) {
        return threshold[i];
    }

    /** Copy of the effective (clamped) β values. */
    public float[] betas() {
        return beta.clone();
    }

    /** Copy of the thresholds. */
    public float[] thresholds() {
        return threshold.clone();
    }

    float[] betaShared() {
        return beta;
    }

    float[] thresholdShared() {
        return threshold;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifLayer l && Arrays.equals(l.beta, beta) && Arrays.equals(l.threshold, threshold);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(beta) + Arrays.hashCode(threshold);
    }
}
