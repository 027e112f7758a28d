package io.spikepilot.controller.pid;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;

/**
 * Cascaded position controller with PX4's multicopter structure, in the NWU world and FLU body frames:
 *
 * <ol>
 *   <li>position error × P → velocity setpoint, horizontal speed limited by its norm, vertical by climb/descent;</li>
 *   <li>velocity error → acceleration: P + I (with anti-windup) − D on the measured acceleration;</li>
 *   <li>acceleration + gravity → thrust direction: the body z axis is parallel to (a_x, a_y, g), so horizontal and
 *       vertical control stay decoupled, and its angle from the vertical is limited to the tilt limit;</li>
 *   <li>collective thrust = hover · (a_z + g) / g / cos(tilt), clamped to the thrust limits, so that a vehicle at
 *       rest on its target gets exactly the hover thrust;</li>
 *   <li>attitude: roll and pitch (Z-Y-X Euler) that point the body z axis along the thrust direction, with the
 *       vehicle's <em>current</em> yaw, and the yaw correction sent as yaw-rate feed-forward.</li>
 * </ol>
 *
 * <p>The output therefore has the shape {@link io.spikepilot.controller.action.ActionDecoder#decodeAttitude} produces
 * (current yaw, yaw-rate feed-forward, |roll|, |pitch| ≤ tilt ≤ the tilt limit, thrust inside the limits), so a
 * guide's setpoint converts exactly into an action in [−1, 1]⁴.
 *
 * <p>Anti-windup: the vertical integrator stops while the thrust is saturated in the direction the error pushes; the
 * horizontal integrator integrates the velocity error minus (2 / P) × (desired − produced acceleration), the tracking
 * scheme PX4 uses, so it unwinds while the tilt or thrust limits hold the output. Both are also bounded.
 *
 * <p>The period is fixed at construction and used for the integral and the derivative: measured time jitter never
 * enters the arithmetic. {@link #compute} allocates nothing and never throws; an invalid state (non-finite numbers,
 * non-unit quaternion) yields a level hover setpoint, leaves the integrator untouched and raises
 * {@link #INVALID_STATE}.
 *
 * <p>Hot standby: while another controller flies, call {@link #compute} then {@link #trackActive} every tick; the
 * integrator is back-calculated so that, had the PID been in charge, it would have produced the active setpoint.
 * Handing over is then bumpless (to within the integrator bounds).
 *
 * <p>Its trigonometry is {@link StrictMath}'s (fdlibm), so the setpoints it computes on the tick are the same bits on
 * every platform and a flight log replays exactly anywhere (see {@code Quaternions}).
 */
public final class PositionPid {
    /** Standard gravity, m/s² (PX4's CONSTANTS_ONE_G). */
    public static final double GRAVITY_MPS2 = 9.80665;

    /** Nothing was limited. */
    public static final int OK = 0;
    /** The position loop asked for more speed than allowed and was limited. */
    public static final int VELOCITY_LIMITED = 1;
    /** The thrust direction was limited to the tilt limit. */
    public static final int TILT_LIMITED = 2;
    /** Collective thrust was clamped at the maximum. */
    public static final int THRUST_MAX = 4;
    /** Collective thrust was clamped at the minimum. */
    public static final int THRUST_MIN = 8;
    /** The state was not valid; the output is a level hover setpoint. */
    public static final int INVALID_STATE = 16;

    private static final double QUAT_TOLERANCE = 1e-3;

    private final PositionPidGains gains;
    private final AttitudeLimits limits;
    private final double periodS;
    private final double maxTanTilt;

    private final double[] integratorMps2 = new double[3];
    private final double[] previousVelocityNwuMps = new double[3];
    private boolean hasPreviousVelocity;
    /** Proportional + derivative acceleration of the last valid compute, for back-calculation. */
    private final double[] lastPdAccelerationNwuMps2 = new double[3];
    private boolean lastComputeValid;
    private final double[] velocitySetpointNwuMps = new double[3];
    private final double[] accelerationSetpointNwuMps2 = new double[3];
    private int lastFlags;

