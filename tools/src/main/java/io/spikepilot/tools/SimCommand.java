package io.spikepilot.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spikepilot sim}: the simulator's commands. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = "The quadrotor simulator: physics check, a simulated PX4 to fly against, an MQTT broker for the "
                + "bench.",
        subcommands = {SimCheckCommand.class, SimServeCommand.class, SimBrokerCommand.class})
public final class SimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
