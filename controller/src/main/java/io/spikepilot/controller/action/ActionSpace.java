package io.spikepilot.controller.action;

/** The meaning of a policy's four outputs. */
public enum ActionSpace {
    /**
     * The paper's Crazyflie task: four motor commands a ∈ [−1, 1] at 100 Hz, relative throttle u = (a + 1) / 2,
     * rotor order front-right, back-right, back-left, front-left (paper-spec §1.4).
     */
    MOTORS,
    /**
     * Flight through an autopilot: normalized collective thrust, roll, pitch and yaw rate, delivered as a
     * SET_ATTITUDE_TARGET to the autopilot's attitude loop.
     */
    ATTITUDE;

    /** The identifier used in policy metadata and config files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #id()}; throws with the accepted values otherwise. */
    public static ActionSpace fromId(String id) {
        for (ActionSpace s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("action space: expected one of [motors, attitude], found '" + id + "'");
    }
}
