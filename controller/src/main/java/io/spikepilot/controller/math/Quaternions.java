package io.spikepilot.controller.math;

/**
 * Hamilton quaternions in (w, x, y, z) order stored in {@code double[]} at an offset.
 *
 * <p>All operations are static, write into a destination array and tolerate the destination aliasing an input,
 * so they can be used on the control tick without allocating.
 *
 * <p>Trigonometry goes through {@link StrictMath} (fdlibm), never {@link Math}: {@code Math.sin}/{@code cos}/...
 * may be replaced by a platform's intrinsic that differs in the last bit (x86 and ARM do differ), and these
 * functions are on the control tick, which a flight-log replay must reproduce to the bit on any machine.
 * Square roots and the four operations are IEEE correctly rounded, so {@code Math.sqrt} is reproducible as it is.
 */
public final class Quaternions {
    /** Index of the scalar part. */
    public static final int W = 0;
    /** Index of the x part. */
    public static final int X = 1;
    /** Index of the y part. */
    public static final int Y = 2;
    /** Index of the z part. */
    public static final int Z = 3;

    private Quaternions() {
    }

    /** Writes the identity rotation. */
    public static void identity(double[] q) {
        q[W] = 1.0;
        q[X] = 0.0;
        q[Y] = 0.0;
        q[Z] = 0.0;
    }

    /** Sets {@code q} to (w, x, y, z). */
    public static void set(double[] q, double w, double x, double y, double z) {
        q[W] = w;
        q[X] = x;
        q[Y] = y;
        q[Z] = z;
    }

    /** Euclidean norm of a quaternion. */
    public static double norm(double[] q) {
        return Math.sqrt(q[W] * q[W] + q[X] * q[X] + q[Y] * q[Y] + q[Z] * q[Z]);
    }

    /**
     * Scales {@code q} to unit length in place. A zero or non-finite quaternion becomes the identity and the method
     * returns {@code false} so the caller can flag it; this never throws.
     */
    public static boolean normalize(double[] q) {
        double n = norm(q);
        if (!(n > 1e-12) || !Double.isFinite(n)) {
            identity(q);
            return false;
        }
        double inv = 1.0 / n;
        q[W] *= inv;
        q[X] *= inv;
        q[Y] *= inv;
        q[Z] *= inv;
        return true;
    }

    /** out = a ⊗ b (apply b first, then a). {@code out} may alias {@code a} or {@code b}. */
    public static void multiply(double[] a, double[] b, double[] out) {
        double w = a[W] * b[W] - a[X] * b[X] - a[Y] * b[Y] - a[Z] * b[Z];
        double x = a[W] * b[X] + a[X] * b[W] + a[Y] * b[Z] - a[Z] * b[Y];
        double y = a[W] * b[Y] - a[X] * b[Z] + a[Y] * b[W] + a[Z] * b[X];
        double z = a[W] * b[Z] + a[X] * b[Y] - a[Y] * b[X] + a[Z] * b[W];
        set(out, w, x, y, z);
    }

    /** out = conjugate of q (the inverse rotation for a unit quaternion). */
    public static void conjugate(double[] q, double[] out) {
        set(out, q[W], -q[X], -q[Y], -q[Z]);
    }

