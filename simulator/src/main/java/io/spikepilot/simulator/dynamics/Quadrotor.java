package io.spikepilot.simulator.dynamics;

import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Rotor;

/**
 * One quadrotor's state and physical parameters, advanced by classical RK4 (paper-spec §4.2):
 *
 * <pre>
 * u̇_i = (u_cmd,i − u_i) / τ_m                      first-order motor lag
 * T_i = c0 + c1·u_i + c2·u_i²                       thrust on the lagged motor state
 * ṗ = v,  q̇ = ½ q ⊗ (0, ω)
 * v̇ = R(q)·(0, 0, ΣT_i)/m − g·ẑ + F_dist/m          NWU world
 * ω̇ = J⁻¹(τ − ω × Jω + τ_dist),  τ = Σ r_i × T_i ẑ + d_i·k_m·T_i ẑ   FLU body
 * </pre>
 *
 * The motor commands are held constant over a step. After each step the quaternion is renormalised and the motor
 * states are clamped to [0, 1]. A non-finite or out-of-range motor command is clamped (NaN becomes 0, motor off) and
 * counted in {@link #invalidCommandCount()}, so it never reaches the state.
 *
 * <p>Parameters start at the airframe's values and can be scaled per episode for domain randomisation
 * ({@link #randomize}) without allocating. Nothing here allocates after construction.
 */
public final class Quadrotor {
    /** Index of position x (NWU, m) in {@link #state()}; y and z follow. */
    public static final int P = 0;
    /** Index of the quaternion w (FLU→NWU); x, y, z follow. */
    public static final int Q = 3;
    /** Index of velocity x (NWU, m/s); y and z follow. */
    public static final int V = 7;
    /** Index of body rate x (FLU, rad/s); y and z follow. */
    public static final int W = 10;
    /** Index of motor state 0 (relative, [0, 1]); motors 1..3 follow. */
    public static final int U = 13;
    /** Length of the state vector. */
    public static final int STATE_SIZE = 17;

    private final Airframe airframe;
    private final double[] nominalInertia;
    private final double[] nominalThrust;
    private final double[] x = new double[STATE_SIZE];
    private final double[] k1 = new double[STATE_SIZE];
    private final double[] k2 = new double[STATE_SIZE];
    private final double[] k3 = new double[STATE_SIZE];
    private final double[] k4 = new double[STATE_SIZE];
    private final double[] tmp = new double[STATE_SIZE];
    private final double[] command = new double[4];
    private final double[] forceNwuN = new double[3];
    private final double[] torqueFluNm = new double[3];
    private long invalidCommandCount;

    // Parameters (possibly randomised).
    private double massKg;
    private double gravityMps2;
    private double jxx;
    private double jyy;
    private double jzz;
    private double c0;
    private double c1;
    private double c2;
    private double motorTau;
    // Per-rotor torque arms: τx += armX_i·T_i, τy += armY_i·T_i, τz += armZ_i·T_i.
    private final double[] armX = new double[4];
    private final double[] armY = new double[4];
    private final double[] yawSign = new double[4];
    private double torqueConstant;

    /** A quadrotor with the airframe's nominal parameters, at rest at the origin, level, motors off. */
    public Quadrotor(Airframe airframe) {
        this.airframe = airframe;
        this.nominalInertia = airframe.inertiaKgM2();
        this.nominalThrust = airframe.thrustCurveN();
        for (int i = 0; i < 4; i++) {
            Rotor r = airframe.rotor(i);
            armX[i] = r.yFluM();
            armY[i] = -r.xFluM();
            yawSign[i] = r.torqueDirection();
        }
        randomize(1.0, 1.0, 1.0, 1.0);
        resetAtRest(0.0);
    }

    /**
     * Sets the parameters to the airframe's values scaled by the given factors (1 = nominal): mass, all thrust
     * coefficients, all inertia entries, and the torque constant. Used for domain randomisation at reset.
     */
    public void randomize(double massFactor, double thrustFactor, double inertiaFactor, double torqueFactor) {
        massKg = airframe.massKg() * massFactor;
        gravityMps2 = airframe.gravityMps2();
        jxx = nominalInertia[0] * inertiaFactor;
        jyy = nominalInertia[1] * inertiaFactor;
        jzz = nominalInertia[2] * inertiaFactor;
        c0 = nominalThrust[0] * thrustFactor;
        c1 = nominalThrust[1] * thrustFactor;
        c2 = nominalThrust[2] * thrustFactor;
        torqueConstant = airframe.torqueConstantM() * torqueFactor;
        motorTau = airframe.motorTimeConstantS();
    }