    /**
     * @param gains   validated gains
     * @param limits  thrust, tilt and yaw-rate limits (the same the action decoder uses)
     * @param periodS control period, s, in [0.0005, 1]
     * @throws IllegalArgumentException naming the parameter when anything is missing or out of range
     */
    public PositionPid(PositionPidGains gains, AttitudeLimits limits, double periodS) {
        if (gains == null) {
            throw new IllegalArgumentException("position PID: gains expected, found null");
        }
        if (limits == null) {
            throw new IllegalArgumentException("position PID: attitude limits expected, found null");
        }
        if (!(periodS >= 0.0005 && periodS <= 1.0)) {
            throw new IllegalArgumentException(
                    "position PID: periodS expected a value in [0.0005, 1] s (1 Hz..2 kHz), found " + periodS);
        }
        this.gains = gains;
        this.limits = limits;
        this.periodS = periodS;
        this.maxTanTilt = StrictMath.tan(limits.maxTiltRad());
    }

    /** The gains this controller was built with. */
    public PositionPidGains gains() {
        return gains;
    }

    /** The limits this controller was built with. */
    public AttitudeLimits limits() {
        return limits;
    }

    /** The fixed control period, s. */
    public double periodS() {
        return periodS;
    }

    /** Zeroes the integrator and forgets the previous velocity (the derivative restarts at 0). */
    public void reset() {
        for (int i = 0; i < 3; i++) {
            integratorMps2[i] = 0;
            previousVelocityNwuMps[i] = 0;
            lastPdAccelerationNwuMps2[i] = 0;
            velocitySetpointNwuMps[i] = 0;
            accelerationSetpointNwuMps2[i] = 0;
        }
        hasPreviousVelocity = false;
        lastComputeValid = false;
        lastFlags = OK;
    }

    /**
     * Computes the setpoint that drives {@code state} to {@code targetNwuM} with yaw {@code targetYawNwuRad}.
     *
     * @return the limit flags of this step ({@link #OK} or a combination of the constants), also kept in
     *         {@link #lastFlags()}
     */
    public int compute(VehicleState state, double[] targetNwuM, double targetYawNwuRad, AttitudeSetpoint out) {
        if (!state.isValid(QUAT_TOLERANCE) || !Double.isFinite(targetNwuM[0]) || !Double.isFinite(targetNwuM[1])
                || !Double.isFinite(targetNwuM[2]) || !Double.isFinite(targetYawNwuRad)) {
            out.setLevel(limits.hoverThrust());
            hasPreviousVelocity = false;
            lastComputeValid = false;
            lastFlags = INVALID_STATE;
            return lastFlags;
        }
        int flags = OK;
        double[] p = state.positionNwuM;
        double[] v = state.velocityNwuMps;

        // 1. position -> velocity setpoint
        flags |= velocitySetpoint(p, targetNwuM);
        double vx = velocitySetpointNwuMps[0];
        double vy = velocitySetpointNwuMps[1];
        double vz = velocitySetpointNwuMps[2];

        // 2. velocity -> acceleration (P, D on measurement with the fixed period, I)
        double ex = vx - v[0];
        double ey = vy - v[1];
        double ez = vz - v[2];
        double dx = 0;
        double dy = 0;
        double dz = 0;
        if (hasPreviousVelocity) {
            dx = (v[0] - previousVelocityNwuMps[0]) / periodS;
            dy = (v[1] - previousVelocityNwuMps[1]) / periodS;
            dz = (v[2] - previousVelocityNwuMps[2]) / periodS;
        }
        double pdx = gains.velocityGainXyPerS() * ex - gains.velocityDerivativeXy() * dx;
        double pdy = gains.velocityGainXyPerS() * ey - gains.velocityDerivativeXy() * dy;
        double pdz = gains.velocityGainZPerS() * ez - gains.velocityDerivativeZ() * dz;
        lastPdAccelerationNwuMps2[0] = pdx;
        lastPdAccelerationNwuMps2[1] = pdy;
        lastPdAccelerationNwuMps2[2] = pdz;
        double ax = pdx + integratorMps2[0];
        double ay = pdy + integratorMps2[1];
        double az = pdz + integratorMps2[2];
        accelerationSetpointNwuMps2[0] = ax;
        accelerationSetpointNwuMps2[1] = ay;
        accelerationSetpointNwuMps2[2] = az;

        // 3. thrust direction parallel to (ax, ay, g), tilt limited
        double axLimited = ax;
        double ayLimited = ay;
        double accelXy = Math.sqrt(ax * ax + ay * ay);
        double maxAccelXy = GRAVITY_MPS2 * maxTanTilt;
        if (accelXy > maxAccelXy) {
            double scale = maxAccelXy / accelXy;
            axLimited *= scale;
            ayLimited *= scale;
            flags |= TILT_LIMITED;
        }
        double norm = Math.sqrt(axLimited * axLimited + ayLimited * ayLimited + GRAVITY_MPS2 * GRAVITY_MPS2);
        double bx = axLimited / norm;
        double by = ayLimited / norm;
        double bz = GRAVITY_MPS2 / norm;

        // 4. collective thrust with the hover thrust as the scale
        double thrust = limits.hoverThrust() * (az + GRAVITY_MPS2) / GRAVITY_MPS2 / bz;
        if (thrust > limits.maxThrust()) {
            thrust = limits.maxThrust();
            flags |= THRUST_MAX;
        } else if (thrust < limits.minThrust()) {
            thrust = limits.minThrust();
            flags |= THRUST_MIN;
        }

        // anti-windup, then integrate
        double trackingGain = 2.0 / gains.velocityGainXyPerS();
        double producedScale = thrust * GRAVITY_MPS2 / limits.hoverThrust();
        double exInt = ex - trackingGain * (ax - bx * producedScale);
        double eyInt = ey - trackingGain * (ay - by * producedScale);
        double ezInt = ez;
        if (((flags & THRUST_MIN) != 0 && ez <= 0) || ((flags & THRUST_MAX) != 0 && ez >= 0)) {
            ezInt = 0;
        }
        integratorMps2[0] += gains.velocityIntegralXyPerS2() * exInt * periodS;
        integratorMps2[1] += gains.velocityIntegralXyPerS2() * eyInt * periodS;
        integratorMps2[2] += gains.velocityIntegralZPerS2() * ezInt * periodS;
        boundIntegrator();

        // 5. attitude with the current heading; yaw correction as rate feed-forward
        double yaw = Quaternions.yaw(state.attitudeNwuFlu);
        double cosYaw = StrictMath.cos(yaw);
        double sinYaw = StrictMath.sin(yaw);
        double headingX = cosYaw * bx + sinYaw * by;
        double headingY = -sinYaw * bx + cosYaw * by;
        double roll = StrictMath.asin(Math.max(-1.0, Math.min(1.0, -headingY)));
        double pitch = StrictMath.atan2(headingX, bz);
        Quaternions.fromEulerZyx(roll, pitch, yaw, out.attitudeNwuFlu);
        double yawRate = gains.yawGainPerS() * Quaternions.wrapPi(targetYawNwuRad - yaw);
        double maxYawRate = limits.maxYawRateRadps();
        yawRate = yawRate > maxYawRate ? maxYawRate : (yawRate < -maxYawRate ? -maxYawRate : yawRate);
        out.thrustNormalized = thrust;
        out.bodyRateFluRadps[0] = 0;
        out.bodyRateFluRadps[1] = 0;
        out.bodyRateFluRadps[2] = yawRate;
        out.useRollRate = false;
        out.usePitchRate = false;
        out.useYawRate = true;

        previousVelocityNwuMps[0] = v[0];
        previousVelocityNwuMps[1] = v[1];
        previousVelocityNwuMps[2] = v[2];
        hasPreviousVelocity = true;
        lastComputeValid = true;
        lastFlags = flags;
        return flags;
    }

