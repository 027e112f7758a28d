package io.spikepilot.controller.action;

/**
 * The envelope the {@code attitude} action space maps [−1, 1] onto. Validated at construction so decoding never
 * has to check.
 *
 * @param hoverThrust      normalized collective thrust that holds altitude (PX4 MPC_THR_HOVER), in (min, max)
 * @param minThrust        lowest normalized thrust the policy may command, in [0, hover)
 * @param maxThrust        highest normalized thrust the policy may command, in (hover, 1]
 * @param maxTiltRad       roll and pitch command at |a| = 1, rad, in (0, π/2)
 * @param maxYawRateRadps  yaw-rate command at |a| = 1, rad/s, positive
 */
public record AttitudeLimits(double hoverThrust, double minThrust, double maxThrust, double maxTiltRad,
                             double maxYawRateRadps) {
    /** Validates every field; the message names the field, the expected range and the value found. */
    public AttitudeLimits {
        requireRange("minThrust", minThrust, 0.0, 1.0);
        requireRange("maxThrust", maxThrust, 0.0, 1.0);
        requireRange("hoverThrust", hoverThrust, 0.0, 1.0);
        if (!(minThrust < hoverThrust && hoverThrust < maxThrust)) {
            throw new IllegalArgumentException(String.format(
                    "attitude limits: expected minThrust < hoverThrust < maxThrust, found %s < %s < %s",
                    minThrust, hoverThrust, maxThrust));
        }
        requireRange("maxTiltRad", maxTiltRad, 1e-6, Math.PI / 2 - 1e-6);
        requireRange("maxYawRateRadps", maxYawRateRadps, 1e-6, 100.0);
    }

    /**
     * The text stored as a policy's {@code action_scaling}: the record's own form, e.g.
     * {@code AttitudeLimits[hoverThrust=0.555, minThrust=0.1, maxThrust=0.9, maxTiltRad=0.61, maxYawRateRadps=1.57]}.
     */
    public String toMetadata() {
        return toString();
    }

    /**
     * Reads {@link #toMetadata()} text back; null when {@code text} is not in that form (a policy whose scaling was
     * written by hand), so the caller can say so instead of guessing.
     */
    public static AttitudeLimits parseMetadata(String text) {
        java.util.regex.Matcher m = METADATA.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new AttitudeLimits(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final String NUMBER = "([-+0-9.eE]+|NaN|-?Infinity)";
    private static final java.util.regex.Pattern METADATA = java.util.regex.Pattern.compile(
            "AttitudeLimits\\[hoverThrust=" + NUMBER + ", minThrust=" + NUMBER + ", maxThrust=" + NUMBER
                    + ", maxTiltRad=" + NUMBER + ", maxYawRateRadps=" + NUMBER + "]");

    private static void requireRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(String.format(
                    "attitude limits: field '%s' expected a finite value in [%s, %s], found %s", field, lo, hi, value));
        }
    }
}
