package io.spikepilot.training.bc;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.simulator.env.EnvConfig;

/** Builds the PID guide of an environment's action space. */
public final class Guides {
    private Guides() {
    }

    /**
     * The position PID through the simulator's inner loop for {@code motors}, the PID's attitude setpoint itself for
     * {@code attitude} (there within the action space's envelope; in {@code motors} within the gain set's own
     * limits, since the setpoint never passes the action decoder); one independent controller per environment.
     */
    public static Guide pid(EnvConfig env, GuideGains gains, int environments) {
        double periodS = 1.0 / env.controlRateHz();
        return env.actionSpace() == ActionSpace.MOTORS
                ? new InnerLoopGuide(environments, env.airframe(), gains.gains(),
                        gains.motorsLimits(env.attitudeLimits()), periodS)
                : new PidGuide(environments, gains.gains(), env.attitudeLimits(), periodS);
    }
}
