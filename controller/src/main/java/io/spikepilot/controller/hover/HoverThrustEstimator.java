package io.spikepilot.controller.hover;

import io.spikepilot.controller.pid.PositionPid;

/**
 * Estimates the normalized collective thrust that holds the vehicle's altitude from the PID's own hover after
 * take-off: the mean of (commanded thrust × cos tilt) over a window of consecutive settled ticks, corrected for the
 * mean vertical acceleration over the window (the change of vertical speed across it).
 *
 * <p>Why: the configured hover thrust ({@code vehicle.hover_thrust}) scales every thrust the SNN's action decoder
 * produces, while the PID's integrator absorbs any error in it. On a vehicle that hovers at 0.5 with 0.555
 * configured, the SNN's thrust disagrees with the PID's by about the difference and the supervisor (rightly) never
 * hands it control. Measuring the PID's hover says so, with both numbers, before the hand-over is asked for.
 *
 * <p>Settled: the PID flies on a trusted state, its thrust is not at a limit, the vehicle is within
 * {@value #MAX_HEIGHT_ERROR_M} m of the target height, climbs or sinks slower than {@value #MAX_VERTICAL_SPEED_MPS}
 * m/s, moves slower than {@value #MAX_HORIZONTAL_SPEED_MPS} m/s horizontally and tilts less than
 * {@value #MAX_TILT_DEG} degrees. An unsettled tick restarts the window. The first complete window gives the
 * estimate; after {@code giveUpTicks} PID ticks without one the estimator gives up (wind, a moving target).
 *
 * <p>{@link #observe} runs on the loop thread, allocates nothing and never throws; the result is published through
 * volatile fields for the flight procedure's thread.
 */
public final class HoverThrustEstimator {
    /** Still collecting a settled window. */
    public static final int COLLECTING = 0;
    /** {@link #estimate()} holds the measured hover thrust. */
    public static final int READY = 1;
    /** No settled window within the give-up time: nothing measured. */
    public static final int GAVE_UP = 2;

    static final double MAX_HEIGHT_ERROR_M = 0.15;
    static final double MAX_VERTICAL_SPEED_MPS = 0.1;
    static final double MAX_HORIZONTAL_SPEED_MPS = 0.3;
    static final double MAX_TILT_DEG = 10.0;
    private static final double MAX_TILT_RAD = Math.toRadians(MAX_TILT_DEG);

    private final int windowTicks;
    private final int giveUpTicks;
    private final double periodS;

    private int settledTicks;
    private int pidTicks;
    private double sumVerticalThrust;
    private double windowStartVerticalSpeedMps;
    private volatile int status = COLLECTING;
    private volatile double estimate = Double.NaN;
    private long observed;
    private volatile long readyAtTick = -1;

    /**
     * @param windowTicks settled ticks averaged, at least 10
     * @param giveUpTicks PID ticks after which to stop looking, at least {@code windowTicks}
     * @param periodS     control period, s (for the acceleration correction)
     */
    public HoverThrustEstimator(int windowTicks, int giveUpTicks, double periodS) {
        if (windowTicks < 10) {
            throw new IllegalArgumentException("hover-thrust estimator: windowTicks expected at least 10, found "
                    + windowTicks);
        }
        if (giveUpTicks < windowTicks) {
            throw new IllegalArgumentException("hover-thrust estimator: giveUpTicks expected at least windowTicks ("
                    + windowTicks + "), found " + giveUpTicks);
        }
        if (!(periodS > 0) || !Double.isFinite(periodS)) {
            throw new IllegalArgumentException("hover-thrust estimator: periodS expected a finite value > 0, found "
                    + periodS);
        }
        this.windowTicks = windowTicks;
        this.giveUpTicks = giveUpTicks;
        this.periodS = periodS;
    }

    /**
     * One control tick; call it every tick.
     *
     * @param pidFlying          the PID's setpoint was sent this tick and the state was trusted
     * @param thrustNormalized   the collective thrust sent
     * @param thrustLimited      the PID clamped its thrust this tick
     * @param tiltRad            the vehicle's measured tilt, rad
     * @param velocityNwuMps     the vehicle's velocity, NWU m/s
     * @param heightErrorM       vehicle height minus target height, m
     */
    public void observe(boolean pidFlying, double thrustNormalized, boolean thrustLimited, double tiltRad,
                        double[] velocityNwuMps, double heightErrorM) {
        long tick = observed++;
        if (status != COLLECTING || !pidFlying) {
            return;
        }
        pidTicks++;
        double vx = velocityNwuMps[0];
        double vy = velocityNwuMps[1];
        double vz = velocityNwuMps[2];
        boolean settled = !thrustLimited && Double.isFinite(thrustNormalized)
                && tiltRad < MAX_TILT_RAD
                && Math.abs(vz) < MAX_VERTICAL_SPEED_MPS
                && vx * vx + vy * vy < MAX_HORIZONTAL_SPEED_MPS * MAX_HORIZONTAL_SPEED_MPS
                && Math.abs(heightErrorM) < MAX_HEIGHT_ERROR_M;
        if (!settled) {
            settledTicks = 0;
            sumVerticalThrust = 0;
            if (pidTicks >= giveUpTicks) {
                status = GAVE_UP;
            }
            return;
        }
        if (settledTicks == 0) {
            windowStartVerticalSpeedMps = vz;
        }
        sumVerticalThrust += thrustNormalized * StrictMath.cos(tiltRad);
        settledTicks++;
        if (settledTicks < windowTicks) {
            if (pidTicks >= giveUpTicks) {
                status = GAVE_UP;
            }
            return;
        }
        // thrust/hover = (a_z + g) / g for the vertical component, so the window's mean is hover·(1 + mean a_z / g)
        double meanAccelerationMps2 = (vz - windowStartVerticalSpeedMps) / ((windowTicks - 1) * periodS);
        estimate = sumVerticalThrust / windowTicks / (1.0 + meanAccelerationMps2 / PositionPid.GRAVITY_MPS2);
        readyAtTick = tick;
        status = READY;
    }

    /** {@link #COLLECTING}, {@link #READY} or {@link #GAVE_UP} (any thread). */
    public int status() {
        return status;
    }

    /** The measured hover thrust, normalized; NaN unless {@link #READY} (any thread). */
    public double estimate() {
        return estimate;
    }

    /**
     * The tick that completed the estimate, counted from the first {@link #observe} call (the flight controller's
     * tick number, as it observes every tick); -1 unless {@link #READY} (any thread).
     */
    public long readyAtTick() {
        return readyAtTick;
    }

    /** Length of the averaged window, s. */
    public double windowS() {
        return windowTicks * periodS;
    }

    /** Time after which the estimator gives up, s of PID flight. */
    public double giveUpS() {
        return giveUpTicks * periodS;
    }
}
