package io.spikepilot.training.analysis;

import java.util.Arrays;

/**
 * Parameters of the study. Defaults follow paper-spec §2.5: input 63, four LIF layers of 64, readout 64, two steps,
 * N = 256 samples, slopes {1, 10, 25, 50, 100} with k = 100 as reference; the paper averages 100 seeds.
 */
public final class GradientAlignmentConfig {
    public final int inputSize;
    public final int hiddenSize;
    public final int spikingLayers;
    public final int outputSize;
    public final int steps;
    public final int samples;
    public final float[] slopes;
    public final float referenceSlope;
    public final int seeds;
    public final long firstSeed;

    public GradientAlignmentConfig(int inputSize, int hiddenSize, int spikingLayers, int outputSize, int steps,
            int samples, float[] slopes, float referenceSlope, int seeds, long firstSeed) {
        if (inputSize < 1 || hiddenSize < 1 || spikingLayers < 1 || outputSize < 1 || steps < 1 || samples < 1
                || seeds < 1) {
            throw new IllegalArgumentException("gradient study: every size, the step, sample and seed counts must be ≥ 1");
        }
        if (slopes.length < 2) {
            throw new IllegalArgumentException("gradient study: need at least two slopes, found " + slopes.length);
        }
        for (int i = 1; i < slopes.length; i++) {
            if (!(slopes[i] > slopes[i - 1])) {
                throw new IllegalArgumentException("gradient study: slopes must increase, found "
                        + Arrays.toString(slopes));
            }
        }
        if (Arrays.binarySearch(slopes, referenceSlope) < 0) {
            throw new IllegalArgumentException("gradient study: reference slope " + referenceSlope
                    + " is not among the slopes " + Arrays.toString(slopes));
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.spikingLayers = spikingLayers;
        this.outputSize = outputSize;
        this.steps = steps;
        this.samples = samples;
        this.slopes = slopes.clone();
        this.referenceSlope = referenceSlope;
        this.seeds = seeds;
        this.firstSeed = firstSeed;
    }

    public static GradientAlignmentConfig paper(int seeds, long firstSeed) {
        return new GradientAlignmentConfig(63, 64, 4, 64, 2, 256, new float[] {1f, 10f, 25f, 50f, 100f}, 100f, seeds,
                firstSeed);
    }

    /** Index of the reference slope in {@link #slopes}. */
    public int referenceIndex() {
        return Arrays.binarySearch(slopes, referenceSlope);
    }

    /** Number of weight matrices ("layers" 0 … spikingLayers): one per spiking layer plus the readout. */
    public int weightLayers() {
        return spikingLayers + 1;
    }

    @Override
    public String toString() {
        return "input=" + inputSize + " hidden=" + hiddenSize + "x" + spikingLayers + " output=" + outputSize
                + " steps=" + steps + " samples=" + samples + " slopes=" + Arrays.toString(slopes) + " reference="
                + referenceSlope + " seeds=" + seeds + " firstSeed=" + firstSeed;
    }
}
