package io.spikepilot.simulator.vehicle;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.autopilot.InnerLoop;
import io.spikepilot.simulator.dynamics.Quadrotor;

/**
 * An airframe flown by the PX4-like inner loop: {@link #apply} a setpoint, {@link #advance} simulated time,
 * {@link #readState} the truth.
 *
 * <p>The inner loop runs on its own fixed schedule (every {@link InnerLoop#periodNs()} of simulated time, whatever
 * the caller's step), and the rigid body is integrated with RK4 between inner-loop updates and up to the requested
 * time, so the result does not depend on how the caller slices time. Deterministic, single-threaded, and
 * allocation-free after construction.
 *
 * <p>Bad setpoints never reach the motors: a non-finite thrust or attitude keeps the previous value, thrust outside
 * [0, 1] is clamped, a non-unit quaternion is renormalised, non-finite rate feed-forward becomes 0. Each such
 * setpoint is counted in {@link #rejectedSetpointCount()}.
 */
public final class SimulatedVehicle {
    private final Airframe airframe;
    private final Quadrotor quadrotor;
    private final InnerLoop innerLoop;
    private final double[] throttle = new double[4];
    private final double[] attitudeSetpoint = {1, 0, 0, 0};
    private double thrustSetpoint;
    private double yawRateFf;
    private double rollRateFf;
    private double pitchRateFf;
    private long timeNs;
    private long nextInnerLoopNs;
    private long rejectedSetpointCount;

    /** A vehicle of the given airframe, hovering at the origin at time 0. */
    public SimulatedVehicle(Airframe airframe) {
        this.airframe = airframe;
        this.quadrotor = new Quadrotor(airframe);
        this.innerLoop = new InnerLoop(airframe);
        resetHovering(0L, 0, 0, 0);
    }

    /**
     * Places the vehicle level and at rest at the given NWU position, motors spinning at hover throttle, setpoint
     * level at hover thrust, inner loop cleared.
     */
    public void resetHovering(long timeNs, double xNwuM, double yNwuM, double zNwuM) {
        double u = airframe.hoverThrottle();
        quadrotor.randomize(1, 1, 1, 1);
        quadrotor.setState(xNwuM, yNwuM, zNwuM, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, u, u, u, u);
        quadrotor.setDisturbance(0, 0, 0, 0, 0, 0);
        restart(timeNs);
    }

    /**
     * Places the vehicle in {@code state} (position, velocity, attitude, body rates) with motors at hover throttle;
     * the setpoint becomes level at hover thrust.
     */
    public void reset(VehicleState state) {
        double u = airframe.hoverThrottle();
        double[] p = state.positionNwuM;
        double[] q = state.attitudeNwuFlu;
        double[] v = state.velocityNwuMps;
        double[] w = state.bodyRateFluRadps;
        quadrotor.setState(p[0], p[1], p[2], q[0], q[1], q[2], q[3], v[0], v[1], v[2], w[0], w[1], w[2],
                u, u, u, u);
        restart(state.timeNs);
    }

    /**
     * Keeps the rigid-body state as set through {@link #quadrotor()} and restarts the autopilot at {@code timeNs}:
     * inner loop cleared, setpoint level at hover thrust. The training environments reset this way.
     */
    public void restart(long timeNs) {
        this.timeNs = timeNs;
        this.nextInnerLoopNs = timeNs;
        innerLoop.reset();
        thrustSetpoint = airframe.hoverThrustNormalized();
        Quaternions.identity(attitudeSetpoint);
        yawRateFf = 0;
        rollRateFf = 0;
        pitchRateFf = 0;
    }

    /**
     * Takes a setpoint (held until the next call). Returns true when it was used as given, false when any part had
     * to be sanitized (see the class comment).
     */
    public boolean apply(AttitudeSetpoint setpoint) {
        boolean clean = true;
        double t = setpoint.thrustNormalized;
        if (Double.isFinite(t)) {
            if (t < 0.0 || t > 1.0) {
                clean = false;
            }
            thrustSetpoint = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
        } else {
            clean = false;
        }
        double[] q = setpoint.attitudeNwuFlu;
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (Double.isFinite(n) && n > 1e-6) {
            if (Math.abs(n - 1.0) > 1e-6) {
                clean = false;
            }
            for (int i = 0; i < 4; i++) {
                attitudeSetpoint[i] = q[i] / n;
            }
        } else {
            clean = false;
        }
        double[] r = setpoint.bodyRateFluRadps;
        rollRateFf = setpoint.useRollRate ? finiteRate(r[0]) : 0.0;
        pitchRateFf = setpoint.usePitchRate ? finiteRate(r[1]) : 0.0;
        yawRateFf = setpoint.useYawRate ? finiteRate(r[2]) : 0.0;
        boolean ratesFinite = Double.isFinite(r[0]) && Double.isFinite(r[1]) && Double.isFinite(r[2]);
        clean &= ratesFinite;
        if (!clean) {
            rejectedSetpointCount++;
        }
        return clean;
    }

    private static double finiteRate(double r) {
        return Double.isFinite(r) ? r : 0.0;
    }

    /** Advances simulated time by {@code dtNs} (≥ 0), running the inner loop on its own schedule. */
    public void advance(long dtNs) {
        long target = timeNs + Math.max(0L, dtNs);
        while (timeNs < target) {
            if (timeNs >= nextInnerLoopNs) {
                innerLoop.update(quadrotor.state(), thrustSetpoint, attitudeSetpoint, yawRateFf, rollRateFf,
                        pitchRateFf, throttle);
                quadrotor.setMotorCommands(throttle, 0);
                nextInnerLoopNs += innerLoop.periodNs();
            }
            long end = Math.min(nextInnerLoopNs, target);
            quadrotor.step((end - timeNs) * 1e-9);
            timeNs = end;
        }
    }

    /** Copies the true state (at the current simulated time) into {@code out}. */
    public void readState(VehicleState out) {
        quadrotor.readState(timeNs, out);
    }

    /** Current simulated time, ns. */
    public long timeNs() {
        return timeNs;
    }

    /** Normalized collective thrust at which this airframe hovers (PX4 MPC_THR_HOVER). */
    public double hoverThrust() {
        return airframe.hoverThrustNormalized();
    }

    public Airframe airframe() {
        return airframe;
    }

    /** The rigid body, for disturbances, parameter scaling and motor states. */
    public Quadrotor quadrotor() {
        return quadrotor;
    }

    /** The inner loop, for its saturation count and rate setpoint. */
    public InnerLoop innerLoop() {
        return innerLoop;
    }

    /** Setpoints that had to be sanitized since construction. */
    public long rejectedSetpointCount() {
        return rejectedSetpointCount;
    }
}
