package io.spikepilot.simulator.autopilot;

import io.spikepilot.simulator.airframe.InnerLoopGains;

/**
 * Attitude P controller on the quaternion error, after the structure of PX4's multicopter attitude control: the
 * thrust axis (tilt) is corrected first and yaw only with weight yawP / rollPitchP, the error 2·vec(q⁻¹ ⊗ q_sp)
 * times the gain gives a body-rate setpoint, a yaw-rate feed-forward (about world up) is projected into the body,
 * and the result is limited to the airframe's maximum rates.
 */
public final class AttitudeController {
    private final double rollPitchGain;
    private final double rollGain;
    private final double pitchGain;
    private final double yawWeight;
    private final double[] maxRate;

    /** Builds the controller from the airframe's inner-loop gains. */
    public AttitudeController(InnerLoopGains gains) {
        double[] p = gains.attitudeP();
        rollGain = p[0];
        pitchGain = p[1];
        rollPitchGain = 0.5 * (p[0] + p[1]);
        yawWeight = Math.max(0.0, Math.min(1.0, p[2] / rollPitchGain));
        maxRate = gains.maxRateRadps();
    }

    /**
     * Body-rate setpoint (FLU, rad/s) into {@code rateOut[0..2]}.
     *
     * @param q            current attitude (w, x, y, z), FLU→NWU, unit; read from {@code q[qOffset..qOffset+3]}
     * @param qd           desired attitude, unit, {@code qd[0..3]}
     * @param yawRateFf    yaw-rate feed-forward about world up, rad/s (0 for none)
     */
    public void update(double[] q, int qOffset, double[] qd, double yawRateFf, double[] rateOut) {
        double w = q[qOffset];
        double x = q[qOffset + 1];
        double y = q[qOffset + 2];
        double z = q[qOffset + 3];
        double dw = qd[0];
        double dx = qd[1];
        double dy = qd[2];
        double dz = qd[3];
        // Body z axis in the world, current and desired (third column of R).
        double ezx = 2 * (x * z + w * y);
        double ezy = 2 * (y * z - w * x);
        double ezz = 1 - 2 * (x * x + y * y);
        double edx = 2 * (dx * dz + dw * dy);
        double edy = 2 * (dy * dz - dw * dx);
        double edz = 1 - 2 * (dx * dx + dy * dy);
        double c = ezx * edx + ezy * edy + ezz * edz;
        // Reduced setpoint: the current attitude turned by the shortest rotation taking e_z onto e_z,desired.
        double rw;
        double rx;
        double ry;
        double rz;
        if (c < -1.0 + 1e-5) {
            // Thrust axes opposite: no unique shortest rotation, use the full setpoint.
            rw = dw;
            rx = dx;
            ry = dy;
            rz = dz;
        } else {
            double sw = 1.0 + c;
            double sx = ezy * edz - ezz * edy;
            double sy = ezz * edx - ezx * edz;
            double sz = ezx * edy - ezy * edx;
            double inv = 1.0 / Math.sqrt(sw * sw + sx * sx + sy * sy + sz * sz);
            sw *= inv;
            sx *= inv;
            sy *= inv;
            sz *= inv;
            rw = sw * w - sx * x - sy * y - sz * z;
            rx = sw * x + sx * w + sy * z - sz * y;
            ry = sw * y - sx * z + sy * w + sz * x;
            rz = sw * z + sx * y - sy * x + sz * w;
        }
        // q_mix = reduced⁻¹ ⊗ desired: the remaining rotation, about body z.
        double mw = rw * dw + rx * dx + ry * dy + rz * dz;
        double mz = rw * dz - rx * dy + ry * dx - rz * dw;
        if (mw < 0) {
            mw = -mw;
            mz = -mz;
        }
        // Only a share yawWeight of that yaw rotation is demanded, so tilt is corrected first. For a rotation about
        // z, (mw, mz) = (cos h, sin h) with h half the yaw error; one atan2 recovers h (PX4 takes acos(mw) and
        // asin(mz), which agree for a pure yaw rotation but cost two library calls).
        double halfYaw = Math.atan2(mz, mw);
        double yw = Math.cos(yawWeight * halfYaw);
        double yz = Math.sin(yawWeight * halfYaw);
        double tw = rw * yw - rz * yz;
        double tx = rx * yw + ry * yz;
        double ty = ry * yw - rx * yz;
        double tz = rz * yw + rw * yz;
        // q_e = q⁻¹ ⊗ target.
        double ew = w * tw + x * tx + y * ty + z * tz;
        double ex = w * tx - x * tw - y * tz + z * ty;
        double ey = w * ty + x * tz - y * tw - z * tx;
        double ez = w * tz - x * ty + y * tx - z * tw;
        double sign = ew < 0 ? -2.0 : 2.0;
        double rollRate = rollGain * sign * ex;
        double pitchRate = pitchGain * sign * ey;
        double yawRate = rollPitchGain * sign * ez;
        // World-up yaw rate expressed in the body: third row of R.
        rollRate += 2 * (x * z - w * y) * yawRateFf;
        pitchRate += 2 * (y * z + w * x) * yawRateFf;
        yawRate += (1 - 2 * (x * x + y * y)) * yawRateFf;
        rateOut[0] = clamp(rollRate, maxRate[0]);
        rateOut[1] = clamp(pitchRate, maxRate[1]);
        rateOut[2] = clamp(yawRate, maxRate[2]);
    }

    private static double clamp(double v, double limit) {
        return v < -limit ? -limit : (v > limit ? limit : v);
    }
}
