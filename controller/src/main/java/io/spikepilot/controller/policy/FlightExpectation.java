package io.spikepilot.controller.policy;

import io.spikepilot.controller.action.ActionSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * What the flight configuration expects of a policy, checked before arming: a policy trained at another rate, reading
 * another observation layout or driving another action space must not fly.
 *
 * @param controlRateHz     the loop rate of this flight
 * @param observationLayout the layout the flight's observation builder writes
 * @param actionSpace       the action space the flight decodes
 */
public record FlightExpectation(double controlRateHz, String observationLayout, ActionSpace actionSpace) {
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
        }
        return out;
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
