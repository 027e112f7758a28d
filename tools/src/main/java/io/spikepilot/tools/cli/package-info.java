/**
 * The exit-code contract of the {@code spikepilot} command line, in one place: the codes ({@link
 * io.spikepilot.flight.ExitCode}), the translation of every way a command can end into one of them with a sentence
 * for the user and a stack trace only under {@code --debug} ({@link io.spikepilot.tools.cli.CliErrors}), and the
 * option checks every command runs before it starts work ({@link io.spikepilot.tools.cli.CheckedOptions}, {@link
 * io.spikepilot.tools.cli.OptionChecks}).
 */
package io.spikepilot.tools.cli;
