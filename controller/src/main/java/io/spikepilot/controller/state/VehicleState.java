package io.spikepilot.controller.state;

import io.spikepilot.controller.math.Quaternions;

/**
 * The vehicle's state estimate in the controller's frames: NWU world, FLU body.
 *
 * <p>A mutable holder, preallocated once and overwritten in place so that the tick never allocates. The arrays are
 * final and exposed directly for speed; treat them as the fields of a struct.
 */
public final class VehicleState {
    /** Time of validity of the estimate, ns on the clock the loop is driven by (monotonic or simulated). */
    public long timeNs;
    /** Position of the body origin in the NWU world frame, m. */
    public final double[] positionNwuM = new double[3];
    /** Velocity of the body origin in the NWU world frame, m/s. */
    public final double[] velocityNwuMps = new double[3];
    /** Attitude quaternion (w, x, y, z) rotating FLU body vectors into the NWU world frame. */
    public final double[] attitudeNwuFlu = {1, 0, 0, 0};
    /** Angular velocity of the body in the FLU body frame, rad/s. */
    public final double[] bodyRateFluRadps = new double[3];

    /** Copies every field of {@code other} into this state. */
    public void copyFrom(VehicleState other) {
        timeNs = other.timeNs;
        System.arraycopy(other.positionNwuM, 0, positionNwuM, 0, 3);
        System.arraycopy(other.velocityNwuMps, 0, velocityNwuMps, 0, 3);
        System.arraycopy(other.attitudeNwuFlu, 0, attitudeNwuFlu, 0, 4);
        System.arraycopy(other.bodyRateFluRadps, 0, bodyRateFluRadps, 0, 3);
    }

    /** Resets to rest at the origin, level, at time {@code timeNs}. */
    public void resetAtRest(long timeNs) {
        this.timeNs = timeNs;
        for (int i = 0; i < 3; i++) {
            positionNwuM[i] = 0;
            velocityNwuMps[i] = 0;
            bodyRateFluRadps[i] = 0;
        }
        Quaternions.identity(attitudeNwuFlu);
    }

    /**
     * True when every number is finite and the attitude quaternion has unit norm within {@code quatTolerance}.
     * The supervisor treats anything else as an invalid estimate.
     */
    public boolean isValid(double quatTolerance) {
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(positionNwuM[i]) || !Double.isFinite(velocityNwuMps[i])
                    || !Double.isFinite(bodyRateFluRadps[i])) {
                return false;
            }
        }
        return Quaternions.isUnit(attitudeNwuFlu, quatTolerance);
    }

    @Override
    public String toString() {
        return String.format("VehicleState{t=%dns, pNwu=[%.3f, %.3f, %.3f] m, vNwu=[%.3f, %.3f, %.3f] m/s, "
                        + "qNwuFlu=[%.4f, %.4f, %.4f, %.4f], wFlu=[%.3f, %.3f, %.3f] rad/s}",
                timeNs, positionNwuM[0], positionNwuM[1], positionNwuM[2],
                velocityNwuMps[0], velocityNwuMps[1], velocityNwuMps[2],
                attitudeNwuFlu[0], attitudeNwuFlu[1], attitudeNwuFlu[2], attitudeNwuFlu[3],
                bodyRateFluRadps[0], bodyRateFluRadps[1], bodyRateFluRadps[2]);
    }
}
