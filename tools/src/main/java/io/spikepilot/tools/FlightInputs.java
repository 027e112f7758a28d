package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.cli.OptionChecks;
import java.nio.file.Path;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/**
 * Loads the flight configuration and the policy that {@code fly}, {@code demo} and {@code replay} take as options,
 * with one rule for all three: a file that cannot be used is bad input naming the option (exit 2); a policy that does
 * not fit the configuration (rate, observation layout, action space, command ranges) is a refusal to arm (exit 3).
 */
final class FlightInputs {
    private FlightInputs() {
    }

    /** The configuration file behind {@code option}. */
    static FlightSettings settings(OptionChecks check, String option, Path file) {
        try {
            return FlightConfigFile.load(file);
        } catch (IllegalArgumentException e) {
            throw check.bad(option + ": " + e.getMessage());
        }
    }

    /**
     * What a recorded flight is re-run with ({@code replay}, {@code analyze bits}): {@code --trace} and {@code
     * --config} readable, the {@code --policy} ({@code pid} or a readable file) loaded and checked against the config.
     *
     * @throws PreflightException when the policy does not fit the flight
     */
    static Recorded recorded(OptionChecks check, Path trace, Path config, String policy) throws PreflightException {
        check.readableFile("--trace", trace);
        return recorded(check, config, policy);
    }

    /** As {@link #recorded(OptionChecks, Path, Path, String)} for a flight given as a log other than a trace. */
    static Recorded recorded(OptionChecks check, Path config, String policy) throws PreflightException {
        check.readableFile("--config", config);
        if (!policy.equals("pid")) {
            check.readableFile("--policy", Path.of(policy));
        }
        FlightSettings settings = settings(check, "--config", config);
        // a policy that does not fit the configuration is refused as fly refuses it (exit 3)
        return new Recorded(settings.flight(), policy(check, "--policy", policy, settings));
    }

    /** The flight configuration and the policy a recorded flight is re-run with. */
    record Recorded(FlightConfig flight, FlyPolicy policy) {
    }

    /**
     * The policy behind {@code option} ({@code pid} or a file), checked against {@code settings}.
     *
     * @throws PreflightException when it does not fit the flight
     */
    static FlyPolicy policy(OptionChecks check, String option, String spec, FlightSettings settings)
            throws PreflightException {
        try {
            return FlyPolicy.load(spec, settings.flight());
        } catch (PreflightException e) {
            throw e;
        } catch (Exception e) {
            throw check.bad(option + ": " + CliErrors.describe(e));
        }
    }
}
