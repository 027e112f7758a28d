package io.spikepilot.controller.policy;

import io.spikepilot.controller.action.ActionSpace;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy file says about how it must be flown, beyond its tensors: the control rate it was trained at, the
 * observation layout it reads ({@link io.spikepilot.controller.observation.ObservationBuilder#LAYOUT_ID}), the action
 * space it drives and that space's scaling, the airframe, and where it came from. The format fields (version, network
 * kind, neuron model, reset rule, layer sizes) are derived from the network when writing and checked when reading.
 *
 * @param controlRateHz     network steps per second the policy was trained for, finite and in (0, 10000]
 * @param observationLayout observation layout identifier, non-empty
 * @param actionSpace       meaning of the outputs
 * @param actionScaling     how [−1, 1] maps onto the action space, human- and machine-readable, non-empty
 *                          (e.g. {@code "throttle=(a+1)/2"} or the {@code AttitudeLimits} values)
 * @param airframe          airframe identifier the policy was trained on, non-empty
 * @param provenance        command, seed and commit that produced the file
 * @param notes             free-form extra entries, stored as {@code note.<key>} (e.g. a calibration summary)
 */
public record PolicyMetadata(double controlRateHz, String observationLayout, ActionSpace actionSpace,
                             String actionScaling, String airframe, Provenance provenance, Map<String, String> notes) {
    /** Training provenance. {@code commit} is a git revision or "unknown" when not built from a checkout. */
    public record Provenance(String command, long seed, String commit) {
        public Provenance {
            requireText("provenance_command", command);
            requireText("provenance_commit", commit);
        }
    }

    public PolicyMetadata {
        if (!(Double.isFinite(controlRateHz) && controlRateHz > 0 && controlRateHz <= 10_000)) {
            throw new IllegalArgumentException("policy metadata: field 'control_rate_hz' expected a value in (0, 10000],"
                    + " found " + controlRateHz);
        }
        requireText("observation_layout", observationLayout);
        if (actionSpace == null) {
            throw new IllegalArgumentException("policy metadata: field 'action_space' expected a value, found null");
        }
        requireText("action_scaling", actionScaling);
        requireText("airframe", airframe);
        if (provenance == null) {
            throw new IllegalArgumentException("policy metadata: field 'provenance' expected a value, found null");
        }
        notes = Map.copyOf(notes == null ? Map.of() : notes);
    }

    /** The same metadata with one more note. */
    public PolicyMetadata withNote(String key, String value) {
        Map<String, String> n = new TreeMap<>(notes);
        n.put(key, value);
        return new PolicyMetadata(controlRateHz, observationLayout, actionSpace, actionScaling, airframe, provenance, n);
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("policy metadata: field '" + field + "' expected non-empty text, found "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }
}
