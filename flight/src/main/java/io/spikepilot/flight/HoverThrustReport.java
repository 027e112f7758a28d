package io.spikepilot.flight;

import io.spikepilot.controller.hover.HoverThrustEstimator;
import java.util.Locale;

/**
 * What the take-off hover said about {@code vehicle.hover_thrust}: the measured and the configured hover thrust, and
 * whether they differ enough to matter. The configured value scales every thrust the SNN commands, so a difference
 * of {@code supervisor.agreement_thrust} or more keeps the SNN from ever agreeing with the PID; half of that is
 * already worth fixing.
 *
 * @param status          {@link HoverThrustEstimator#READY} or {@link HoverThrustEstimator#GAVE_UP}
 * @param measured        the estimate (NaN when given up)
 * @param configured      {@code vehicle.hover_thrust}
 * @param agreementThrust {@code supervisor.agreement_thrust}
 * @param windowS         the settled hover averaged, s
 * @param giveUpS         PID flight after which the estimator gave up, s
 * @param readyAtTick     the control tick that completed the estimate (-1 when given up)
 */
public record HoverThrustReport(int status, double measured, double configured, double agreementThrust, double windowS,
                         double giveUpS, long readyAtTick) {
    /** The config field a mismatch is fixed in. */
    static final String FIELD = "vehicle.hover_thrust";

    /** The report of a finished estimator; null while it still collects. */
    public static HoverThrustReport of(HoverThrustEstimator estimator, double configured, double agreementThrust) {
        int status = estimator.status();
        if (status == HoverThrustEstimator.COLLECTING) {
            return null;
        }
        return new HoverThrustReport(status, estimator.estimate(), configured, agreementThrust, estimator.windowS(),
                estimator.giveUpS(), estimator.readyAtTick());
    }

    /** Whether the measured hover thrust differs from the configured one by half the agreement tolerance or more. */
    public boolean mismatch() {
        return status == HoverThrustEstimator.READY && Math.abs(measured - configured) >= agreementThrust / 2;
    }

    /** The sentence for the log and the flight summary: both numbers, and what to change when they differ. */
    public String describe() {
        if (status != HoverThrustEstimator.READY) {
            return String.format(Locale.ROOT, "hover thrust not measured: no settled PID hover of %.1f s within "
                    + "%.0f s of PID flight (wind, or a moving target); %s %.3f is unchecked", windowS, giveUpS, FIELD,
                    configured);
        }
        double difference = measured - configured;
        if (!mismatch()) {
            return String.format(Locale.ROOT, "hover thrust measured %.3f in a %.1f s PID hover; fits %s %.3f "
                    + "(difference %+.3f)", measured, windowS, FIELD, configured, difference);
        }
        String consequence = Math.abs(difference) >= agreementThrust
                ? String.format(Locale.ROOT, "at least supervisor.agreement_thrust %.3f, so the SNN, whose thrust is "
                        + "scaled by the configured value, will not agree with the PID and will not be handed "
                        + "control", agreementThrust)
                : String.format(Locale.ROOT, "more than half of supervisor.agreement_thrust %.3f, so the SNN's "
                        + "thrust, scaled by the configured value, is off by about that much", agreementThrust);
        return String.format(Locale.ROOT, "hover thrust mismatch: measured %.3f in a %.1f s PID hover, configured "
                + "%s %.3f (difference %+.3f), %s; set %s: %.3f in the flight config", measured, windowS, FIELD,
                configured, difference, consequence, FIELD, measured);
    }
}
