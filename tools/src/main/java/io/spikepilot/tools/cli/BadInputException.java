package io.spikepilot.tools.cli;

import io.spikepilot.flight.ExitCode;
import io.spikepilot.flight.HasExitCode;

/**
 * Input the command cannot use, found after the options were checked (a file's content, a directory that cannot be
 * created, a dataset that does not fit the task): exit {@link ExitCode#BAD_INPUT}. The message is the whole sentence
 * the user reads: it names the option or file, what was expected and what was found.
 */
public final class BadInputException extends RuntimeException implements HasExitCode {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in the user's terms */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, in the user's terms
     * @param cause   the failure underneath, shown only under {@code --debug}
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
