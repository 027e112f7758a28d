package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.state.AttitudeSetpoint;

/**
 * The loop's {@link AttitudeSetpoint} (NWU/FLU) as a SET_ATTITUDE_TARGET payload (NED/FRD, through {@link Frames}):
 * the one conversion both the live {@link SetpointSender} and a replay that checks logged setpoints use, so the
 * replay's bits are the bits the link would have sent. No allocation.
 *
 * <p>Rates are sent only for the axes the setpoint flags; with all-or-no rates (ArduPilot, which rejects a partial
 * set) a partial set is dropped entirely. Thrust-body (PX4 only) sends thrust as thrust_body (0, 0, -thrust).
 */
public final class SetAttitudeTargetEncoder {
    private final double[] qNwuFlu = new double[4];
    private final double[] qNedFrd = new double[4];
    private final double[] rateFrd = new double[3];
    private volatile boolean allOrNoRates;
    private volatile boolean thrustBody;

    /** ArduPilot takes all three body rates or none. */
    public void setAllOrNoRates(boolean allOrNone) {
        this.allOrNoRates = allOrNone;
    }

    /** PX4 only: thrust as thrust_body with THRUST_BODY_SET instead of collective thrust. */
    public void setThrustBody(boolean useThrustBody) {
        this.thrustBody = useThrustBody;
    }

    /**
     * Writes the payload of {@code setpoint} into {@code payload}; false (nothing written) when the setpoint is not
     * fit to send (non-finite, non-unit quaternion), which the link never sends.
     */
    public boolean write(AttitudeSetpoint setpoint, long timeBootMs, int targetSystem, int targetComponent,
                         byte[] payload) {
        if (!setpoint.isValid(1e-3)) {
            return false;
        }
        System.arraycopy(setpoint.attitudeNwuFlu, 0, qNwuFlu, 0, 4);
        Frames.quaternionNwuFluToNedFrd(qNwuFlu, qNedFrd);
        Frames.fluToFrd(setpoint.bodyRateFluRadps, rateFrd);
        int mask = 0;
        boolean roll = setpoint.useRollRate;
        boolean pitch = setpoint.usePitchRate;
        boolean yaw = setpoint.useYawRate;
        if (allOrNoRates && !(roll && pitch && yaw)) {
            roll = false;
            pitch = false;
            yaw = false;
        }
        if (!roll) {
            mask |= SetAttitudeTargetMessage.IGNORE_ROLL_RATE;
        }
        if (!pitch) {
            mask |= SetAttitudeTargetMessage.IGNORE_PITCH_RATE;
        }
        if (!yaw) {
            mask |= SetAttitudeTargetMessage.IGNORE_YAW_RATE;
        }
        float thrust = (float) Math.max(0.0, Math.min(1.0, setpoint.thrustNormalized));
        float thrustBodyZ = 0f;
        if (thrustBody) {
            mask |= SetAttitudeTargetMessage.THRUST_BODY_SET;
            thrustBodyZ = -thrust;
        }
        SetAttitudeTargetMessage.write(payload, timeBootMs, targetSystem, targetComponent, mask,
                (float) qNedFrd[0], (float) qNedFrd[1], (float) qNedFrd[2], (float) qNedFrd[3],
                roll ? (float) rateFrd[0] : 0f, pitch ? (float) rateFrd[1] : 0f, yaw ? (float) rateFrd[2] : 0f,
                thrust, 0f, 0f, thrustBodyZ);
        return true;
    }
}
