package io.spikepilot.tools;

import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import io.spikepilot.tools.doctor.Check;
import io.spikepilot.tools.doctor.DoctorTable;
import io.spikepilot.tools.doctor.HostChecks;
import io.spikepilot.tools.doctor.LinkProbe;
import io.spikepilot.tools.doctor.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlightSettings;

/**
 * {@code spikepilot doctor}: whether this computer, this link and this autopilot are ready for {@code fly}, as one
 * table of pass / warn / fail rows with a fix under each one that is not a pass.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Check a companion computer, its autopilot link and its flight files before a flight.",
            "",
            "Checks the JVM, the clock source, the CPU governor, the free disk for the logs, the flight config and "
                    + "the policy as fly loads them, the policy's tick timed on this CPU at the config's rate, and, "
                    + "with --link, the serial device and its permissions, whether the bytes parse as MAVLink (the "
                    + "baud rate), which autopilot answers with which ids, and the state stream rates it delivers "
                    + "when asked as fly asks. Arms nothing and commands nothing but the two stream rates.",
            "",
            "  spikepilot doctor --link serial:///dev/ttyAMA0?baud=921600 \\",
            "      --policy /opt/spikepilot/policies/x500-attitude-bc-fixed.safetensors \\",
            "      --config /etc/spikepilot/flight.yaml",
            "",
            "Exit status: 0 every check passed or only warned, 3 a check failed (fly would refuse, or the loop "
                    + "would not keep its period: not ready to fly), 2 bad input (an option; nothing was checked)."})
public final class DoctorCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--link",
            description = "Autopilot link to check, as fly takes it: serial:///dev/ttyAMA0?baud=921600, udp://:14540, "
                    + "tcp://127.0.0.1:5760. Default: no link checks.")
    String link;

    @Option(names = "--policy", defaultValue = "bundled",
            description = "Policy file to check and time, 'bundled' for the shipped SNN, or 'pid'. "
                    + "Default: ${DEFAULT-VALUE}")
    String policy;

    @Option(names = "--config", description = "Flight configuration. Default: the shipped src/config/flight.yaml")
    Path config;

    @Option(names = "--log-dir", defaultValue = "flights",
            description = "Where fly will write its logs, for the disk check. Default: ${DEFAULT-VALUE}")
    Path logDir;

    @Option(names = "--timeout-ms", defaultValue = "3000",
            description = "How long to wait for the autopilot's first heartbeat, ms. Default: ${DEFAULT-VALUE}")
    long timeoutMs;

    @Option(names = "--seconds", defaultValue = "3",
            description = "Seconds of real-time ticks to time the policy. Default: ${DEFAULT-VALUE}")
    double seconds;

    @Option(names = "--warmup-ticks", defaultValue = "20000",
            description = "Ticks run to compile the tick before timing it (fly's default). Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .atLeast("--timeout-ms", timeoutMs, 1)
                .require(seconds > 0 && seconds <= 600, "--seconds expected a number in (0, 600], found " + seconds)
                .atLeast("--warmup-ticks", warmupTicks, 0)
                .creatableDirectory("--log-dir", logDir);
        if (link != null) {
            check.parses("--link", link, FlyCommand::parseLink);
        }
        if (config != null) {
            check.readableFile("--config", config);
        }
        if (!policy.equals("bundled") && !policy.equals("pid")) {
            check.readableFile("--policy", Path.of(policy));
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DoctorTable table = new DoctorTable();
        HostChecks host = new HostChecks(Path.of("/sys"));
        table.add(HostChecks.java());
        table.add(host.clockSource());
        table.add(host.governor());
        FlightDoctor flight = new FlightDoctor();
        table.add(flight.config(config, ShippedNetworks.resource("io/spikepilot/tools/" + DemoCommand.BUNDLED_CONFIG),
                "the shipped " + DemoCommand.BUNDLED_CONFIG));
        table.add(policy.equals("bundled")
                ? flight.policy(policy, ShippedNetworks.resource(DemoCommand.BUNDLED_POLICY.substring(1)),
                        "bundled " + DemoCommand.BUNDLED_POLICY)
                : flight.policy(policy, null, null));
        table.add(flight.timing(warmupTicks, seconds));
        table.add(HostChecks.disk(logDir, flight.recordingBytesPerSecond(), flight.settings() == null ? 100L << 20
                : flight.settings().minFreeBytes()));
        if (link == null) {
            table.add(Check.skip("autopilot link", "not checked: no --link given (e.g. --link "
                    + "serial:///dev/ttyAMA0?baud=921600)"));
        } else {
            FlightSettings s = flight.settings();
            LinkProbe.Expectation expected = s != null
                    ? new LinkProbe.Expectation(s.autopilot(), s.systemId(), s.componentId(), s.streamRateHz(),
                            s.minStreamHz(), config != null ? config.toString() : "the shipped flight.yaml")
                    : new LinkProbe.Expectation("px4", 1, 1, 100, 50, "the defaults (the config cannot be used)");
            table.addAll(new LinkProbe(link, expected, timeoutMs, 2_500).run());
        }
        out.print(table.render());
        out.flush();
        return table.worst() == Verdict.FAIL ? ExitCode.REFUSED : ExitCode.OK;
    }
}
