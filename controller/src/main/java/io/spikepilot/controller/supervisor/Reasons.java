package io.spikepilot.controller.supervisor;

/**
 * The reason bits of a supervisor decision. A decision carries every condition that held this tick, so a log row
 * explains the transition it caused and the blockers that prevented another.
 */
public final class Reasons {
    /** No reason. */
    public static final int NONE = 0;
    /** The latest state estimate is older than the allowed number of control periods (or none arrived yet). */
    public static final int STATE_STALE = 1;
    /** The latest state estimate holds a non-finite number or a non-unit quaternion. */
    public static final int STATE_INVALID = 1 << 1;
    /** No fresh valid state for longer than the state-loss time: nothing can be flown closed-loop. */
    public static final int STATE_LOST = 1 << 2;
    /** A policy output was NaN or infinite. */
    public static final int POLICY_NON_FINITE = 1 << 3;
    /** Policy outputs stayed saturated for the configured number of consecutive ticks. */
    public static final int POLICY_SATURATED = 1 << 4;
    /** The fixed-point engine reported arithmetic saturation this tick. */
    public static final int FIXED_POINT_SATURATION = 1 << 5;
    /** Tilt beyond the envelope. */
    public static final int TILT_ENVELOPE = 1 << 6;
    /** Speed beyond the envelope. */
    public static final int SPEED_ENVELOPE = 1 << 7;
    /** Distance from the target beyond the envelope. */
    public static final int POSITION_ENVELOPE = 1 << 8;
    /** The loop missed more ticks than allowed before this one (overrun or stall). */
    public static final int LOOP_OVERRUN = 1 << 9;
    /** No message from the autopilot for longer than the link timeout. */
    public static final int LINK_LOST = 1 << 10;
    /** The transition was requested by the operator. */
    public static final int OPERATOR_COMMAND = 1 << 11;
    /** The policy does not match the flight configuration (layout, action space, rate): it may never fly. */
    public static final int POLICY_CONFIG_MISMATCH = 1 << 12;
    /** The SNN has stepped in shadow for the warm-up and agreed with the PID long enough. */
    public static final int SNN_READY = 1 << 13;
    /** The vehicle is on the ground. */
    public static final int LANDED = 1 << 14;
    /** The policy outputs stopped changing while the observation kept changing. */
    public static final int POLICY_FROZEN = 1 << 15;

    /** Conditions under which the state estimate is not to be flown closed-loop (stale, invalid or lost). */
    public static final int STATE_UNTRUSTED = STATE_STALE | STATE_INVALID | STATE_LOST;
    /** Conditions that make the SNN unfit to fly (and restart its warm-up). */
    public static final int SNN_FAULTS = STATE_STALE | STATE_INVALID | STATE_LOST | POLICY_NON_FINITE
            | POLICY_SATURATED | POLICY_FROZEN | FIXED_POINT_SATURATION | TILT_ENVELOPE | SPEED_ENVELOPE | POSITION_ENVELOPE
            | LOOP_OVERRUN | LINK_LOST | POLICY_CONFIG_MISMATCH;
    /** Conditions under which no closed-loop flight is possible: land. */
    public static final int LAND_FAULTS = STATE_LOST | LINK_LOST;
    /** Conditions that forbid leaving the ground. */
    public static final int TAKEOFF_BLOCKERS = STATE_STALE | STATE_INVALID | STATE_LOST | LINK_LOST;

    private static final String[] NAMES = {
        "STATE_STALE", "STATE_INVALID", "STATE_LOST", "POLICY_NON_FINITE", "POLICY_SATURATED",
        "FIXED_POINT_SATURATION", "TILT_ENVELOPE", "SPEED_ENVELOPE", "POSITION_ENVELOPE", "LOOP_OVERRUN",
        "LINK_LOST", "OPERATOR_COMMAND", "POLICY_CONFIG_MISMATCH", "SNN_READY", "LANDED", "POLICY_FROZEN"};

    private Reasons() {
    }

    /** Number of defined reason bits. */
    public static int count() {
        return NAMES.length;
    }

    /** Name of reason bit {@code bit} (0-based). */
    public static String nameOfBit(int bit) {
        return NAMES[bit];
    }

    /** Readable form such as {@code STATE_STALE|LOOP_OVERRUN}, or {@code NONE}; for logs, not for the tick. */
    public static String describe(int reasons) {
        return appendTo(new StringBuilder(), reasons).toString();
    }

    /** Appends {@link #describe}'s form to {@code sb} without building a string (for per-tick recorders). */
    public static StringBuilder appendTo(StringBuilder sb, int reasons) {
        if (reasons == NONE) {
            return sb.append("NONE");
        }
        boolean first = true;
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((reasons & (1 << bit)) != 0) {
                if (!first) {
                    sb.append('|');
                }
                first = false;
                sb.append(NAMES[bit]);
            }
        }
        return sb;
    }
}
