package io.spikepilot.flight;

import io.spikepilot.flight.ExitCode;
import io.spikepilot.flight.HasExitCode;

/** A pre-flight check failed: the controller refuses to arm, and the message says why and what to do. */
public final class PreflightException extends Exception implements HasExitCode {
    private static final long serialVersionUID = 1L;

    /** @param reason what failed, in words a pilot can act on */
    public PreflightException(String reason) {
        super(reason);
    }

    /**
     * @param reason what failed, in words a pilot can act on
     * @param cause  the failure underneath, for the log
     */
    public PreflightException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Refused to arm, in every command that checks a policy against a flight ({@code fly}, {@code demo}, {@code replay}). */
    @Override
    public int exitCode() {
        return ExitCode.REFUSED;
    }
}
