package io.spikepilot.controller.supervisor;

/** What the pilot (CLI, ground station) asked for this tick. Commands are edges: sent once, not held. */
public enum OperatorCommand {
    /** No request. */
    NONE,
    /** Leave IDLE and fly with the PID (take-off and hold). */
    TAKEOFF,
    /** Hand control to the SNN once it has warmed up and agrees with the PID. */
    ENGAGE_SNN,
    /** Take control back from the SNN (or cancel a pending engage). */
    RELEASE_SNN,
    /** Land now. */
    LAND;

    private static final OperatorCommand[] VALUES = values();

    /** The command of {@link #ordinal()} {@code ordinal}, without allocating. */
    public static OperatorCommand ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
