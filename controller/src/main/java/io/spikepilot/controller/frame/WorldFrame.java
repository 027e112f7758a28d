package io.spikepilot.controller.frame;

/** World (earth-fixed, local tangent) frames that appear in spikepilot. */
public enum WorldFrame {
    /** x north, y east, z down: MAVLink's MAV_FRAME_LOCAL_NED, used by PX4 and ArduPilot. */
    NED,
    /** x north, y west, z up: the controller's and the simulator's world frame (the paper's z-up world). */
    NWU
}