    /** Writes the speed-limited velocity setpoint towards {@code targetNwuM}; returns {@link #VELOCITY_LIMITED} or 0. */
    private int velocitySetpoint(double[] p, double[] targetNwuM) {
        int flags = OK;
        double vx = gains.positionGainXyPerS() * (targetNwuM[0] - p[0]);
        double vy = gains.positionGainXyPerS() * (targetNwuM[1] - p[1]);
        double vz = gains.positionGainZPerS() * (targetNwuM[2] - p[2]);
        double speedXy = Math.sqrt(vx * vx + vy * vy);
        if (speedXy > gains.maxSpeedXyMps()) {
            double scale = gains.maxSpeedXyMps() / speedXy;
            vx *= scale;
            vy *= scale;
            flags |= VELOCITY_LIMITED;
        }
        if (vz > gains.maxClimbMps()) {
            vz = gains.maxClimbMps();
            flags |= VELOCITY_LIMITED;
        } else if (vz < -gains.maxDescentMps()) {
            vz = -gains.maxDescentMps();
            flags |= VELOCITY_LIMITED;
        }
        velocitySetpointNwuMps[0] = vx;
        velocitySetpointNwuMps[1] = vy;
        velocitySetpointNwuMps[2] = vz;
        return flags;
    }

    /**
     * Moves the target without a bump: recomputes the last {@link #compute}'s velocity setpoint for
     * {@code newTargetNwuM} (with the same {@code state}) and lets the integrator absorb the change of the
     * proportional acceleration, so the setpoint that compute produced is still this controller's output, and from
     * the next compute on it flies to the new target.
     *
     * <p>Why: in hot standby the integrator holds the active controller's acceleration minus the PID's own
     * proportional term, which includes the position error to the <em>old</em> target. A hand-over that holds the
     * vehicle where it is (target = its position) removes that error from the proportional term; left in the
     * integrator it would push the vehicle away by about the old error (the 11-12 cm drift of issue 17). Does nothing
     * after an invalid compute or for a non-finite target.
     */
    public void retarget(VehicleState state, double[] newTargetNwuM) {
        if (!lastComputeValid || !Double.isFinite(newTargetNwuM[0]) || !Double.isFinite(newTargetNwuM[1])
                || !Double.isFinite(newTargetNwuM[2])) {
            return;
        }
        double oldX = velocitySetpointNwuMps[0];
        double oldY = velocitySetpointNwuMps[1];
        double oldZ = velocitySetpointNwuMps[2];
        velocitySetpoint(state.positionNwuM, newTargetNwuM);
        double dx = gains.velocityGainXyPerS() * (velocitySetpointNwuMps[0] - oldX);
        double dy = gains.velocityGainXyPerS() * (velocitySetpointNwuMps[1] - oldY);
        double dz = gains.velocityGainZPerS() * (velocitySetpointNwuMps[2] - oldZ);
        lastPdAccelerationNwuMps2[0] += dx;
        lastPdAccelerationNwuMps2[1] += dy;
        lastPdAccelerationNwuMps2[2] += dz;
        integratorMps2[0] -= dx;
        integratorMps2[1] -= dy;
        integratorMps2[2] -= dz;
        boundIntegrator();
    }

