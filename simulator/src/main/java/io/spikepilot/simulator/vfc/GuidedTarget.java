package io.spikepilot.simulator.vfc;

/**
 * ArduCopter's guided attitude target as its angle controller keeps it (mode_guided.cpp guided_angle_state): whether
 * the angle sub-mode is active, the thrust or the climb rate the last target asked for (read through GUID_OPTIONS
 * when it came), the heading to hold when it levels out, and when it came, which GUID_TIMEOUT judges.
 */
final class GuidedTarget {
    private boolean active;
    private boolean usesThrust;
    private double thrust;
    private double climbRateMps;
    private double yawRad;
    private boolean timedOut;
    private long takenNs = Long.MIN_VALUE;

    /**
     * Takes a target: {@code thrustField} is SET_ATTITUDE_TARGET's thrust, {@code yawRad} its attitude's heading.
     * With GUID_OPTIONS bit 3 the thrust is thrust (ArduCopter clamps to [-1, 1]; these rotors do not reverse, so
     * below 0 is 0); otherwise 0.5 holds altitude, 1 climbs at WPNAV_SPEED_UP and 0 descends at WPNAV_SPEED_DN.
     */
    void take(double thrustField, double yawRad, long nowNs, VfcParameters parameters) {
        usesThrust = ((int) parameters.value("GUID_OPTIONS") & ArduCopterDialect.GUID_OPTIONS_THRUST) != 0;
        double t = Math.max(0.0, Math.min(1.0, thrustField));
        if (usesThrust) {
            thrust = t;
            climbRateMps = 0;
        } else {
            thrust = Double.NaN;
            climbRateMps = t >= 0.5 ? (t - 0.5) * 2.0 * parameters.value("WPNAV_SPEED_UP") * 0.01
                    : -(0.5 - t) * 2.0 * parameters.value("WPNAV_SPEED_DN") * 0.01;
        }
        this.yawRad = yawRad;
        active = true;
        timedOut = false;
        takenNs = nowNs;
    }

    /**
     * Forgets the target on entering (or re-initialising) {@code mode}: GUIDED waits for one; GUIDED_NOGPS starts in
     * the angle controller, levelled at {@code holdYawRad}, as if its target had timed out (without saying so).
     */
    void forget(VfcMode mode, double holdYawRad) {
        active = mode.behaviour() == VfcBehaviour.GUIDED_ANGLE;
        timedOut = active;
        takenNs = Long.MIN_VALUE;
        yawRad = holdYawRad;
    }

    /** Whether the angle sub-mode is active (a target came since entry, or the mode is GUIDED_NOGPS). */
    boolean active() {
        return active;
    }

    /** Whether the last target is younger than GUID_TIMEOUT. */
    boolean fresh(long nowNs, VfcParameters parameters) {
        return takenNs != Long.MIN_VALUE && nowNs - takenNs <= (long) (parameters.value("GUID_TIMEOUT") * 1e9);
    }

    /** Marks the target timed out; true the first time since it came (the moment to say so). */
    boolean markTimedOut() {
        boolean first = active && !timedOut;
        timedOut = true;
        return first;
    }

    /** Whether the target's thrust field was read as thrust. */
    boolean usesThrust() {
        return usesThrust;
    }

    /** The thrust asked for, normalized (NaN when read as a climb rate). */
    double thrust() {
        return thrust;
    }

    /** The climb rate asked for, m/s up (0 when read as thrust). */
    double climbRateMps() {
        return climbRateMps;
    }

    /** The heading to hold when levelling out, NWU rad. */
    double yawRad() {
        return yawRad;
    }

    /** ArduCopter takes off only on a positive thrust or climb rate. */
    boolean asksToClimb() {
        return usesThrust ? thrust > 0 : climbRateMps > 0;
    }
}
