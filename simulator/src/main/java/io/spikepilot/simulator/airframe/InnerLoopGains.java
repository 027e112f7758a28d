package io.spikepilot.simulator.airframe;

/**
 * Gains of the PX4-like inner loop for one airframe. Arrays are (roll, pitch, yaw), i.e. FLU body x, y, z.
 *
 * <p>The attitude stage is a P controller on the quaternion error (PX4 {@code MC_ROLL_P}, {@code MC_PITCH_P},
 * {@code MC_YAW_P}, with the yaw weight derived as yawP / rollP the way PX4 does). The rate stage is a PID whose
 * output is an angular-acceleration demand in rad/s² (turned into a torque through the airframe's inertia), so the
 * gains are in physical units and stay meaningful across airframes: rateP in 1/s, rateI in 1/s², rateD
 * dimensionless (derivative on the measured rate).
 *
 * @param rateHz               rate of the whole inner loop (attitude, rate, mixer), Hz; at least 250
 * @param attitudeP            attitude error → rate setpoint, 1/s
 * @param rateP                rate error → angular acceleration, 1/s
 * @param rateI                integral of rate error → angular acceleration, 1/s²
 * @param rateD                measured angular acceleration → angular acceleration (damping), dimensionless
 * @param rateIntegratorLimit  clamp of the integral term, rad/s²
 * @param maxRateRadps         clamp of the rate setpoint, rad/s
 */
public record InnerLoopGains(double rateHz, double[] attitudeP, double[] rateP, double[] rateI, double[] rateD,
                             double[] rateIntegratorLimit, double[] maxRateRadps) {
    /** Copies the arrays so the record is effectively immutable. */
    public InnerLoopGains {
        attitudeP = attitudeP.clone();
        rateP = rateP.clone();
        rateI = rateI.clone();
        rateD = rateD.clone();
        rateIntegratorLimit = rateIntegratorLimit.clone();
        maxRateRadps = maxRateRadps.clone();
    }

    /** Copy of the attitude gains (roll, pitch, yaw). */
    @Override
    public double[] attitudeP() {
        return attitudeP.clone();
    }

    /** Copy of the rate P gains. */
    @Override
    public double[] rateP() {
        return rateP.clone();
    }

    /** Copy of the rate I gains. */
    @Override
    public double[] rateI() {
        return rateI.clone();
    }

    /** Copy of the rate D gains. */
    @Override
    public double[] rateD() {
        return rateD.clone();
    }

    /** Copy of the integrator limits. */
    @Override
    public double[] rateIntegratorLimit() {
        return rateIntegratorLimit.clone();
    }

    /** Copy of the rate setpoint limits. */
    @Override
    public double[] maxRateRadps() {
        return maxRateRadps.clone();
    }
}
