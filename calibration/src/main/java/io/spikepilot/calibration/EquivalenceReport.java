package io.spikepilot.calibration;

import java.util.Locale;

/**
 * How closely a fixed-point network follows its float original.
 *
 * @param spikeAgreement       per hidden layer, fraction of (neuron, step) spike decisions equal to float, open loop
 * @param silentFraction       per hidden layer, fraction of (neuron, step) without a spike in the float network
 * @param actionRmse           root mean square of fixed − float actions over all outputs and steps, open loop
 * @param actionMaxError       largest |fixed − float| action, open loop
 * @param openLoopSteps        steps compared open loop (the float policy's own observations replayed into both)
 * @param saturationEvents     fixed-point saturation events over the open-loop replay and the closed-loop episodes
 * @param floatMeanReturn      mean closed-loop return of the float policy
 * @param fixedMeanReturn      mean closed-loop return of the fixed-point policy, same seeds
 * @param floatMeanSteps       mean closed-loop episode length, float
 * @param fixedMeanSteps       mean closed-loop episode length, fixed
 * @param episodes             closed-loop episodes per policy
 * @param firstSeed            first evaluation seed (seeds are consecutive)
 */
public record EquivalenceReport(double[] spikeAgreement, double[] silentFraction, double actionRmse,
                                double actionMaxError, long openLoopSteps, long saturationEvents,
                                double floatMeanReturn, double fixedMeanReturn, double floatMeanSteps,
                                double fixedMeanSteps, int episodes, long firstSeed) {
    /** Action RMSE as a percentage of the action range [−1, 1]. */
    public double actionRmsePercentOfRange() {
        return 100.0 * actionRmse / 2.0;
    }

    /** Relative difference of the mean returns, percent of |float mean return|. */
    public double returnDifferencePercent() {
        double denom = Math.abs(floatMeanReturn);
        return denom == 0 ? (fixedMeanReturn == 0 ? 0 : Double.POSITIVE_INFINITY)
                : 100.0 * Math.abs(fixedMeanReturn - floatMeanReturn) / denom;
    }

    /** Human-readable multi-line summary. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < spikeAgreement.length; k++) {
            sb.append(String.format(Locale.ROOT, "hidden layer %d: spike agreement %.4f %% (float silent %.1f %%)%n",
                    k, 100 * spikeAgreement[k], 100 * silentFraction[k]));
        }
        sb.append(String.format(Locale.ROOT, "open loop (%d steps): action RMSE %.5f (%.3f %% of range), max error "
                + "%.5f%n", openLoopSteps, actionRmse, actionRmsePercentOfRange(), actionMaxError));
        sb.append(String.format(Locale.ROOT, "saturation events: %d%n", saturationEvents));
        sb.append(String.format(Locale.ROOT, "closed loop (%d seeded episodes from seed %d): mean return float %.4f, "
                        + "fixed %.4f (%.3f %% apart); mean length float %.1f, fixed %.1f steps%n", episodes, firstSeed,
                floatMeanReturn, fixedMeanReturn, returnDifferencePercent(), floatMeanSteps, fixedMeanSteps));
        return sb.toString();
    }

    /** One-line summary for policy metadata ({@code note.calibration}). */
    public String summary() {
        StringBuilder agree = new StringBuilder();
        for (double a : spikeAgreement) {
            agree.append(agree.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.4f", a));
        }
        return String.format(Locale.ROOT, "spike_agreement=%s action_rmse=%.6f action_max_error=%.6f saturation=%d "
                        + "return_float=%.4f return_fixed=%.4f episodes=%d first_seed=%d", agree, actionRmse,
                actionMaxError, saturationEvents, floatMeanReturn, fixedMeanReturn, episodes, firstSeed);
    }
}
