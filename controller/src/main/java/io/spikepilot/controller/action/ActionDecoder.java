package io.spikepilot.controller.action;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;

/**
 * Maps network outputs in [−1, 1]⁴ to commands. Non-finite outputs become 0 and out-of-range outputs are clamped;
 * both are reported in the returned flags so the supervisor can act, and neither ever reaches the vehicle.
 *
 * <p>{@code attitude} mapping, per output:
 * <ul>
 *   <li>a0 → thrust, piecewise linear through the hover point: −1 ↦ minThrust, 0 ↦ hoverThrust, +1 ↦ maxThrust,
 *       so that a zero output hovers whatever the airframe;</li>
 *   <li>a1 → roll = a1·maxTilt and a2 → pitch = a2·maxTilt (Z-Y-X Euler angles in the FLU/NWU frames; positive
 *       pitch about +y left is nose-down);</li>
 *   <li>a3 → yaw rate = a3·maxYawRate, sent as feed-forward with the current yaw as the attitude's yaw, the way
 *       PX4 combines an attitude target with a yaw-rate feed-forward.</li>
 * </ul>
 */
public final class ActionDecoder {
    /** No problem with the outputs. */
    public static final int OK = 0;
    /** At least one output was outside [−1, 1] and was clamped. */
    public static final int CLAMPED = 1;
    /** At least one output was NaN or infinite and was replaced by 0. */
    public static final int NON_FINITE = 2;

    private ActionDecoder() {
    }

    /**
     * Sanitizes one output: NaN/∞ → 0, clamps to [−1, 1]. Returns the value; flags go through
     * {@link #flagsOf(double)}.
     */
    public static double sanitize(double a) {
        if (!Double.isFinite(a)) {
            return 0.0;
        }
        return a < -1.0 ? -1.0 : (a > 1.0 ? 1.0 : a);
    }

    /** The flags {@link #sanitize(double)} raises for {@code a}. */
    public static int flagsOf(double a) {
        if (!Double.isFinite(a)) {
            return NON_FINITE;
        }
        return (a < -1.0 || a > 1.0) ? CLAMPED : OK;
    }

    /**
     * {@code motors}: relative throttles u_i = (a_i + 1) / 2 into {@code throttleOut[0..3]}.
     *
     * @return {@link #OK} or a combination of {@link #CLAMPED} and {@link #NON_FINITE}
     */
    public static int decodeMotors(float[] action, int offset, double[] throttleOut) {
        int flags = OK;
        for (int i = 0; i < 4; i++) {
            double a = action[offset + i];
            flags |= flagsOf(a);
            throttleOut[i] = 0.5 * (sanitize(a) + 1.0);
        }
        return flags;
    }

    /**
     * {@code attitude}: writes thrust, attitude (with {@code currentYawNwuRad} as yaw) and yaw-rate feed-forward.
     *
     * @return {@link #OK} or a combination of {@link #CLAMPED} and {@link #NON_FINITE}
     */
    public static int decodeAttitude(float[] action, int offset, AttitudeLimits limits, double currentYawNwuRad,
                                     AttitudeSetpoint out) {
        double a0 = action[offset];
        double a1 = action[offset + 1];
        double a2 = action[offset + 2];
        double a3 = action[offset + 3];
        int flags = flagsOf(a0) | flagsOf(a1) | flagsOf(a2) | flagsOf(a3);
        a0 = sanitize(a0);
        out.thrustNormalized = thrustOf(a0, limits);
        double roll = sanitize(a1) * limits.maxTiltRad();
        double pitch = sanitize(a2) * limits.maxTiltRad();
        Quaternions.fromEulerZyx(roll, pitch, currentYawNwuRad, out.attitudeNwuFlu);
        out.bodyRateFluRadps[0] = 0;
        out.bodyRateFluRadps[1] = 0;
        out.bodyRateFluRadps[2] = sanitize(a3) * limits.maxYawRateRadps();
        out.useRollRate = false;
        out.usePitchRate = false;
        out.useYawRate = true;
        return flags;
    }

    /** Thrust for a sanitized a0, piecewise linear through hover. */
    public static double thrustOf(double a0, AttitudeLimits limits) {
        return a0 >= 0
                ? limits.hoverThrust() + a0 * (limits.maxThrust() - limits.hoverThrust())
                : limits.hoverThrust() + a0 * (limits.hoverThrust() - limits.minThrust());
    }

    /** Inverse of {@link #thrustOf}: the a0 that commands {@code thrust} (clamped to [−1, 1]). */
    public static double actionOfThrust(double thrust, AttitudeLimits limits) {
        double a = thrust >= limits.hoverThrust()
                ? (thrust - limits.hoverThrust()) / (limits.maxThrust() - limits.hoverThrust())
                : (thrust - limits.hoverThrust()) / (limits.hoverThrust() - limits.minThrust());
        return sanitize(a);
    }
}
