package io.spikepilot.bridge.replay;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.supervisor.SupervisorConfig;

/** The flight configuration and policy the log-replay tests re-run flights with: 100 Hz, the PID as the policy. */
final class ReplayRig {
    private static final long MS = 1_000_000L;
    static final AttitudeLimits LIMITS = new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));
    static final FlightConfig CONFIG = new FlightConfig(100, LIMITS, PositionPidGains.px4Defaults(),
            SupervisorConfig.builder(10 * MS).maxTiltRad(0.6).warmupTicks(50).agreementTicks(10)
                    .agreementTiltRad(0.1).build(), 1.0, 0.5, 0.05, 0.2, 0.4, 1024);

    private ReplayRig() {
    }

    static PidPolicy policy() {
        return new PidPolicy(PositionPidGains.px4Defaults(), LIMITS, 0.01, 0.0);
    }
}
