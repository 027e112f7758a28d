package io.spikepilot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code spikepilot} command. Subcommands register themselves in {@code subcommands}. */
@Command(name = "spikepilot",
        mixinStandardHelpOptions = true,
        versionProvider = SpikepilotCli.Version.class,
        sortOptions = false,
        description = {
            "A quadcopter flight controller whose brain is a fixed-point spiking neural network.",
            "",
            "Run 'spikepilot <command> --help' for the options of a command."},
        subcommands = {
            // in the order a newcomer meets them: watch it fly, fly it, then build and check its parts
            DemoCommand.class,
            FlyCommand.class,
            SimCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            DatasetCommand.class,
            ExperimentCommand.class,
            ReportCommand.class,
            CalibrateCommand.class,
            ReplayCommand.class,
            AnalyzeCommand.class,
            MavlinkCommand.class,
            BenchLoopCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SpikepilotCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new SpikepilotCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version Maven filtered into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = SpikepilotCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "spikepilot " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("os.arch") + ")"};
        }
    }
}
