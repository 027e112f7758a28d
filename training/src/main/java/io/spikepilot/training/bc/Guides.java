package io.spikepilot.training.bc;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.simulator.env.EnvConfig;

/** Builds the PID guide of an environment's action space. */
public final class Guides {
    private Guides() {
    }

    /**
     * The position PID through the simulator's inner loop for {@code motors}, the PID's attitude setpoint itself for
     * {@code attitude}; one independent controller per environment.
     */
    public static Guide pid(EnvConfig env, PositionPidGains gains, int environments) {
        double periodS = 1.0 / env.controlRateHz();
        return env.actionSpace() == ActionSpace.MOTORS
                ? new InnerLoopGuide(environments, env.airframe(), gains, env.attitudeLimits(), periodS)
                : new PidGuide(environments, gains, env.attitudeLimits(), periodS);
    }
}
