package io.spikepilot.bridge.session;

/** A session step (detection, command, mode change) failed; the message says what happened and what to do. */
public final class SessionException extends Exception {
    public SessionException(String message) {
        super(message);
    }

    /** The same, with the failure underneath. */
    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
