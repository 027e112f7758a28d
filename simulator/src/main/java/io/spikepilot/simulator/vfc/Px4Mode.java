package io.spikepilot.simulator.vfc;

/**
 * The PX4 flight modes the virtual flight controller implements, with their HEARTBEAT custom_mode encoding (main
 * mode in bits 16–23, sub-mode in bits 24–31; px4_custom_mode.h).
 */
public enum Px4Mode implements VfcMode {
    /** POSCTL: holds the position it was entered at (and rests on the ground when entered there). */
    POSITION(3, 0, VfcBehaviour.HOLD_POSITION),
    /** OFFBOARD: flies the companion's SET_ATTITUDE_TARGET stream. */
    OFFBOARD(6, 0, VfcBehaviour.OFFBOARD_SETPOINTS),
    /** AUTO.LOITER: holds the position it was entered at, like POSCTL with centred sticks. */
    LOITER(4, 3, VfcBehaviour.HOLD_POSITION),
    /** AUTO.LAND: descends where it is and disarms on touchdown. */
    LAND(4, 6, VfcBehaviour.LAND);

    /** PX4_CUSTOM_MAIN_MODE_* value. */
    public final int mainMode;
    /** PX4_CUSTOM_SUB_MODE_AUTO_* value, 0 when the main mode has none. */
    public final int subMode;
    private final VfcBehaviour behaviour;

    Px4Mode(int mainMode, int subMode, VfcBehaviour behaviour) {
        this.mainMode = mainMode;
        this.subMode = subMode;
        this.behaviour = behaviour;
    }

    @Override
    public VfcBehaviour behaviour() {
        return behaviour;
    }

    /** HEARTBEAT.custom_mode of this mode. */
    @Override
    public long customMode() {
        return ((long) mainMode << 16) | ((long) subMode << 24);
    }

    /** The mode a MAV_CMD_DO_SET_MODE with this main and sub mode selects, or null when the virtual PX4 has none. */
    public static Px4Mode of(int mainMode, int subMode) {
        for (Px4Mode m : values()) {
            if (m.mainMode == mainMode && m.subMode == subMode) {
                return m;
            }
        }
        return null;
    }
}
