package io.spikepilot.bridge.session;

/** The outcome of a COMMAND_LONG: the autopilot's MAV_RESULT, or no answer at all. */
public final class CommandResult {
    /** MAV_RESULT_ACCEPTED. */
    public static final int ACCEPTED = 0;
    public static final int TEMPORARILY_REJECTED = 1;
    public static final int DENIED = 2;
    public static final int UNSUPPORTED = 3;
    public static final int FAILED = 4;
    public static final int IN_PROGRESS = 5;
    /** Not a MAV_RESULT: no COMMAND_ACK after every attempt. */
    public static final int NO_ACK = -1;

    public final int command;
    public final int result;
    /** Attempts made (1 = answered the first time). */
    public final int attempts;

    CommandResult(int command, int result, int attempts) {
        this.command = command;
        this.result = result;
        this.attempts = attempts;
    }

    public boolean accepted() {
        return result == ACCEPTED;
    }

    /** Human-readable MAV_RESULT. */
    public String resultName() {
        switch (result) {
            case ACCEPTED: return "ACCEPTED";
            case TEMPORARILY_REJECTED: return "TEMPORARILY_REJECTED";
            case DENIED: return "DENIED";
            case UNSUPPORTED: return "UNSUPPORTED";
            case FAILED: return "FAILED";
            case IN_PROGRESS: return "IN_PROGRESS";
            case NO_ACK: return "no COMMAND_ACK";
            default: return "MAV_RESULT " + result;
        }
    }

    @Override
    public String toString() {
        return "command " + command + ": " + resultName() + " after " + attempts + " attempt(s)";
    }
}
