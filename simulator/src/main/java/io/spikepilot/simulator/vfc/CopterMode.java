package io.spikepilot.simulator.vfc;

/**
 * The ArduCopter flight modes the virtual flight controller implements, numbered as ArduCopter numbers them
 * (HEARTBEAT.custom_mode and MAV_CMD_DO_SET_MODE param2; COPTER_MODE in ardupilotmega.xml).
 */
public enum CopterMode implements VfcMode {
    /**
     * STABILIZE, the mode ArduCopter boots in. There is no RC transmitter on the bench, so it flies the sticks
     * centred: level, throttle at hover (mid stick), resting on the ground when entered there.
     */
    STABILIZE(0, VfcBehaviour.STICKS_CENTRED),
    /** ALT_HOLD: level with centred sticks, holds the altitude. */
    ALT_HOLD(2, VfcBehaviour.HOLD_ALTITUDE),
    /** GUIDED: holds position until SET_ATTITUDE_TARGET arrives, then flies it. */
    GUIDED(4, VfcBehaviour.GUIDED),
    /** LOITER: holds the position it was entered at. */
    LOITER(5, VfcBehaviour.HOLD_POSITION),
    /** LAND: descends at LAND_SPEED and disarms after touchdown; it cannot be armed in. */
    LAND(9, VfcBehaviour.LAND),
    /** GUIDED_NOGPS: SET_ATTITUDE_TARGET only; level and altitude hold until the first target. */
    GUIDED_NOGPS(20, VfcBehaviour.GUIDED_ANGLE);

    /** ArduCopter's mode number. */
    public final int number;
    private final VfcBehaviour behaviour;

    CopterMode(int number, VfcBehaviour behaviour) {
        this.number = number;
        this.behaviour = behaviour;
    }

    @Override
    public long customMode() {
        return number;
    }

    @Override
    public VfcBehaviour behaviour() {
        return behaviour;
    }

    /** The mode with ArduCopter's number {@code number}, or null when the virtual ArduCopter has none. */
    public static CopterMode of(int number) {
        for (CopterMode m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        return null;
    }
}
