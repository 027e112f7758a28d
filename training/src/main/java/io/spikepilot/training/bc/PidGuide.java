package io.spikepilot.training.bc;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;

/**
 * The guide in the {@code attitude} action space: the controller's {@link PidPolicy} (the same position PID that is
 * the on-board fallback), one per environment, reading the truth part of the privileged observation and holding
 * yaw 0 at the origin.
 */
public final class PidGuide implements Guide {
    private final PidPolicy[] pids;

    public PidGuide(int environments, PositionPidGains gains, AttitudeLimits limits, double periodS) {
        pids = new PidPolicy[environments];
        for (int i = 0; i < environments; i++) {
            pids[i] = new PidPolicy(gains, limits, periodS, 0.0);
        }
    }

    @Override
    public void reset(int env) {
        pids[env].reset();
    }

    @Override
    public void act(int env, float[] privileged, int privilegedOffset, float[] action, int actionOffset) {
        pids[env].step(privileged, privilegedOffset, action, actionOffset);
    }
}
