package io.spikepilot.controller.pid;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.observation.ObservedState;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;

/**
 * The position PID behind the {@link Policy} interface, in the {@code attitude} action space: it reads the same 18
 * observations a network reads (position error, rotation matrix, velocity, body rates) and writes the action that
 * {@link ActionDecoder#decodeAttitude} turns back into its own setpoint. It is the guide as a policy: a reference to
 * compare networks against, and a policy the whole loop can fly with before any network exists.
 *
 * <p>The observation holds no target yaw, so the yaw held is fixed at construction.
 */
public final class PidPolicy implements Policy {
    private static final double[] ORIGIN = {0, 0, 0};

    private final PositionPid pid;
    private final AttitudeLimits limits;
    private final double targetYawNwuRad;
    private final ObservedState observed = new ObservedState();
    private final AttitudeSetpoint setpoint = new AttitudeSetpoint();

    /**
     * @param gains           PID gains
     * @param limits          the action space's limits (also the PID's)
     * @param periodS         control period, s
     * @param targetYawNwuRad heading to hold, rad
     */
    public PidPolicy(PositionPidGains gains, AttitudeLimits limits, double periodS, double targetYawNwuRad) {
        this.pid = new PositionPid(gains, limits, periodS);
        this.limits = limits;
        if (!Double.isFinite(targetYawNwuRad)) {
            throw new IllegalArgumentException("PID policy: target yaw expected a finite angle, found "
                    + targetYawNwuRad);
        }
        this.targetYawNwuRad = targetYawNwuRad;
    }

    @Override
    public int observationSize() {
        return ObservationBuilder.SIZE;
    }

    @Override
    public int actionSize() {
        return ObservationBuilder.ACTION_SIZE;
    }

    @Override
    public void reset() {
        pid.reset();
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        // the position is the error p − target, flown towards a target at the origin
        VehicleState state = observed.read(observation, observationOffset);
        pid.compute(state, ORIGIN, targetYawNwuRad, setpoint);
        encode(setpoint, limits, action, actionOffset);
    }

    /**
     * Writes the action in [−1, 1]⁴ that {@link ActionDecoder#decodeAttitude} maps back onto {@code setpoint}
     * (thrust, roll and pitch of its Z-Y-X decomposition, yaw-rate feed-forward). Exact for setpoints inside the
     * limits, which every {@link PositionPid} output is.
     */
    public static void encode(AttitudeSetpoint setpoint, AttitudeLimits limits, float[] action, int offset) {
        double[] q = setpoint.attitudeNwuFlu;
        action[offset] = (float) ActionDecoder.actionOfThrust(setpoint.thrustNormalized, limits);
        action[offset + 1] = (float) ActionDecoder.sanitize(Quaternions.roll(q) / limits.maxTiltRad());
        action[offset + 2] = (float) ActionDecoder.sanitize(Quaternions.pitch(q) / limits.maxTiltRad());
        action[offset + 3] = (float) ActionDecoder.sanitize(setpoint.bodyRateFluRadps[2] / limits.maxYawRateRadps());
    }
}
