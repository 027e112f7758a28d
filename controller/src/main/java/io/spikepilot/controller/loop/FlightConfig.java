package io.spikepilot.controller.loop;

import io.spikepilot.controller.time.ControlRate;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.supervisor.SupervisorConfig;

/**
 * Everything the flight loop needs to know, validated once. {@code flight.yaml} maps onto this one to one.
 *
 * @param rateHz             control rate, Hz, as {@link ControlRate} accepts it (50-500); the period is
 *                           {@code round(1e9 / rateHz)} ns
 * @param limits             thrust, tilt and yaw-rate limits of the attitude action space and of the PID
 * @param gains              position PID gains
 * @param supervisor         watchdog thresholds; its period must equal this config's period
 * @param takeoffHeightM     the hover target above the take-off point, m
 * @param landSpeedMps       descent speed of a PID-guided landing, m/s
 * @param landedHeightM      height above the take-off ground within which the vehicle counts as landed, m
 * @param landedSpeedMps     speed below which the vehicle counts as landed, m/s
 * @param openLoopLandThrust normalized thrust of a level open-loop descent when no state can be trusted, in
 *                           [minThrust, hoverThrust)
 * @param ringCapacity       tick-record ring slots, a power of two (at least 2 s of ticks is a sensible size)
 */
public record FlightConfig(double rateHz, AttitudeLimits limits, PositionPidGains gains, SupervisorConfig supervisor,
                           double takeoffHeightM, double landSpeedMps, double landedHeightM, double landedSpeedMps,
                           double openLoopLandThrust, int ringCapacity) {
    /** Quaternion norm tolerance for a valid state; ArduPilot rejects attitude targets outside ±1e-3 too. */
    public static final double QUATERNION_TOLERANCE = 1e-3;

    /** Validates every field; the message names the field, what was expected and what was found. */
    public FlightConfig {
        ControlRate.ofHz("flight config: field 'rateHz'", rateHz);
        if (limits == null || gains == null || supervisor == null) {
            throw new IllegalArgumentException("flight config: limits, gains and supervisor are all required, found "
                    + (limits == null ? "no limits" : gains == null ? "no gains" : "no supervisor"));
        }
        long periodNs = ControlRate.periodNsOf(rateHz);
        if (supervisor.periodNs() != periodNs) {
            throw new IllegalArgumentException(String.format(
                    "flight config: supervisor period expected %d ns (rate %s Hz), found %d ns",
                    periodNs, rateHz, supervisor.periodNs()));
        }
        range("takeoffHeightM", takeoffHeightM, 0.1, 100);
        range("landSpeedMps", landSpeedMps, 0.05, 5);
        range("landedHeightM", landedHeightM, 0.0, 5);
        range("landedSpeedMps", landedSpeedMps, 0.01, 5);
        range("openLoopLandThrust", openLoopLandThrust, limits.minThrust(), limits.hoverThrust() - 1e-9);
        if (ringCapacity < 2 || ringCapacity > (1 << 20) || Integer.bitCount(ringCapacity) != 1) {
            throw new IllegalArgumentException(
                    "flight config: field 'ringCapacity' expected a power of two in [2, 1048576], found "
                            + ringCapacity);
        }
    }

    /** The control period, ns. */
    public long periodNs() {
        return ControlRate.periodNsOf(rateHz);
    }

    /** The control period, s. */
    public double periodS() {
        return periodNs() * 1e-9;
    }

    private static void range(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(String.format(
                    "flight config: field '%s' expected a value in [%s, %s], found %s", field, lo, hi, value));
        }
    }
}
