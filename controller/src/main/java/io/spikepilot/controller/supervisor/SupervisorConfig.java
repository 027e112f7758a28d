package io.spikepilot.controller.supervisor;

/**
 * Thresholds of the watchdog. All validated at construction; every one is a named entry of {@code flight.yaml}.
 *
 * @param periodNs                  control period, ns
 * @param staleStatePeriods         a state older than this many periods is stale (SNN → PID)
 * @param stateLossNs               no fresh valid state for this long: land open-loop
 * @param linkTimeoutNs             no autopilot message for this long: land
 * @param saturatedTicksLimit       consecutive ticks of saturated policy outputs that count as a fault (K)
 * @param outputSaturationLevel     |output| at or above which an output counts as saturated, in (0, 1]
 * @param frozenOutputTicks         consecutive ticks of bit-identical policy outputs, while the observation changes,
 *                                  that count as a frozen policy; 0 disables the check
 * @param maxSaturationEventsPerTick fixed-point saturation events tolerated in one tick
 * @param maxTiltRad                tilt envelope, rad
 * @param maxSpeedMps               speed envelope, m/s
 * @param maxPositionErrorM         distance-from-target envelope, m
 * @param maxMissedTicks            ticks the loop may skip before one tick without it being a fault
 * @param warmupTicks               healthy shadow ticks the SNN needs before it may fly
 * @param agreementTicks            consecutive ticks of SNN/PID agreement needed before the SNN may fly
 * @param agreementThrust           largest |thrust difference| (normalized) that counts as agreement
 * @param agreementTiltRad          largest angle between the two thrust directions that counts as agreement, rad
 */
public record SupervisorConfig(long periodNs, int staleStatePeriods, long stateLossNs, long linkTimeoutNs,
                               int saturatedTicksLimit, double outputSaturationLevel, int frozenOutputTicks,
                               long maxSaturationEventsPerTick, double maxTiltRad, double maxSpeedMps,
                               double maxPositionErrorM, long maxMissedTicks, int warmupTicks, int agreementTicks,
                               double agreementThrust, double agreementTiltRad) {

    /** Validates every field; the message names the field, what was expected and what was found. */
    public SupervisorConfig {
        requireRange("periodNs", periodNs, 2_000_000L, 20_000_000L);
        requireRange("staleStatePeriods", staleStatePeriods, 1, 1000);
        requireRange("stateLossNs", stateLossNs, periodNs, 10_000_000_000L);
        requireRange("linkTimeoutNs", linkTimeoutNs, periodNs, 10_000_000_000L);
        requireRange("saturatedTicksLimit", saturatedTicksLimit, 1, 100_000);
        requireRange("outputSaturationLevel", outputSaturationLevel, 1e-3, 1.0);
        requireRange("frozenOutputTicks", frozenOutputTicks, 0, 1_000_000);
        requireRange("maxSaturationEventsPerTick", maxSaturationEventsPerTick, 0, Long.MAX_VALUE);
        requireRange("maxTiltRad", maxTiltRad, 1e-3, Math.PI);
        requireRange("maxSpeedMps", maxSpeedMps, 1e-3, 1000.0);
        requireRange("maxPositionErrorM", maxPositionErrorM, 1e-3, 100_000.0);
        requireRange("maxMissedTicks", maxMissedTicks, 0, 1_000_000);
        requireRange("warmupTicks", warmupTicks, 0, 1_000_000);
        requireRange("agreementTicks", agreementTicks, 1, 1_000_000);
        requireRange("agreementThrust", agreementThrust, 0.0, 1.0);
        requireRange("agreementTiltRad", agreementTiltRad, 0.0, Math.PI);
    }

    /** The control rate, Hz. */
    public double rateHz() {
        return 1e9 / periodNs;
    }

    private static void requireRange(String field, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(String.format(
                    "supervisor config: field '%s' expected an integer in [%d, %d], found %d", field, lo, hi, value));
        }
    }

    private static void requireRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(String.format(
                    "supervisor config: field '%s' expected a finite value in [%s, %s], found %s", field, lo, hi,
                    value));
        }
    }
}
