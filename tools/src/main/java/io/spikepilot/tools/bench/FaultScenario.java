package io.spikepilot.tools.bench;

import io.spikepilot.controller.supervisor.Reasons;

/**
 * The faults of the fault table, each injected once while the SNN flies a hover. {@link #visibleAs} are the supervisor
 * reasons through which the fault reaches the tick (none: the loop cannot see it, the autopilot handles it);
 * {@link #durationS} is how long it lasts (0: an event, or until the flight ends).
 */
public enum FaultScenario {
    STALE_STATE("stale state (no state stream for 0.3 s)", Reasons.STATE_STALE, 0.3),
    // the bridge's state assembler drops such messages, so the estimate goes stale; an invalid one that got through
    // would be STATE_INVALID
    NAN_STATE("NaN state (NaN velocity for 0.3 s)", Reasons.STATE_INVALID | Reasons.STATE_STALE, 0.3),
    NON_UNIT_QUATERNION("non-unit quaternion (norm 1.3 for 0.3 s)", Reasons.STATE_INVALID | Reasons.STATE_STALE,
            0.3),
    FROZEN_OUTPUT("frozen policy output (2 s)", Reasons.POLICY_FROZEN, 2.0),
    SATURATED_OUTPUT("saturated policy output (1 s)", Reasons.POLICY_SATURATED, 1.0),
    FIXED_POINT_SATURATION("fixed-point saturation (1 s)", Reasons.FIXED_POINT_SATURATION, 1.0),
    NAN_OUTPUT("NaN policy output (0.5 s, the demo's fault)", Reasons.POLICY_NON_FINITE, 0.5),
    LOOP_STALL("200 ms loop stall", Reasons.LOOP_OVERRUN, 0.0),
    LINK_DROP_0_2S("link drop 0.2 s", Reasons.STATE_STALE, 0.2),
    LINK_DROP_1S("link drop 1 s", Reasons.STATE_STALE, 1.0),
    LINK_DROP_5S("link drop 5 s", Reasons.STATE_STALE, 5.0),
    PACKET_LOSS_5("packet loss 5 % both ways (6 s)", Reasons.STATE_STALE, 6.0),
    PACKET_LOSS_20("packet loss 20 % both ways (6 s)", Reasons.STATE_STALE, 6.0),
    GARBAGE_BYTES("garbage: junk datagrams and bit errors (6 s)", Reasons.STATE_STALE, 6.0),
    AUTOPILOT_REBOOT("autopilot reboot mid-flight (motors off, 3 s silent)", Reasons.STATE_STALE, 3.0),
    PILOT_MODE_SWITCH("pilot's RC mode switch to POSCTL", Reasons.NONE, 0.0),
    COMPANION_KILLED("companion killed (SIGKILL) -> COM_OF_LOSS_T failsafe", Reasons.NONE, 0.0);

    private final String label;
    private final int visibleAs;
    private final double durationS;

    FaultScenario(String label, int visibleAs, double durationS) {
        this.label = label;
        this.visibleAs = visibleAs;
        this.durationS = durationS;
    }

    /** What the table calls it. */
    public String label() {
        return label;
    }

    /** Supervisor reason bits that show the fault to the tick; {@link Reasons#NONE} when the tick cannot see it. */
    public int visibleAs() {
        return visibleAs;
    }

    /** How long the fault lasts, s (0: a single event). */
    public double durationS() {
        return durationS;
    }

    /** Whether the loop can see the fault, so the one-tick fallback goal applies. */
    public boolean visibleToTick() {
        return visibleAs != Reasons.NONE;
    }

    /** The name used on the command line: lower case with dashes, e.g. {@code link-drop-1s}. */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The scenario named {@code name} as on the command line, or null. */
    public static FaultScenario byOptionName(String name) {
        for (FaultScenario s : values()) {
            if (s.optionName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
