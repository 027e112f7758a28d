package io.spikepilot.training.schedule;

import java.util.Locale;

/**
 * Parses a schedule from its command-line form:
 * {@code fixed:K}, {@code interval[:START:END:STEPS]} (default 1:100:10), or
 * {@code adaptive[:MAPPING[:K0[:REFERENCE_RETURN]]]} (default normalised:2:400).
 */
public final class SlopeSchedules {
    private SlopeSchedules() {
    }

    public static SlopeSchedule parse(String text, int totalEpochs) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "fixed":
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("expected fixed:K");
                    }
                    return new FixedSlope(Float.parseFloat(parts[1]));
                case "interval":
                    if (parts.length != 1 && parts.length != 4) {
                        throw new IllegalArgumentException("expected interval or interval:START:END:STEPS");
                    }
                    return parts.length == 1
                            ? new IntervalSlope(1f, 100f, 10, totalEpochs)
                            : new IntervalSlope(Float.parseFloat(parts[1]), Float.parseFloat(parts[2]),
                                    Integer.parseInt(parts[3]), totalEpochs);
                case "adaptive":
                    if (parts.length > 4) {
                        throw new IllegalArgumentException("expected adaptive[:MAPPING[:K0[:REFERENCE_RETURN]]]");
                    }
                    AdaptiveMapping mapping = parts.length > 1
                            ? AdaptiveMapping.valueOf(parts[1].toUpperCase(Locale.ROOT).replace('-', '_'))
                            : AdaptiveMapping.NORMALISED;
                    float k0 = parts.length > 2 ? Float.parseFloat(parts[2]) : 2f;
                    double reference = parts.length > 3 ? Double.parseDouble(parts[3]) : 400;
                    return new AdaptiveSlope(mapping, k0, reference);
                default:
                    throw new IllegalArgumentException("unknown kind '" + parts[0] + "', expected fixed, interval or adaptive");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("slope schedule '" + text + "': " + e.getMessage(), e);
        }
    }
}
