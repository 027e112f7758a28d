package io.spikepilot.controller.snn;

/**
 * Records the value ranges a float network reaches on calibration data (largest |input| per observation value, largest
 * |membrane| and |input current| per hidden neuron), and turns them into {@link QuantizationScales}. Allocation-free
 * per observed step, so it can ride along a simulator rollout.
 */
public final class RangeObserver {
    private final int[] hiddenSizes;
    private final double[] maxAbsInput;
    private final double[][] maxAbsMembrane;
    private final double[][] maxAbsCurrent;
    private final float[][] threshold;
    private long steps;

    public RangeObserver(SnnNetwork network) {
        maxAbsInput = new double[network.inputSize()];
        int hidden = network.hiddenLayers();
        hiddenSizes = new int[hidden];
        maxAbsMembrane = new double[hidden][];
        maxAbsCurrent = new double[hidden][];
        threshold = new float[hidden][];
        for (int k = 0; k < hidden; k++) {
            hiddenSizes[k] = network.lif().get(k).size();
            maxAbsMembrane[k] = new double[hiddenSizes[k]];
            maxAbsCurrent[k] = new double[hiddenSizes[k]];
            threshold[k] = network.lif().get(k).thresholds();
        }
    }

    /** Records the step {@code snn} has just taken on {@code observation}; non-finite inputs are ignored. */
    public void observe(FloatSnn snn, float[] observation, int offset) {
        for (int i = 0; i < maxAbsInput.length; i++) {
            float x = Math.abs(observation[offset + i]);
            if (x > maxAbsInput[i] && Float.isFinite(x)) {
                maxAbsInput[i] = x;
            }
        }
        for (int k = 0; k < hiddenSizes.length; k++) {
            double[] mu = maxAbsMembrane[k];
            double[] mi = maxAbsCurrent[k];
            for (int j = 0; j < hiddenSizes[k]; j++) {
                mu[j] = Math.max(mu[j], Math.abs(snn.membrane(k, j)));
                mi[j] = Math.max(mi[j], Math.abs(snn.current(k, j)));
            }
        }
        steps++;
    }

    public long steps() {
        return steps;
    }

    public double maxAbsInput(int i) {
        return maxAbsInput[i];
    }

    public double maxAbsMembrane(int k, int j) {
        return maxAbsMembrane[k][j];
    }

    /**
     * Scales that cover the observed ranges with headroom.
     *
     * @param inputMaxCode      largest input code, e.g. 8191
     * @param inputHeadroom     factor ≥ 1 on the largest |input| seen (inputs beyond it saturate, counted)
     * @param membraneHeadroom  factor ≥ 1 on max(|U|, |I|, |θ|) seen per neuron
     * @param membraneRangeBits that headroom-scaled range maps to 2^bits membrane units (≤ 29 keeps β·U, I and θ sums
     *                          inside int32 with room to spare)
     * @param weightBits        8 or 16
     */
    public QuantizationScales scales(int inputMaxCode, double inputHeadroom, double membraneHeadroom,
                                     int membraneRangeBits, int weightBits) {
        if (inputHeadroom < 1 || membraneHeadroom < 1 || membraneRangeBits < 4 || membraneRangeBits > 29) {
            throw new IllegalArgumentException("range observer: expected headrooms ≥ 1 and membrane range bits in "
                    + "[4, 29], found " + inputHeadroom + ", " + membraneHeadroom + ", " + membraneRangeBits);
        }
        float[] in = new float[maxAbsInput.length];
        for (int i = 0; i < in.length; i++) {
            // An input never seen away from 0 still gets a usable unit (1e-3 of one unit per code).
            double range = Math.max(maxAbsInput[i], 1e-3) * inputHeadroom;
            in[i] = (float) (range / inputMaxCode);
        }
        float[][] mem = new float[hiddenSizes.length][];
        for (int k = 0; k < mem.length; k++) {
            mem[k] = new float[hiddenSizes[k]];
            for (int j = 0; j < hiddenSizes[k]; j++) {
                double range = Math.max(Math.max(maxAbsMembrane[k][j], maxAbsCurrent[k][j]),
                        Math.max(Math.abs(threshold[k][j]), 1e-6)) * membraneHeadroom;
                mem[k][j] = (float) Math.scalb(range, -membraneRangeBits);
            }
        }
        return new QuantizationScales(in, inputMaxCode, mem, weightBits);
    }
}
