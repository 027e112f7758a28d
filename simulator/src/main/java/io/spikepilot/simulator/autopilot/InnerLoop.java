package io.spikepilot.simulator.autopilot;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.dynamics.Quadrotor;

/**
 * One update of the autopilot: attitude P → body-rate PID → mixer, run at the airframe's inner-loop rate on the
 * vehicle's true state (an autopilot's own estimator runs far faster than the companion link).
 *
 * <p>The setpoint is plain numbers so that callers keep their own validated copy: normalized collective thrust,
 * attitude quaternion (FLU→NWU), yaw-rate feed-forward about world up, and optional roll/pitch body-rate
 * feed-forward added to the rate setpoint.
 */
public final class InnerLoop {
    private final AttitudeController attitude;
    private final RateController rate;
    private final Mixer mixer;
    private final double periodS;
    private final long periodNs;
    private final double[] rateSetpoint = new double[3];
    private final double[] torque = new double[3];
    private boolean saturated;
    private long saturationCount;

    /** Builds the loop from the airframe's nominal parameters and gains, at the airframe's inner-loop rate. */
    public InnerLoop(Airframe airframe) {
        this(airframe, airframe.innerLoop().rateHz());
    }

    /**
     * Builds the loop to be updated at {@code updateRateHz} instead, e.g. once per 100 Hz control step when a
     * guide's attitude setpoint is turned into motor commands for the {@code motors} task.
     */
    public InnerLoop(Airframe airframe, double updateRateHz) {
        if (!(updateRateHz >= 1 && updateRateHz <= 100_000)) {
            throw new IllegalArgumentException("inner loop: field 'updateRateHz': expected a number in [1, 100000],"
                    + " found " + updateRateHz);
        }
        attitude = new AttitudeController(airframe.innerLoop());
        rate = new RateController(airframe.innerLoop(), airframe.inertiaKgM2());
        mixer = new Mixer(airframe);
        periodNs = Math.round(1e9 / updateRateHz);
        periodS = periodNs * 1e-9;
    }

    /** Clears integrators and saturation memory. */
    public void reset() {
        rate.reset();
        saturated = false;
    }

    /**
     * Computes four throttles for the quadrotor's current state and the given setpoint into
     * {@code throttleOut[0..3]}.
     *
     * @param state              the quadrotor state vector ({@link Quadrotor#state()} layout)
     * @param thrustNormalized   collective thrust, [0, 1]
     * @param attitudeSetpoint   desired attitude (w, x, y, z), unit
     * @param yawRateFfRadps     yaw-rate feed-forward about world up, rad/s
     * @param rollRateFfRadps    roll-rate feed-forward (body), rad/s
     * @param pitchRateFfRadps   pitch-rate feed-forward (body), rad/s
     */
    public void update(double[] state, double thrustNormalized, double[] attitudeSetpoint, double yawRateFfRadps,
                       double rollRateFfRadps, double pitchRateFfRadps, double[] throttleOut) {
        attitude.update(state, Quadrotor.Q, attitudeSetpoint, yawRateFfRadps, rateSetpoint);
        rateSetpoint[0] += rollRateFfRadps;
        rateSetpoint[1] += pitchRateFfRadps;
        rate.update(rateSetpoint, state, Quadrotor.W, periodS, saturated, torque);
        saturated = mixer.mix(thrustNormalized, torque, throttleOut);
        if (saturated) {
            saturationCount++;
        }
    }

    /** Inner-loop period, ns. */
    public long periodNs() {
        return periodNs;
    }

    /** Last body-rate setpoint, FLU rad/s (live array, read only). */
    public double[] rateSetpoint() {
        return rateSetpoint;
    }

    /** Updates on which the mixer had to reduce the demand. */
    public long saturationCount() {
        return saturationCount;
    }
}
