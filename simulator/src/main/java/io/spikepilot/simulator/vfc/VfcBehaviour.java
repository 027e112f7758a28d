package io.spikepilot.simulator.vfc;

/** What the shared core flies, whichever autopilot's mode asked for it. */
public enum VfcBehaviour {
    /** Holds the position the mode was entered at; rests when entered on the ground. */
    HOLD_POSITION,
    /** Level at the kept heading, holds the altitude, drifts with the wind (no position loop). */
    HOLD_ALTITUDE,
    /** The pilot's sticks centred in a manual mode: level at the kept heading, throttle at hover. */
    STICKS_CENTRED,
    /** Descends where it is at the landing speed and disarms one second after touchdown. */
    LAND,
    /** Flies the companion's SET_ATTITUDE_TARGET stream as it comes (PX4 OFFBOARD). */
    OFFBOARD_SETPOINTS,
    /**
     * ArduCopter GUIDED: holds position until the first attitude target, then flies the targets (angle
     * sub-mode) with GUID_OPTIONS' thrust reading and GUID_TIMEOUT's level-and-hold.
     */
    GUIDED,
    /** ArduCopter GUIDED_NOGPS: like {@link #GUIDED}, but enters levelled and holding altitude (no position). */
    GUIDED_ANGLE
}
