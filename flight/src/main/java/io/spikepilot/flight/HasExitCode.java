package io.spikepilot.flight;

/**
 * An exception that is an outcome with its own exit code (a refusal to arm, a lost link), not a failure: {@link
 * CliErrors} exits with {@link #exitCode()} and prints the message without a stack trace.
 */
public interface HasExitCode {
    /** One of the {@link ExitCode} constants. */
    int exitCode();
}
