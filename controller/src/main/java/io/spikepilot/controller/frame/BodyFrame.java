package io.spikepilot.controller.frame;

/** Body-fixed frames that appear in spikepilot. */
public enum BodyFrame {
    /** x forward, y right, z down: MAVLink's MAV_FRAME_BODY_FRD. */
    FRD,
    /** x forward, y left, z up: the controller's and the simulator's body frame (the paper's FLU body axes). */
    FLU
}
