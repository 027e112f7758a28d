package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * What the flight configuration expects of a policy, checked before arming: a policy trained at another rate, reading
 * another observation layout, driving another action space or trained for other attitude limits must not fly.
 *
 * <p>Attitude limits: the decoder maps the network's [−1, 1] outputs through the flight's limits, so a tilt, yaw-rate
 * or thrust range other than the one the policy was trained with scales every command it gives. The hover thrust is
 * not compared: it is the airframe's own, calibrated per vehicle, and the decoder centres on it by design.
 *
 * @param controlRateHz     the loop rate of this flight
 * @param observationLayout the layout the flight's observation builder writes
 * @param actionSpace       the action space the flight decodes
 * @param attitudeLimits    the flight's attitude limits, checked against an {@code attitude} policy's
 *                          {@code action_scaling}; null skips that check
 */
public record FlightExpectation(double controlRateHz, String observationLayout, ActionSpace actionSpace,
                                AttitudeLimits attitudeLimits) {
    /** An expectation without an attitude-limit check. */
    public FlightExpectation(double controlRateHz, String observationLayout, ActionSpace actionSpace) {
        this(controlRateHz, observationLayout, actionSpace, null);
    }

    /** Relative tolerance on the control rate (rates are configured as decimals, e.g. 100 or 250 Hz). */
    public static final double RATE_TOLERANCE = 1e-9;

    /** One field on which policy and flight disagree. */
    public record Mismatch(String field, String expected, String found) {
        @Override
        public String toString() {
            return "field '" + field + "': expected " + expected + " (flight config), found " + found;
        }
    }

    /** Every mismatch between this flight and {@code metadata}; empty when the policy fits. */
    public List<Mismatch> mismatches(PolicyMetadata metadata) {
        List<Mismatch> out = new ArrayList<>();
        if (Math.abs(metadata.controlRateHz() - controlRateHz) > RATE_TOLERANCE * controlRateHz) {
            out.add(new Mismatch("control_rate_hz", controlRateHz + " Hz", metadata.controlRateHz() + " Hz"));
        }
        if (!metadata.observationLayout().equals(observationLayout)) {
            out.add(new Mismatch("observation_layout", "'" + observationLayout + "'",
                    "'" + metadata.observationLayout() + "'"));
        }
        if (metadata.actionSpace() != actionSpace) {
            out.add(new Mismatch("action_space", "'" + actionSpace.id() + "'", "'" + metadata.actionSpace().id() + "'"));
        } else if (attitudeLimits != null && actionSpace == ActionSpace.ATTITUDE) {
            AttitudeLimits trained = AttitudeLimits.parseMetadata(metadata.actionScaling());
            if (trained == null) {
                out.add(new Mismatch("action_scaling", "attitude limits in the form '" + attitudeLimits.toMetadata()
                        + "'", "'" + metadata.actionScaling() + "'"));
            } else if (!sameCommandRange(trained, attitudeLimits)) {
                out.add(new Mismatch("action_scaling", "minThrust, maxThrust, maxTiltRad and maxYawRateRadps of "
                        + attitudeLimits.toMetadata(), "'" + metadata.actionScaling() + "'"));
            }
        }
        return out;
    }

    private static boolean sameCommandRange(AttitudeLimits a, AttitudeLimits b) {
        return close(a.minThrust(), b.minThrust()) && close(a.maxThrust(), b.maxThrust())
                && close(a.maxTiltRad(), b.maxTiltRad()) && close(a.maxYawRateRadps(), b.maxYawRateRadps());
    }

    /** Degrees written with a few decimals in a config become radians that differ in the last bits only. */
    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(1.0, Math.abs(b));
    }

    /**
     * Throws when the policy does not fit this flight, naming the file and the first mismatching field (the others are
     * appended); the pre-flight check calls this and refuses to arm on failure.
     */
    public void require(LoadedPolicy policy) throws PolicyFileException {
        List<Mismatch> m = mismatches(policy.metadata());
        if (!m.isEmpty()) {
            Mismatch first = m.get(0);
            String more = m.size() > 1 ? " (also " + m.subList(1, m.size()) + ")" : "";
            throw new PolicyFileException(policy.source(), first.field(), first.expected() + " (flight config)",
                    first.found() + more);
        }
    }
}
