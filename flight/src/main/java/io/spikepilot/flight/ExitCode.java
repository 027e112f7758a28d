package io.spikepilot.flight;

/**
 * What a {@code spikepilot} exit status means, the same for every command (the README's table). Scripts and systemd
 * units branch on these, so a kind of outcome never gets two codes and a code never changes meaning.
 */
public final class ExitCode {
    /** The command did what it was asked (a flight flown, a replay bit-identical, a run trained). */
    public static final int OK = 0;
    /**
     * The command ran and its result is a failure (a flight failed, a replay diverged, a mission not as planned, a
     * required check failed), or something broke that is not the user's input.
     */
    public static final int FAILURE = 1;
    /** Bad input: an option, a file or a configuration the command cannot use; nothing was started. */
    public static final int BAD_INPUT = 2;
    /**
     * Refused to arm: a pre-flight check failed (the policy does not fit the flight configuration: rate, observation
     * layout, action space or command ranges; the autopilot, its streams or the supervisor said no); for {@code
     * doctor}, a check failed: not ready to fly.
     */
    public static final int REFUSED = 3;
    /** The link to the autopilot was lost in flight; the vehicle was left to the autopilot's failsafe. */
    public static final int LINK_LOST = 4;
    /** Interrupted by Ctrl-C (SIGINT, 128 + 2); {@code fly} has handed the vehicle back first. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (128 + 15), e.g. {@code systemctl stop}; {@code fly} has handed the vehicle back first. */
    public static final int TERMINATED = 143;

    private ExitCode() {
    }
}
