package io.spikepilot.simulator.vfc;

/**
 * A flight mode of the virtual flight controller, as one autopilot names and numbers it ({@link Px4Mode},
 * {@link CopterMode}), with what the shared core flies in it.
 */
public interface VfcMode {
    /** The autopilot's own name of the mode (POSITION, GUIDED_NOGPS, ...). */
    String name();

    /** HEARTBEAT.custom_mode of this mode. */
    long customMode();

    /** What the vehicle does in this mode. */
    VfcBehaviour behaviour();
}
