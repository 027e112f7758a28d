package io.spikepilot.simulator.check;

/**
 * Characteristics of a step response sampled at a fixed period.
 *
 * @param riseTimeS     time from 10 % to 90 % of the step, s
 * @param settleTimeS   time after which the response stays within ±2 % of the target, s
 * @param overshootPct  peak beyond the target, % of the step (0 if none)
 */
public record StepResponse(double riseTimeS, double settleTimeS, double overshootPct) {
    /** Analyses samples {@code y[i]} taken at {@code (i + 1)·periodS} after a step from 0 to {@code target}. */
    public static StepResponse of(double[] y, double periodS, double target) {
        double t10 = Double.NaN;
        double t90 = Double.NaN;
        double peak = 0;
        int lastOutside = -1;
        for (int i = 0; i < y.length; i++) {
            double t = (i + 1) * periodS;
            if (Double.isNaN(t10) && y[i] >= 0.1 * target) {
                t10 = t;
            }
            if (Double.isNaN(t90) && y[i] >= 0.9 * target) {
                t90 = t;
            }
            peak = Math.max(peak, y[i]);
            if (Math.abs(y[i] - target) > 0.02 * Math.abs(target)) {
                lastOutside = i;
            }
        }
        double settle = lastOutside == y.length - 1 ? Double.POSITIVE_INFINITY : (lastOutside + 1) * periodS;
        return new StepResponse(t90 - t10, settle, Math.max(0, (peak - target) / target * 100));
    }
}
