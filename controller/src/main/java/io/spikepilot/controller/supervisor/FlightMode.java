package io.spikepilot.controller.supervisor;

/** Who flies the vehicle this tick. */
public enum FlightMode {
    /** On the ground: the stream runs (level, zero thrust) so the autopilot sees proof of life, nothing flies. */
    IDLE,
    /** The position PID flies (take-off, hold, fallback); the SNN steps in shadow to warm its membranes. */
    PID,
    /** The SNN flies; the PID computes in hot standby, tracking it for a bumpless hand-back. */
    SNN,
    /** Descending to the ground: PID-guided when the state is healthy, level open-loop descent otherwise. */
    LAND;

    private static final FlightMode[] VALUES = values();

    /** The mode of {@link #ordinal()} {@code ordinal}, without allocating. */
    public static FlightMode ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
