package io.spikepilot.flight;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.snn.FlightExpectation;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.PolicyFile;
import java.nio.file.Path;
import java.util.List;

/**
 * The policy a flight uses: a policy file checked against the flight config (control rate, observation layout,
 * {@code attitude} action space), or {@code pid}, the position PID behind the policy interface (to exercise the whole
 * loop before a network exists). Each {@link #newInstance()} is a fresh runtime with zeroed membranes.
 */
public final class FlyPolicy {
    private final LoadedPolicy loaded;
    private final FlightConfig flight;

    private FlyPolicy(LoadedPolicy loaded, FlightConfig flight) {
        this.loaded = loaded;
        this.flight = flight;
    }

    /**
     * @param spec {@code pid} or a policy file path
     * @throws PreflightException when the file does not fit the flight (every mismatching field is listed)
     * @throws Exception          when the file cannot be read or is corrupt (the message names file and field)
     */
    public static FlyPolicy load(String spec, FlightConfig flight) throws Exception {
        if (spec.equals("pid")) {
            return new FlyPolicy(null, flight);
        }
        return of(PolicyFile.load(Path.of(spec)), flight);
    }

    /**
     * A policy already read (e.g. from the jar), checked against the flight config.
     *
     * @throws PreflightException when it does not fit the flight (every mismatching field is listed)
     */
    public static FlyPolicy of(LoadedPolicy loaded, FlightConfig flight) throws PreflightException {
        List<FlightExpectation.Mismatch> mismatches = new FlightExpectation(flight.rateHz(),
                ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE, flight.limits()).mismatches(loaded.metadata());
        if (!mismatches.isEmpty()) {
            throw new PreflightException("policy " + loaded.source() + " does not fit this flight: " + mismatches);
        }
        return new FlyPolicy(loaded, flight);
    }

    public Policy newInstance() {
        return loaded == null
                ? new PidPolicy(flight.gains(), flight.limits(), flight.periodS(), 0.0)
                : loaded.newPolicy();
    }

    public boolean matchesConfig() {
        return true;
    }

    /** {@code pid}, or {@code sha256:<hex>} of the policy file: what a trace records as the policy flown. */
    public String identity() {
        return loaded == null ? "pid" : "sha256:" + loaded.sha256();
    }

    public String describe() {
        return loaded == null ? "pid (position PID behind the policy interface)" : loaded.describe();
    }
}
