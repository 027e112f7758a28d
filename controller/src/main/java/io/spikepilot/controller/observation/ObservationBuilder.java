package io.spikepilot.controller.observation;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.VehicleState;

/**
 * Writes the paper's 18 observation values (paper-spec §1.2), raw and unnormalized, as float32:
 *
 * <pre>
 *  0..2   position − target, NWU world, m
 *  3..11  rotation matrix R(q) body→world, row-major
 * 12..14  linear velocity, NWU world, m/s
 * 15..17  angular velocity, FLU body, rad/s
 * </pre>
 *
 * <p>The privileged observation (paper-spec §1.3) appends an action history of {@value #HISTORY_STEPS} steps × 4
 * actions, oldest first, for 146 values in all.
 *
 * <p>Stateless and allocation-free; all methods are static.
 */
public final class ObservationBuilder {
    /** Number of values the SNN actor receives. */
    public static final int SIZE = 18;
    /** Steps of action history in the privileged observation. */
    public static final int HISTORY_STEPS = 32;
    /** Actions per step. */
    public static final int ACTION_SIZE = 4;
    /** Number of values in the privileged observation (guide and critics). */
    public static final int PRIVILEGED_SIZE = SIZE + HISTORY_STEPS * ACTION_SIZE;

    /** Offset of the position error block. */
    public static final int POSITION = 0;
    /** Offset of the rotation matrix block. */
    public static final int ROTATION = 3;
    /** Offset of the linear velocity block. */
    public static final int VELOCITY = 12;
    /** Offset of the angular velocity block. */
    public static final int ANGULAR_VELOCITY = 15;

    /** Names of the 18 inputs in order, for metadata, traces and plots. */
    public static final String[] NAMES = {
        "pos_err_x_m", "pos_err_y_m", "pos_err_z_m",
        "r00", "r01", "r02", "r10", "r11", "r12", "r20", "r21", "r22",
        "vel_x_mps", "vel_y_mps", "vel_z_mps",
        "rate_x_radps", "rate_y_radps", "rate_z_radps"};

    /** The layout identifier stored in policy metadata; a policy with another layout must not fly. */
    public static final String LAYOUT_ID = "pos_err_nwu,rotmat_rowmajor_nwu_flu,vel_nwu,rate_flu;v1";

    private ObservationBuilder() {
    }

    /**
     * Writes the 18 observation values of {@code state} relative to {@code targetNwuM} into
     * {@code out[offset..offset+17]}.
     */
    public static void write(VehicleState state, double[] targetNwuM, float[] out, int offset) {
        double[] p = state.positionNwuM;
        double[] q = state.attitudeNwuFlu;
        double[] v = state.velocityNwuMps;
        double[] w = state.bodyRateFluRadps;
        write(p[0] - targetNwuM[0], p[1] - targetNwuM[1], p[2] - targetNwuM[2],
                q[0], q[1], q[2], q[3], v[0], v[1], v[2], w[0], w[1], w[2], out, offset);
    }

    /**
     * Writes the 18 observation values from scalars: position error (NWU, m), attitude quaternion (w, x, y, z;
     * FLU→NWU), velocity (NWU, m/s) and body rates (FLU, rad/s). The simulator's batched environments call this
     * form directly on their state arrays. The rotation matrix is the formula of
     * {@link Quaternions#toRotationMatrix}, computed in double and rounded once to float.
     */
    public static void write(double ex, double ey, double ez,
                             double qw, double qx, double qy, double qz,
                             double vx, double vy, double vz,
                             double wx, double wy, double wz,
                             float[] out, int offset) {
        out[offset] = (float) ex;
        out[offset + 1] = (float) ey;
        out[offset + 2] = (float) ez;
        int r = offset + ROTATION;
        out[r] = (float) (1 - 2 * qy * qy - 2 * qz * qz);
        out[r + 1] = (float) (2 * qx * qy - 2 * qw * qz);
        out[r + 2] = (float) (2 * qx * qz + 2 * qw * qy);
        out[r + 3] = (float) (2 * qx * qy + 2 * qw * qz);
        out[r + 4] = (float) (1 - 2 * qx * qx - 2 * qz * qz);
        out[r + 5] = (float) (2 * qy * qz - 2 * qw * qx);
        out[r + 6] = (float) (2 * qx * qz - 2 * qw * qy);
        out[r + 7] = (float) (2 * qy * qz + 2 * qw * qx);
        out[r + 8] = (float) (1 - 2 * qx * qx - 2 * qy * qy);
        out[offset + VELOCITY] = (float) vx;
        out[offset + VELOCITY + 1] = (float) vy;
        out[offset + VELOCITY + 2] = (float) vz;
        out[offset + ANGULAR_VELOCITY] = (float) wx;
        out[offset + ANGULAR_VELOCITY + 1] = (float) wy;
        out[offset + ANGULAR_VELOCITY + 2] = (float) wz;
    }

    /**
     * Copies an action history into the privileged tail: {@code history} holds {@value #HISTORY_STEPS} × 4 values
     * in a ring whose oldest step starts at {@code oldestStep}; they are written oldest first after the 18 values
     * already at {@code out[offset..offset+17]}.
     */
    public static void writeActionHistory(float[] history, int oldestStep, float[] out, int offset) {
        int dst = offset + SIZE;
        int firstChunk = (HISTORY_STEPS - oldestStep) * ACTION_SIZE;
        System.arraycopy(history, oldestStep * ACTION_SIZE, out, dst, firstChunk);
        System.arraycopy(history, 0, out, dst + firstChunk, oldestStep * ACTION_SIZE);
    }
}
