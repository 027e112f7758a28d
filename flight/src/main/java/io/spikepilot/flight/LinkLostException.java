package io.spikepilot.flight;

import io.spikepilot.flight.ExitCode;
import io.spikepilot.flight.HasExitCode;

/**
 * The autopilot's link went silent in flight: {@code fly} stopped commanding and left the vehicle to the autopilot's
 * own failsafe. The message says what the autopilot was expected to do and what was heard afterwards; the summary is
 * the flight's, with the paths of its logs. {@code fly} exits with {@link #EXIT_STATUS}.
 */
public final class LinkLostException extends Exception implements HasExitCode {
    private static final long serialVersionUID = 1L;
    /** {@code fly}'s exit status for a flight that ended on a lost link. */
    public static final int EXIT_STATUS = ExitCode.LINK_LOST;

    private final String summary;

    /**
     * @param reason  what happened and what the autopilot was expected to do, in words a pilot can act on
     * @param summary the flight summary (ticks, modes, log paths)
     */
    public LinkLostException(String reason, String summary) {
        super(reason);
        this.summary = summary;
    }

    /** The flight summary, with the paths of the logs. */
    public String summary() {
        return summary;
    }

    @Override
    public int exitCode() {
        return EXIT_STATUS;
    }
}
