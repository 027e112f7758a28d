package io.spikepilot.simulator.autopilot;

import io.spikepilot.simulator.airframe.InnerLoopGains;

/**
 * Body-rate PID per axis, output as an angular-acceleration demand (rad/s²) times the nominal inertia, i.e. a
 * torque (N·m). The derivative acts on the measured rate (no kick on setpoint steps), and the integrator is frozen
 * while the mixer reports saturation (anti-windup) and clamped to its limit.
 */
public final class RateController {
    private final double[] kp;
    private final double[] ki;
    private final double[] kd;
    private final double[] integratorLimit;
    private final double[] inertia;
    private final double[] integral = new double[3];
    private final double[] previousRate = new double[3];
    private boolean hasPrevious;

    /** Builds the controller from the airframe's gains and nominal inertia (Jxx, Jyy, Jzz). */
    public RateController(InnerLoopGains gains, double[] inertiaKgM2) {
        kp = gains.rateP();
        ki = gains.rateI();
        kd = gains.rateD();
        integratorLimit = gains.rateIntegratorLimit();
        inertia = inertiaKgM2.clone();
    }

    /** Clears the integrator and the derivative memory. */
    public void reset() {
        for (int i = 0; i < 3; i++) {
            integral[i] = 0;
            previousRate[i] = 0;
        }
        hasPrevious = false;
    }

    /**
     * Torque demand (FLU, N·m) into {@code torqueOut[0..2]}.
     *
     * @param rateSetpoint  body-rate setpoint, rad/s
     * @param rate          measured body rate {@code rate[rateOffset..rateOffset+2]}, rad/s
     * @param dtS           time since the previous update, s
     * @param saturated     whether the mixer saturated on the previous update (freezes the integrator)
     */
    public void update(double[] rateSetpoint, double[] rate, int rateOffset, double dtS, boolean saturated,
                       double[] torqueOut) {
        for (int i = 0; i < 3; i++) {
            double w = rate[rateOffset + i];
            double error = rateSetpoint[i] - w;
            double angularAcceleration = hasPrevious ? (w - previousRate[i]) / dtS : 0.0;
            previousRate[i] = w;
            if (!saturated) {
                double next = integral[i] + ki[i] * error * dtS;
                integral[i] = Math.max(-integratorLimit[i], Math.min(integratorLimit[i], next));
            }
            double demand = kp[i] * error + integral[i] - kd[i] * angularAcceleration;
            torqueOut[i] = inertia[i] * demand;
        }
        hasPrevious = true;
    }
}
