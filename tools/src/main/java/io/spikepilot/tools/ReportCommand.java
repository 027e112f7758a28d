package io.spikepilot.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spikepilot report ...}: pages for people from what other commands left on disk. One subcommand per kind of
 * folder: an experiment's, a flight's.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"HTML reports of what other commands wrote (self-contained, opens offline).", "",
            "Run 'spikepilot report <kind> --help' for its options."},
        subcommands = {ReportExperimentCommand.class, ReportFlightCommand.class})
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
