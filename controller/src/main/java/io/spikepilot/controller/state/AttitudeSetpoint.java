package io.spikepilot.controller.state;

import io.spikepilot.controller.math.Quaternions;

/**
 * What the controller asks of the autopilot each tick: normalized collective thrust and a body attitude, with
 * optional body-rate feed-forward. This is the content of MAVLink SET_ATTITUDE_TARGET, kept in the controller's
 * frames (NWU world, FLU body); the bridge converts to NED/FRD when it encodes.
 *
 * <p>Thrust has PX4's meaning: normalized collective thrust in [0, 1], where the airframe hovers at its calibrated
 * hover value (PX4's MPC_THR_HOVER).
 */
public final class AttitudeSetpoint {
    /** Normalized collective thrust, 0..1. */
    public double thrustNormalized;
    /** Desired attitude quaternion (w, x, y, z), FLU body → NWU world. */
    public final double[] attitudeNwuFlu = {1, 0, 0, 0};
    /** Body-rate feed-forward in FLU, rad/s; each axis is used only when its flag is set. */
    public final double[] bodyRateFluRadps = new double[3];
    /** Whether the roll-rate feed-forward is meaningful (otherwise the autopilot ignores it). */
    public boolean useRollRate;
    /** Whether the pitch-rate feed-forward is meaningful. */
    public boolean usePitchRate;
    /** Whether the yaw-rate feed-forward is meaningful. */
    public boolean useYawRate;

    /** Copies every field of {@code other} into this setpoint. */
    public void copyFrom(AttitudeSetpoint other) {
        thrustNormalized = other.thrustNormalized;
        System.arraycopy(other.attitudeNwuFlu, 0, attitudeNwuFlu, 0, 4);
        System.arraycopy(other.bodyRateFluRadps, 0, bodyRateFluRadps, 0, 3);
        useRollRate = other.useRollRate;
        usePitchRate = other.usePitchRate;
        useYawRate = other.useYawRate;
    }

    /** Level attitude, zero rates, the given thrust. */
    public void setLevel(double thrustNormalized) {
        this.thrustNormalized = thrustNormalized;
        Quaternions.identity(attitudeNwuFlu);
        bodyRateFluRadps[0] = 0;
        bodyRateFluRadps[1] = 0;
        bodyRateFluRadps[2] = 0;
        useRollRate = false;
        usePitchRate = false;
        useYawRate = false;
    }

    /** True when thrust and attitude are finite and the quaternion is unit within {@code quatTolerance}. */
    public boolean isValid(double quatTolerance) {
        if (!Double.isFinite(thrustNormalized)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(bodyRateFluRadps[i])) {
                return false;
            }
        }
        return Quaternions.isUnit(attitudeNwuFlu, quatTolerance);
    }

    @Override
    public String toString() {
        return String.format("AttitudeSetpoint{thrust=%.4f, qNwuFlu=[%.4f, %.4f, %.4f, %.4f], "
                        + "rateFlu=[%.3f, %.3f, %.3f] rad/s (use %b/%b/%b)}",
                thrustNormalized, attitudeNwuFlu[0], attitudeNwuFlu[1], attitudeNwuFlu[2], attitudeNwuFlu[3],
                bodyRateFluRadps[0], bodyRateFluRadps[1], bodyRateFluRadps[2], useRollRate, usePitchRate, useYawRate);
    }
}
