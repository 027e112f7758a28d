package io.spikepilot.training.bc;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.observation.ObservedState;
import io.spikepilot.controller.pid.PositionPid;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.autopilot.InnerLoop;
import io.spikepilot.simulator.dynamics.Quadrotor;

/**
 * The guide in the {@code motors} action space: the controller's position PID produces an attitude setpoint, and the
 * simulator's PX4-like inner loop (attitude P → rate PID → mixer) turns it into four throttles, a = 2u − 1. Both read
 * the noise-free truth part of the privileged observation. The inner loop runs once per control step and is built
 * for that rate, as {@code QuadrotorEnv.motorActionFor} builds its own: its rate derivative and integrator use the
 * control period. (Built for the airframe's 500 Hz instead, the derivative of a 10 ms rate change was divided by
 * 2 ms, i.e. five times too much damping against the Crazyflie's 72 ms motor lag, and the integrator ran five times
 * too slowly: with {@link GuideGains#STIFF} that alone cost 7 of 20 evaluation episodes instead of 2.)
 */
public final class InnerLoopGuide implements Guide {
    private final PositionPid[] pids;
    private final InnerLoop[] loops;
    private final ObservedState observed = new ObservedState();
    private final double[] quadState = new double[Quadrotor.STATE_SIZE];
    private final double[] throttle = new double[4];
    private final AttitudeSetpoint setpoint = new AttitudeSetpoint();
    private static final double[] ORIGIN = {0, 0, 0};

    public InnerLoopGuide(int environments, Airframe airframe, PositionPidGains gains, AttitudeLimits limits,
            double periodS) {
        pids = new PositionPid[environments];
        loops = new InnerLoop[environments];
        for (int i = 0; i < environments; i++) {
            pids[i] = new PositionPid(gains, limits, periodS);
            loops[i] = new InnerLoop(airframe, 1.0 / periodS);
        }
    }

    @Override
    public void reset(int env) {
        pids[env].reset();
        loops[env].reset();
    }

    @Override
    public void act(int env, float[] privileged, int offset, float[] action, int actionOffset) {
        VehicleState state = observed.read(privileged, offset);
        pids[env].compute(state, ORIGIN, 0.0, setpoint);
        for (int i = 0; i < 3; i++) {
            quadState[Quadrotor.P + i] = state.positionNwuM[i];
            quadState[Quadrotor.V + i] = state.velocityNwuMps[i];
            quadState[Quadrotor.W + i] = state.bodyRateFluRadps[i];
        }
        for (int i = 0; i < 4; i++) {
            quadState[Quadrotor.Q + i] = state.attitudeNwuFlu[i];
        }
        loops[env].update(quadState, setpoint.thrustNormalized, setpoint.attitudeNwuFlu,
                setpoint.bodyRateFluRadps[2], 0.0, 0.0, throttle);
        for (int i = 0; i < 4; i++) {
            action[actionOffset + i] = (float) (2.0 * throttle[i] - 1.0);
        }
    }
}
