package io.spikepilot.controller.replay;

/** A trace that cannot be replayed; the message names the file, the line, the column, what was expected and found. */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the full explanation, starting with {@code file:line} */
    public TraceFormatException(String message) {
        super(message);
    }
}
