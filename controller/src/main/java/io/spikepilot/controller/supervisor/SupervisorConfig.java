package io.spikepilot.controller.supervisor;

import io.spikepilot.controller.time.ControlRate;

/**
 * Thresholds of the watchdog. All validated at construction; every one is a named entry of {@code flight.yaml}.
 *
 * @param periodNs                  control period, ns, as {@link ControlRate} accepts it (2-20 ms)
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
        requireRange("periodNs", periodNs, ControlRate.MIN_PERIOD_NS, ControlRate.MAX_PERIOD_NS);
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

    /**
     * A config for {@code periodNs} that starts from the shipped {@code src/config/flight.yaml}'s supervisor section
     * (checked against it by a test), so a caller names only what differs: sixteen positional numbers are easy to
     * get out of order.
     */
    public static Builder builder(long periodNs) {
        return new Builder(periodNs);
    }

    /** Named construction of a {@link SupervisorConfig}; {@link #build()} validates every field. */
    public static final class Builder {
        private final long periodNs;
        private int staleStatePeriods = 3;
        private long stateLossNs = 500_000_000L;
        private long linkTimeoutNs = 1_000_000_000L;
        private int saturatedTicksLimit = 5;
        private double outputSaturationLevel = 0.99;
        private int frozenOutputTicks = 50;
        private long maxSaturationEventsPerTick = 0;
        private double maxTiltRad = Math.toRadians(45);
        private double maxSpeedMps = 5.0;
        private double maxPositionErrorM = 3.0;
        private long maxMissedTicks = 2;
        private int warmupTicks = 100;
        private int agreementTicks = 25;
        private double agreementThrust = 0.05;
        private double agreementTiltRad = Math.toRadians(6);

        private Builder(long periodNs) {
            this.periodNs = periodNs;
        }

        public Builder staleStatePeriods(int v) {
            staleStatePeriods = v;
            return this;
        }

        public Builder stateLossNs(long v) {
            stateLossNs = v;
            return this;
        }

        public Builder linkTimeoutNs(long v) {
            linkTimeoutNs = v;
            return this;
        }

        public Builder saturatedTicksLimit(int v) {
            saturatedTicksLimit = v;
            return this;
        }

        public Builder outputSaturationLevel(double v) {
            outputSaturationLevel = v;
            return this;
        }

        public Builder frozenOutputTicks(int v) {
            frozenOutputTicks = v;
            return this;
        }

        public Builder maxSaturationEventsPerTick(long v) {
            maxSaturationEventsPerTick = v;
            return this;
        }

        public Builder maxTiltRad(double v) {
            maxTiltRad = v;
            return this;
        }

        public Builder maxSpeedMps(double v) {
            maxSpeedMps = v;
            return this;
        }

        public Builder maxPositionErrorM(double v) {
            maxPositionErrorM = v;
            return this;
        }

        public Builder maxMissedTicks(long v) {
            maxMissedTicks = v;
            return this;
        }

        public Builder warmupTicks(int v) {
            warmupTicks = v;
            return this;
        }

        public Builder agreementTicks(int v) {
            agreementTicks = v;
            return this;
        }

        public Builder agreementThrust(double v) {
            agreementThrust = v;
            return this;
        }

        public Builder agreementTiltRad(double v) {
            agreementTiltRad = v;
            return this;
        }

        public SupervisorConfig build() {
            return new SupervisorConfig(periodNs, staleStatePeriods, stateLossNs, linkTimeoutNs, saturatedTicksLimit,
                    outputSaturationLevel, frozenOutputTicks, maxSaturationEventsPerTick, maxTiltRad, maxSpeedMps,
                    maxPositionErrorM, maxMissedTicks, warmupTicks, agreementTicks, agreementThrust,
                    agreementTiltRad);
        }
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