    /** Rest at the origin, level, all motor states and commands at {@code motorState}, no disturbance. */
    public void resetAtRest(double motorState) {
        java.util.Arrays.fill(x, 0.0);
        x[Q] = 1.0;
        for (int i = 0; i < 4; i++) {
            x[U + i] = clamp01(motorState);
            command[i] = x[U + i];
        }
        setDisturbance(0, 0, 0, 0, 0, 0);
    }

    /**
     * Sets the whole state. The quaternion is normalised (the identity if it is degenerate) and the motor states
     * are clamped to [0, 1]; the motor commands are set equal to the motor states.
     */
    public void setState(double px, double py, double pz, double qw, double qx, double qy, double qz,
                         double vx, double vy, double vz, double wx, double wy, double wz,
                         double u0, double u1, double u2, double u3) {
        x[P] = px;
        x[P + 1] = py;
        x[P + 2] = pz;
        x[Q] = qw;
        x[Q + 1] = qx;
        x[Q + 2] = qy;
        x[Q + 3] = qz;
        normalizeQuaternion();
        x[V] = vx;
        x[V + 1] = vy;
        x[V + 2] = vz;
        x[W] = wx;
        x[W + 1] = wy;
        x[W + 2] = wz;
        x[U] = clamp01(u0);
        x[U + 1] = clamp01(u1);
        x[U + 2] = clamp01(u2);
        x[U + 3] = clamp01(u3);
        System.arraycopy(x, U, command, 0, 4);
    }

    /** Constant external force (NWU world, N) and torque (FLU body, N·m); non-finite values become 0. */
    public void setDisturbance(double fx, double fy, double fz, double tx, double ty, double tz) {
        forceNwuN[0] = finiteOrZero(fx);
        forceNwuN[1] = finiteOrZero(fy);
        forceNwuN[2] = finiteOrZero(fz);
        torqueFluNm[0] = finiteOrZero(tx);
        torqueFluNm[1] = finiteOrZero(ty);
        torqueFluNm[2] = finiteOrZero(tz);
    }

    /**
     * Sets motor command {@code i} (relative throttle). Out of [0, 1] is clamped, NaN/∞ becomes 0; either is
     * counted. Returns true when the command was used as given.
     */
    public boolean setMotorCommand(int i, double u) {
        if (Double.isNaN(u)) {
            command[i] = 0.0;
            invalidCommandCount++;
            return false;
        }
        if (u < 0.0 || u > 1.0) {
            command[i] = clamp01(u);
            invalidCommandCount++;
            return false;
        }
        command[i] = u;
        return true;
    }

    /** Sets all four motor commands from {@code u[offset..offset+3]}; see {@link #setMotorCommand}. */
    public boolean setMotorCommands(double[] u, int offset) {
        boolean ok = setMotorCommand(0, u[offset]);
        ok &= setMotorCommand(1, u[offset + 1]);
        ok &= setMotorCommand(2, u[offset + 2]);
        ok &= setMotorCommand(3, u[offset + 3]);
        return ok;
    }

