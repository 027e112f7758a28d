package io.spikepilot.training.report.experiment;

/**
 * A group's learning curve: at each evaluation epoch, the mean and sample standard deviation over the seeds that
 * have evaluated there of the test return and episode length at the last curriculum level, and the mean
 * environment steps so far (seeds of an online method collect slightly different step counts by the same epoch).
 */
public record Curve(double[] epoch, double[] envSteps, double[] returnMean, double[] returnStd, double[] lengthMean,
                    double[] lengthStd, int[] seeds) {
    public int points() {
        return epoch.length;
    }
}
