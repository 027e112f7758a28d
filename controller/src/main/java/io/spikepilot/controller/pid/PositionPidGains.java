package io.spikepilot.controller.pid;

/**
 * Gains and speed limits of {@link PositionPid}. Horizontal (xy) and vertical (z) axes have separate gains as in PX4
 * (MPC_XY_P / MPC_Z_P, MPC_*_VEL_P_ACC, MPC_*_VEL_I_ACC, MPC_*_VEL_D_ACC); tilt, thrust and yaw-rate limits come from
 * the {@link io.spikepilot.controller.action.AttitudeLimits} shared with the action decoder.
 *
 * @param positionGainXyPerS      velocity setpoint per metre of horizontal position error, 1/s
 * @param positionGainZPerS       velocity setpoint per metre of vertical position error, 1/s
 * @param velocityGainXyPerS      acceleration per m/s of horizontal velocity error, 1/s
 * @param velocityGainZPerS       acceleration per m/s of vertical velocity error, 1/s
 * @param velocityIntegralXyPerS2 integral acceleration per m of accumulated horizontal velocity error, 1/s²
 * @param velocityIntegralZPerS2  integral acceleration per m of accumulated vertical velocity error, 1/s²
 * @param velocityDerivativeXy    acceleration per m/s² of horizontal acceleration (damping on the measurement), s⁰
 * @param velocityDerivativeZ     the same for the vertical axis
 * @param maxSpeedXyMps           horizontal speed the position loop may ask for, m/s
 * @param maxClimbMps             climb speed the position loop may ask for, m/s
 * @param maxDescentMps           descent speed the position loop may ask for, m/s
 * @param maxIntegralXyMps2       bound on each horizontal integrator output, m/s²
 * @param maxIntegralZMps2        bound on the vertical integrator output, m/s²
 * @param yawGainPerS             yaw-rate feed-forward per radian of yaw error, 1/s
 */
public record PositionPidGains(double positionGainXyPerS, double positionGainZPerS,
                               double velocityGainXyPerS, double velocityGainZPerS,
                               double velocityIntegralXyPerS2, double velocityIntegralZPerS2,
                               double velocityDerivativeXy, double velocityDerivativeZ,
                               double maxSpeedXyMps, double maxClimbMps, double maxDescentMps,
                               double maxIntegralXyMps2, double maxIntegralZMps2,
                               double yawGainPerS) {

    /**
     * PX4's multicopter defaults (MPC_XY_P 0.95, MPC_Z_P 1.0, MPC_XY_VEL_P_ACC 1.8, MPC_Z_VEL_P_ACC 4.0,
     * MPC_XY_VEL_I_ACC 0.4, MPC_Z_VEL_I_ACC 2.0, MPC_XY_VEL_D_ACC 0.2, MPC_Z_VEL_D_ACC 0), with speed limits sized for
     * hover and short repositioning (2 m/s across, 1.5 m/s up, 1 m/s down) rather than PX4's cruise limits.
     */
    public static PositionPidGains px4Defaults() {
        return new PositionPidGains(0.95, 1.0, 1.8, 4.0, 0.4, 2.0, 0.2, 0.0, 2.0, 1.5, 1.0, 3.0, 5.0, 2.0);
    }

    /** Validates every field; the message names the field, what was expected and what was found. */
    public PositionPidGains {
        positive("positionGainXyPerS", positionGainXyPerS);
        positive("positionGainZPerS", positionGainZPerS);
        positive("velocityGainXyPerS", velocityGainXyPerS);
        positive("velocityGainZPerS", velocityGainZPerS);
        nonNegative("velocityIntegralXyPerS2", velocityIntegralXyPerS2);
        nonNegative("velocityIntegralZPerS2", velocityIntegralZPerS2);
        nonNegative("velocityDerivativeXy", velocityDerivativeXy);
        nonNegative("velocityDerivativeZ", velocityDerivativeZ);
        positive("maxSpeedXyMps", maxSpeedXyMps);
        positive("maxClimbMps", maxClimbMps);
        positive("maxDescentMps", maxDescentMps);
        nonNegative("maxIntegralXyMps2", maxIntegralXyMps2);
        nonNegative("maxIntegralZMps2", maxIntegralZMps2);
        nonNegative("yawGainPerS", yawGainPerS);
    }

    private static void positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(
                    "position PID gains: field '%s' expected a finite value > 0, found %s", field, value));
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(
                    "position PID gains: field '%s' expected a finite value >= 0, found %s", field, value));
        }
    }
}