    /** Advances the state by {@code dtS} seconds with one RK4 step, commands and disturbances held. */
    public void step(double dtS) {
        double h = dtS;
        derivative(x, k1);
        for (int i = 0; i < STATE_SIZE; i++) {
            tmp[i] = x[i] + 0.5 * h * k1[i];
        }
        derivative(tmp, k2);
        for (int i = 0; i < STATE_SIZE; i++) {
            tmp[i] = x[i] + 0.5 * h * k2[i];
        }
        derivative(tmp, k3);
        for (int i = 0; i < STATE_SIZE; i++) {
            tmp[i] = x[i] + h * k3[i];
        }
        derivative(tmp, k4);
        double h6 = h / 6.0;
        for (int i = 0; i < STATE_SIZE; i++) {
            x[i] += h6 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
        normalizeQuaternion();
        for (int i = U; i < U + 4; i++) {
            x[i] = clamp01(x[i]);
        }
    }

    /** Writes dx/dt of state {@code s} into {@code d}. */
    private void derivative(double[] s, double[] d) {
        double qw = s[Q];
        double qx = s[Q + 1];
        double qy = s[Q + 2];
        double qz = s[Q + 3];
        double wx = s[W];
        double wy = s[W + 1];
        double wz = s[W + 2];
        double thrust = 0;
        double tauX = 0;
        double tauY = 0;
        double yawSum = 0;
        for (int i = 0; i < 4; i++) {
            double u = s[U + i];
            double t = c0 + (c1 + c2 * u) * u;
            thrust += t;
            tauX += armX[i] * t;
            tauY += armY[i] * t;
            yawSum += yawSign[i] * t;
            d[U + i] = (command[i] - u) / motorTau;
        }
        double tauZ = torqueConstant * yawSum;
        d[P] = s[V];
        d[P + 1] = s[V + 1];
        d[P + 2] = s[V + 2];
        d[Q] = -0.5 * (qx * wx + qy * wy + qz * wz);
        d[Q + 1] = 0.5 * (qw * wx + qy * wz - qz * wy);
        d[Q + 2] = 0.5 * (qw * wy + qz * wx - qx * wz);
        d[Q + 3] = 0.5 * (qw * wz + qx * wy - qy * wx);
        double invM = 1.0 / massKg;
        // R(q)·(0, 0, F): the third column of the rotation matrix scaled by the collective thrust.
        d[V] = (2 * (qx * qz + qw * qy) * thrust + forceNwuN[0]) * invM;
        d[V + 1] = (2 * (qy * qz - qw * qx) * thrust + forceNwuN[1]) * invM;
        d[V + 2] = ((1 - 2 * (qx * qx + qy * qy)) * thrust + forceNwuN[2]) * invM - gravityMps2;
        d[W] = (tauX + torqueFluNm[0] - (jzz - jyy) * wy * wz) / jxx;
        d[W + 1] = (tauY + torqueFluNm[1] - (jxx - jzz) * wz * wx) / jyy;
        d[W + 2] = (tauZ + torqueFluNm[2] - (jyy - jxx) * wx * wy) / jzz;
    }

    private void normalizeQuaternion() {
        double n = Math.sqrt(x[Q] * x[Q] + x[Q + 1] * x[Q + 1] + x[Q + 2] * x[Q + 2] + x[Q + 3] * x[Q + 3]);
        if (n > 1e-12 && Double.isFinite(n)) {
            double inv = 1.0 / n;
            x[Q] *= inv;
            x[Q + 1] *= inv;
            x[Q + 2] *= inv;
            x[Q + 3] *= inv;
        } else {
            x[Q] = 1.0;
            x[Q + 1] = 0.0;
            x[Q + 2] = 0.0;
            x[Q + 3] = 0.0;
        }
    }

    /** Copies the true state into {@code out} (motor states are not part of a VehicleState). */
    public void readState(long timeNs, VehicleState out) {
        out.timeNs = timeNs;
        System.arraycopy(x, P, out.positionNwuM, 0, 3);
        System.arraycopy(x, V, out.velocityNwuMps, 0, 3);
        System.arraycopy(x, Q, out.attitudeNwuFlu, 0, 4);
        System.arraycopy(x, W, out.bodyRateFluRadps, 0, 3);
    }

    /** The live state vector (layout: {@link #P}, {@link #Q}, {@link #V}, {@link #W}, {@link #U}); read only. */
    public double[] state() {
        return x;
    }

    /** Motor command {@code i} currently held. */
    public double motorCommand(int i) {
        return command[i];
    }

    /** Motor state {@code i}. */
    public double motorState(int i) {
        return x[U + i];
    }

    /** Commands that were clamped or non-finite since construction. */
    public long invalidCommandCount() {
        return invalidCommandCount;
    }

    /** The airframe this quadrotor was built from (nominal parameters). */
    public Airframe airframe() {
        return airframe;
    }

    /** Current (possibly randomised) mass, kg. */
    public double massKg() {
        return massKg;
    }

    /** Current thrust of one rotor at motor state {@code u}, N. */
    public double thrustN(double u) {
        return c0 + (c1 + c2 * u) * u;
    }

    /** Current inertia about body axis {@code axis} (0, 1, 2), kg·m². */
    public double inertia(int axis) {
        return axis == 0 ? jxx : (axis == 1 ? jyy : jzz);
    }

    /** Current torque constant k_m. */
    public double torqueConstant() {
        return torqueConstant;
    }

    private static double clamp01(double u) {
        if (!(u >= 0.0)) {
            return 0.0;
        }
        return u > 1.0 ? 1.0 : u;
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
