package io.spikepilot.telemetry;

/**
 * The limits every ground command meets besides its schema: how many may arrive, and where a {@code goto} may send
 * the vehicle. The {@code flight.yaml} fields named in the messages are {@code telemetry.<name>}.
 *
 * @param commandsPerS    sustained rate of messages on {@code cmd} that are looked at, per second, in (0, 100]
 * @param commandBurst    messages that may arrive at once before the rate applies, 1..100
 * @param geofenceRadiusM a target's horizontal distance from the take-off point at most this, m, in (0, 1000]
 * @param minAltitudeM    a target's height above the take-off point at least this, m, in [0, max)
 * @param maxAltitudeM    a target's height above the take-off point at most this, m, in (min, 500]
 */
public record CommandLimits(double commandsPerS, int commandBurst, double geofenceRadiusM, double minAltitudeM,
                            double maxAltitudeM) {
    /** Defaults: 2 commands/s with bursts of 5, a 20 m geofence, targets 0.5-10 m above the take-off point. */
    public static CommandLimits defaults() {
        return new CommandLimits(2.0, 5, 20.0, 0.5, 10.0);
    }

    /** Validates every field; messages name the flight.yaml field, what was expected and what was found. */
    public CommandLimits {
        if (!(commandsPerS > 0 && commandsPerS <= 100)) {
            throw new IllegalArgumentException("field 'telemetry.commands_per_s' expected a value in (0, 100], found "
                    + commandsPerS);
        }
        if (commandBurst < 1 || commandBurst > 100) {
            throw new IllegalArgumentException("field 'telemetry.command_burst' expected an integer in [1, 100], "
                    + "found " + commandBurst);
        }
        if (!(geofenceRadiusM > 0 && geofenceRadiusM <= 1000)) {
            throw new IllegalArgumentException("field 'telemetry.geofence_radius_m' expected a value in (0, 1000], "
                    + "found " + geofenceRadiusM);
        }
        if (!(minAltitudeM >= 0 && maxAltitudeM <= 500 && minAltitudeM < maxAltitudeM)) {
            throw new IllegalArgumentException("fields 'telemetry.min_altitude_m' and 'telemetry.max_altitude_m' "
                    + "expected 0 <= min < max <= 500, found " + minAltitudeM + " and " + maxAltitudeM);
        }
    }

    /** Null when a target {@code northM}, {@code westM}, {@code upM} from the take-off point is inside, else why not. */
    String targetProblem(double northM, double westM, double upM) {
        double horizontalM = Math.hypot(northM, westM);
        if (horizontalM > geofenceRadiusM) {
            return String.format(java.util.Locale.ROOT, "field 'target_from_home_nwu_m' expected a point at most "
                    + "%.1f m from the take-off point (telemetry.geofence_radius_m), found %.1f m", geofenceRadiusM,
                    horizontalM);
        }
        if (upM < minAltitudeM || upM > maxAltitudeM) {
            return String.format(java.util.Locale.ROOT, "field 'target_from_home_nwu_m' expected a height of %.1f to "
                    + "%.1f m above the take-off point (telemetry.min_altitude_m, telemetry.max_altitude_m), found "
                    + "%.1f m", minAltitudeM, maxAltitudeM, upM);
        }
        return null;
    }
}
