package io.spikepilot.tools;

import io.spikepilot.tools.cli.CliErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of the {@code spikepilot} command. Subcommands register themselves in {@code subcommands}. */
@Command(name = "spikepilot",
        mixinStandardHelpOptions = true,
        versionProvider = SpikepilotCli.Version.class,
        sortOptions = false,
        description = {
            "A quadcopter flight controller whose brain is a fixed-point spiking neural network.",
            "",
            "Run 'spikepilot <command> --help' for the options of a command.",
            "",
            "Exit status, the same for every command: 0 done, 1 failed (the command ran and its result is a failure, "
                    + "or an internal error), 2 bad input (an option, file or configuration; nothing started), "
                    + "3 refused to arm (a pre-flight check failed, e.g. the policy does not fit the flight "
                    + "configuration), 4 link to the autopilot lost in flight, 130 interrupted by Ctrl-C, 143 stopped "
                    + "by SIGTERM."},
        subcommands = {
            // in the order a newcomer meets them: watch it fly, check the vehicle, fly it, then build and check its parts
            DemoCommand.class,
            DoctorCommand.class,
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
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SpikepilotCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Inherited, so it is accepted after any command word; CliErrors reads it from the parse result.
    @Option(names = CliErrors.DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (without it, errors are one sentence).")
    boolean debug;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status;
        try {
            status = commandLine().execute(args);
        } catch (Throwable t) {
            // what escapes picocli's handlers is an Error (out of memory): still one sentence, not a JVM trace
            status = CliErrors.unhandled(t, args, new PrintWriter(System.err, true));
        }
        System.exit(status);
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return CliErrors.install(bare());
    }

    /** The command tree without the exit-code handlers; tests install their own strategy on it. */
    static CommandLine bare() {
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
