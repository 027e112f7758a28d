package io.spikepilot.training.analysis;

/**
 * Per slope and weight layer: cosine similarity with the reference-slope gradient and mean |∂L/∂W|, both averaged
 * over samples and then over seeds ({@code [slopeIndex][layer]}).
 */
public final class GradientAlignmentResult {
    public final GradientAlignmentConfig config;
    public final double[][] cosine;
    public final double[][] meanAbsGradient;

    GradientAlignmentResult(GradientAlignmentConfig config, double[][] cosine, double[][] meanAbsGradient) {
        this.config = config;
        this.cosine = cosine;
        this.meanAbsGradient = meanAbsGradient;
    }
}
