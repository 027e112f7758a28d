package io.spikepilot.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spikepilot bench}: end-to-end measurements of the whole flight pipeline against the virtual PX4. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "End-to-end measurements against the virtual PX4: the fault table and the real-time soak.",
        subcommands = {BenchFaultsCommand.class, BenchSoakCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
