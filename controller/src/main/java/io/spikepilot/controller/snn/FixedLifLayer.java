package io.spikepilot.controller.snn;

/**
 * Integer LIF parameters of one hidden layer: β as an unsigned Q24 multiplier in [0, 2^24] (β = 1 is exactly 2^24),
 * thresholds in membrane units, and the real value of one membrane unit per neuron ({@code membraneScale}, for reports
 * and dequantisation only).
 */
public final class FixedLifLayer {
    /** Fraction bits of the β multiplier. */
    public static final int BETA_FRACTION_BITS = 24;
    private final int[] betaQ24;
    private final int[] threshold;
    private final float[] membraneScale;

    public FixedLifLayer(int[] betaQ24, int[] threshold, float[] membraneScale) {
        if (betaQ24 == null || threshold == null || membraneScale == null || betaQ24.length == 0
                || threshold.length != betaQ24.length || membraneScale.length != betaQ24.length) {
            throw new IllegalArgumentException("fixed LIF layer: expected beta, threshold and membrane_scale of equal "
                    + "non-zero length, found " + (betaQ24 == null ? "null" : betaQ24.length) + ", "
                    + (threshold == null ? "null" : threshold.length) + ", "
                    + (membraneScale == null ? "null" : membraneScale.length));
        }
        for (int i = 0; i < betaQ24.length; i++) {
            if (betaQ24[i] < 0 || betaQ24[i] > 1 << BETA_FRACTION_BITS) {
                throw new IllegalArgumentException(String.format(
                        "fixed LIF layer: field 'beta' expected Q24 values in [0, 16777216] (β in [0, 1]), "
                                + "found %d at index %d", betaQ24[i], i));
            }
            if (!(membraneScale[i] > 0 && Float.isFinite(membraneScale[i]))) {
                throw new IllegalArgumentException(String.format(
                        "fixed LIF layer: field 'membrane_scale' expected a finite positive value, found %s at index %d",
                        membraneScale[i], i));
            }
        }
        this.betaQ24 = betaQ24.clone();
        this.threshold = threshold.clone();
        this.membraneScale = membraneScale.clone();
    }

    public int size() {
        return betaQ24.length;
    }

    public int[] betasQ24() {
        return betaQ24.clone();
    }

    public int[] thresholds() {
        return threshold.clone();
    }

    public float[] membraneScales() {
        return membraneScale.clone();
    }

    /** Real value of one membrane unit of neuron {@code i}. */
    public float membraneScale(int i) {
        return membraneScale[i];
    }

    int[] betaShared() {
        return betaQ24;
    }

    int[] thresholdShared() {
        return threshold;
    }
}
