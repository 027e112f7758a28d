package io.spikepilot.training.analysis;

/**
 * Per slope and weight layer ({@code [slopeIndex][layer]}): cosine similarity with the reference-slope gradient and
 * mean |∂L/∂W|, both averaged over all seeds × N samples, and the number of those samples whose cosine had no direction
 * to compare (either gradient's norm 0; for the reference slope, its own norm 0). Zero-norm samples count as cosine 0
 * in the average, except for the reference slope, whose cosine with itself is exactly 1 by construction.
 */
public final class GradientAlignmentResult {
    public final GradientAlignmentConfig config;
    public final double[][] cosine;
    public final double[][] meanAbsGradient;
    public final long[][] zeroNormSamples;

    GradientAlignmentResult(GradientAlignmentConfig config, double[][] cosine, double[][] meanAbsGradient,
            long[][] zeroNormSamples) {
        this.config = config;
        this.cosine = cosine;
        this.meanAbsGradient = meanAbsGradient;
        this.zeroNormSamples = zeroNormSamples;
    }

    /** Samples behind every cell: seeds × N. */
    public long samplesPerCell() {
        return (long) config.seeds * config.samples;
    }
}
