package io.spikepilot.bridge.state;

import io.spikepilot.controller.state.VehicleState;

/**
 * What the loop gets from {@link StateAssembler#read}: the vehicle state in NWU/FLU plus when each part was last
 * updated (on the clock the link thread was given). Preallocate one per reader and reuse it.
 */
public final class AssembledState {
    /** Sentinel update time for a part never received. */
    public static final long NEVER = Long.MIN_VALUE;

    /** The state; {@code timeNs} is the newest update of any part. */
    public final VehicleState state = new VehicleState();
    /** Specific force from HIGHRES_IMU in FLU, m/s². */
    public final double[] accelFluMps2 = new double[3];
    /** Raw gyro rate from HIGHRES_IMU in FLU, rad/s. */
    public final double[] gyroFluRadps = new double[3];
    public long positionVelocityUpdatedNs = NEVER;
    public long attitudeUpdatedNs = NEVER;
    public long bodyRateUpdatedNs = NEVER;
    public long imuUpdatedNs = NEVER;
    /** Number of state updates published so far; a reader sees progress by comparing it. */
    public long version;

    /** Age of the position/velocity part at {@code nowNs}, or {@link Long#MAX_VALUE} when never received. */
    public long positionVelocityAgeNs(long nowNs) {
        return age(positionVelocityUpdatedNs, nowNs);
    }

    public long attitudeAgeNs(long nowNs) {
        return age(attitudeUpdatedNs, nowNs);
    }

    public long bodyRateAgeNs(long nowNs) {
        return age(bodyRateUpdatedNs, nowNs);
    }

    public long imuAgeNs(long nowNs) {
        return age(imuUpdatedNs, nowNs);
    }

    /** Age of the oldest of position/velocity, attitude and body rate: what the supervisor compares to its limit. */
    public long oldestPartAgeNs(long nowNs) {
        return Math.max(positionVelocityAgeNs(nowNs), Math.max(attitudeAgeNs(nowNs), bodyRateAgeNs(nowNs)));
    }

    private static long age(long updatedNs, long nowNs) {
        return updatedNs == NEVER ? Long.MAX_VALUE : nowNs - updatedNs;
    }
}
