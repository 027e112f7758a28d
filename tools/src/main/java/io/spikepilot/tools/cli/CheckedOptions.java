package io.spikepilot.tools.cli;

import picocli.CommandLine.ParameterException;
import io.spikepilot.flight.ExitCode;

/**
 * A command whose options are checked before it does anything: {@link CliErrors#strategy()} calls {@link
 * #checkOptions()} after picocli has parsed the command line and before {@code call()}, so bad input ends with exit
 * {@link ExitCode#BAD_INPUT} and a sentence naming the option, with no file written, no port opened and no training
 * started. Having the checks apart from the work is also what lets a test try every option of every command without
 * running any of them.
 */
public interface CheckedOptions {
    /**
     * Checks every option (ranges, files readable and within their size limit, URLs, directories creatable) and may
     * load what later steps need (a config, a policy), so that {@code call()} only starts work.
     *
     * @throws ParameterException when an option is unusable; the message names the option as the user typed it
     * @throws Exception          a pre-flight refusal or another outcome {@link CliErrors} maps to its exit code
     */
    void checkOptions() throws Exception;
}