    /**
     * Hot standby: back-calculates the integrator so that the last {@link #compute} would have produced the thrust
     * direction and collective thrust of {@code active}, the setpoint another controller actually sent this tick.
     * Does nothing when the last compute saw an invalid state or {@code active} is not a usable setpoint (non-finite,
     * non-unit, or thrust pointing at or below the horizon).
     */
    public void trackActive(AttitudeSetpoint active) {
        if (!lastComputeValid || !active.isValid(QUAT_TOLERANCE)) {
            return;
        }
        double[] q = active.attitudeNwuFlu;
        // body z axis in the world: third column of R(q)
        double bx = 2 * (q[1] * q[3] + q[0] * q[2]);
        double by = 2 * (q[2] * q[3] - q[0] * q[1]);
        double bz = 1 - 2 * (q[1] * q[1] + q[2] * q[2]);
        if (!(bz > 1e-3)) {
            return;
        }
        double ax = GRAVITY_MPS2 * bx / bz;
        double ay = GRAVITY_MPS2 * by / bz;
        double az = active.thrustNormalized * GRAVITY_MPS2 * bz / limits.hoverThrust() - GRAVITY_MPS2;
        integratorMps2[0] = ax - lastPdAccelerationNwuMps2[0];
        integratorMps2[1] = ay - lastPdAccelerationNwuMps2[1];
        integratorMps2[2] = az - lastPdAccelerationNwuMps2[2];
        boundIntegrator();
    }

    private void boundIntegrator() {
        double maxXy = gains.maxIntegralXyMps2();
        double ix = integratorMps2[0];
        double iy = integratorMps2[1];
        double magnitude = Math.sqrt(ix * ix + iy * iy);
        if (magnitude > maxXy) {
            double scale = maxXy / magnitude;
            integratorMps2[0] = ix * scale;
            integratorMps2[1] = iy * scale;
        }
        double maxZ = gains.maxIntegralZMps2();
        double iz = integratorMps2[2];
        integratorMps2[2] = iz > maxZ ? maxZ : (iz < -maxZ ? -maxZ : iz);
    }

    /** Integrator output on world axis {@code axis} (0 = north, 1 = west, 2 = up), m/s². */
    public double integratorMps2(int axis) {
        return integratorMps2[axis];
    }

    /** Velocity setpoint of the last valid compute on world axis {@code axis}, m/s. */
    public double velocitySetpointMps(int axis) {
        return velocitySetpointNwuMps[axis];
    }

    /** Acceleration setpoint (before tilt and thrust limits) of the last valid compute on {@code axis}, m/s². */
    public double accelerationSetpointMps2(int axis) {
        return accelerationSetpointNwuMps2[axis];
    }

    /** Limit flags of the last compute. */
    public int lastFlags() {
        return lastFlags;
    }
}