    /**
     * Rotates vector {@code v} (3 elements) by unit quaternion {@code q}: out = q v q*. {@code out} may alias
     * {@code v}.
     */
    public static void rotate(double[] q, double[] v, double[] out) {
        double w = q[W];
        double x = q[X];
        double y = q[Y];
        double z = q[Z];
        // t = 2 (q_vec × v); out = v + w t + q_vec × t  (fewer operations than building the matrix)
        double tx = 2.0 * (y * v[2] - z * v[1]);
        double ty = 2.0 * (z * v[0] - x * v[2]);
        double tz = 2.0 * (x * v[1] - y * v[0]);
        double ox = v[0] + w * tx + (y * tz - z * ty);
        double oy = v[1] + w * ty + (z * tx - x * tz);
        double oz = v[2] + w * tz + (x * ty - y * tx);
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    /**
     * Rotation matrix of unit quaternion q, row-major into {@code r[0..8]}, with the formula of paper-spec §1.2:
     * R00 = 1−2y²−2z², R01 = 2xy−2wz, R02 = 2xz+2wy, R10 = 2xy+2wz, R11 = 1−2x²−2z², R12 = 2yz−2wx,
     * R20 = 2xz−2wy, R21 = 2yz+2wx, R22 = 1−2x²−2y².
     */
    public static void toRotationMatrix(double[] q, double[] r) {
        double w = q[W];
        double x = q[X];
        double y = q[Y];
        double z = q[Z];
        r[0] = 1 - 2 * y * y - 2 * z * z;
        r[1] = 2 * x * y - 2 * w * z;
        r[2] = 2 * x * z + 2 * w * y;
        r[3] = 2 * x * y + 2 * w * z;
        r[4] = 1 - 2 * x * x - 2 * z * z;
        r[5] = 2 * y * z - 2 * w * x;
        r[6] = 2 * x * z - 2 * w * y;
        r[7] = 2 * y * z + 2 * w * x;
        r[8] = 1 - 2 * x * x - 2 * y * y;
    }

    /**
     * Unit quaternion of a proper rotation matrix (row-major), by Shepperd's method, with w ≥ 0.
     */
    public static void fromRotationMatrix(double[] r, double[] q) {
        double trace = r[0] + r[4] + r[8];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = 2.0 * Math.sqrt(1.0 + trace);
            w = 0.25 * s;
            x = (r[7] - r[5]) / s;
            y = (r[2] - r[6]) / s;
            z = (r[3] - r[1]) / s;
        } else if (r[0] > r[4] && r[0] > r[8]) {
            double s = 2.0 * Math.sqrt(1.0 + r[0] - r[4] - r[8]);
            w = (r[7] - r[5]) / s;
            x = 0.25 * s;
            y = (r[1] + r[3]) / s;
            z = (r[2] + r[6]) / s;
        } else if (r[4] > r[8]) {
            double s = 2.0 * Math.sqrt(1.0 + r[4] - r[0] - r[8]);
            w = (r[2] - r[6]) / s;
            x = (r[1] + r[3]) / s;
            y = 0.25 * s;
            z = (r[5] + r[7]) / s;
        } else {
            double s = 2.0 * Math.sqrt(1.0 + r[8] - r[0] - r[4]);
            w = (r[3] - r[1]) / s;
            x = (r[2] + r[6]) / s;
            y = (r[5] + r[7]) / s;
            z = 0.25 * s;
        }
        if (w < 0) {
            w = -w;
            x = -x;
            y = -y;
            z = -z;
        }
        set(q, w, x, y, z);
        normalize(q);
    }

    /**
     * Quaternion from intrinsic Z-Y-X Euler angles (yaw ψ about z, then pitch θ about the new y, then roll φ about
     * the new x), all in radians. This is the convention of MAVLink's ATTITUDE message.
     */
    public static void fromEulerZyx(double rollRad, double pitchRad, double yawRad, double[] q) {
        double cr = StrictMath.cos(0.5 * rollRad);
        double sr = StrictMath.sin(0.5 * rollRad);
        double cp = StrictMath.cos(0.5 * pitchRad);
        double sp = StrictMath.sin(0.5 * pitchRad);
        double cy = StrictMath.cos(0.5 * yawRad);
        double sy = StrictMath.sin(0.5 * yawRad);
        set(q,
                cr * cp * cy + sr * sp * sy,
                sr * cp * cy - cr * sp * sy,
                cr * sp * cy + sr * cp * sy,
                cr * cp * sy - sr * sp * cy);
    }

    /** Roll (rad) of the intrinsic Z-Y-X decomposition of unit quaternion q, in (−π, π]. */
    public static double roll(double[] q) {
        return StrictMath.atan2(2 * (q[W] * q[X] + q[Y] * q[Z]), 1 - 2 * (q[X] * q[X] + q[Y] * q[Y]));
    }

    /** Pitch (rad) of the intrinsic Z-Y-X decomposition of unit quaternion q, in [−π/2, π/2]. */
    public static double pitch(double[] q) {
        double s = 2 * (q[W] * q[Y] - q[Z] * q[X]);
        return StrictMath.asin(Math.max(-1.0, Math.min(1.0, s)));
    }

    /** Yaw (rad) of the intrinsic Z-Y-X decomposition of unit quaternion q, in (−π, π]. */
    public static double yaw(double[] q) {
        return StrictMath.atan2(2 * (q[W] * q[Z] + q[X] * q[Y]), 1 - 2 * (q[Y] * q[Y] + q[Z] * q[Z]));
    }

    /**
     * Tilt angle (rad) between the body z axis and the world z axis: acos(R22), the angle an autopilot's tilt limit
     * constrains.
     */
    public static double tilt(double[] q) {
        double r22 = 1 - 2 * (q[X] * q[X] + q[Y] * q[Y]);
        return StrictMath.acos(Math.max(-1.0, Math.min(1.0, r22)));
    }

    /**
     * Rotation angle (rad, in [0, π]) of unit quaternion q: 2·acos|w|. The paper's initial-state sampler rejects
     * orientations whose angle exceeds 90°.
     */
    public static double angle(double[] q) {
        return 2.0 * StrictMath.acos(Math.min(1.0, Math.abs(q[W])));
    }

    /** True when all four components are finite and the norm is within {@code tolerance} of 1. */
    public static boolean isUnit(double[] q, double tolerance) {
        double n = norm(q);
        return Double.isFinite(n) && Math.abs(n - 1.0) <= tolerance;
    }

    /** Wraps an angle to (−π, π]. */
    public static double wrapPi(double angleRad) {
        double a = Math.IEEEremainder(angleRad, 2.0 * Math.PI);
        return a <= -Math.PI ? a + 2.0 * Math.PI : a;
    }
}
