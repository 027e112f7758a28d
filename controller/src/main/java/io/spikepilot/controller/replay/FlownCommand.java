package io.spikepilot.controller.replay;

import io.spikepilot.controller.math.Quaternions;

/**
 * The attitude command the log says was flown at a tick (by PX4's own controller, or an autopilot's attitude target),
 * in the controller's frames: collective thrust in [0, 1], attitude NWU/FLU, body rates FLU. A field the log does
 * not hold is NaN (a whole quaternion, or one rate). Held until the log brings a newer one; {@link #timeNs} says when
 * it was logged, {@link Long#MIN_VALUE} before the first.
 */
public final class FlownCommand {
    /** Log time of the command, ns on the replay's clock. */
    public long timeNs = Long.MIN_VALUE;
    /** Collective thrust, 0..1, or NaN. */
    public double thrustNormalized = Double.NaN;
    /** Attitude NWU/FLU, or all NaN. */
    public final double[] attitudeNwuFlu = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    /** Body rates FLU, rad/s, each NaN when not commanded. */
    public final double[] bodyRateFluRadps = {Double.NaN, Double.NaN, Double.NaN};

    /** True once a command has been logged. */
    public boolean present() {
        return timeNs != Long.MIN_VALUE;
    }

    /** True when the attitude is a usable rotation. */
    public boolean hasAttitude() {
        return Quaternions.isUnit(attitudeNwuFlu, 1e-2);
    }
}
