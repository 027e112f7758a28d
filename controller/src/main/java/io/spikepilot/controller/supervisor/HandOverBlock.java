package io.spikepilot.controller.supervisor;

/**
 * The one condition that keeps the SNN from taking over this tick, as the supervisor saw it: the first of the gates
 * of the PID → SNN transition, in the order an operator would have to clear them. The numbers behind it are in the
 * {@link HandOverStatus} beside it.
 */
public enum HandOverBlock {
    /** Nothing blocks: the SNN takes over at the tick that sees the request (or already did). */
    READY,
    /** The SNN flies. */
    ENGAGED,
    /** The hand-over starts only from PID flight, and the vehicle is on the ground or landing. */
    NOT_IN_PID,
    /** The policy does not match the flight configuration: it may never fly. */
    POLICY_MISMATCH,
    /** The state estimate is stale, invalid or lost. */
    STATE,
    /** No message from the autopilot for longer than the link timeout. */
    LINK,
    /** The loop missed more ticks than allowed before this one. */
    LOOP_OVERRUN,
    /** The policy's output was non-finite, saturated, frozen, or its fixed-point arithmetic saturated. */
    POLICY_OUTPUT,
    /** Tilt, speed or distance from the target beyond the envelope. */
    ENVELOPE,
    /** The SNN has not yet stepped in shadow for the warm-up ticks. */
    WARMUP,
    /** The SNN's setpoint has not agreed with the PID's for the agreement ticks. */
    AGREEMENT;

    private static final HandOverBlock[] VALUES = values();

    /** The block of {@link #ordinal()} {@code ordinal}, without allocating. */
    public static HandOverBlock ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
