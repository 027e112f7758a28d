package io.spikepilot.simulator.check;

/**
 * One line of the physics check.
 *
 * @param check     what was measured
 * @param airframe  on which airframe
 * @param measured  the measured value, formatted with units
 * @param expected  what physics or the paper predicts, formatted with units and source
 * @param passed    whether the measurement agrees with the expectation (always true for throughput lines)
 */
public record CheckResult(String check, String airframe, String measured, String expected, boolean passed) {
}
