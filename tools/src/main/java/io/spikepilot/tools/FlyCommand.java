package io.spikepilot.tools;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.telemetry.BrokerAccess;
import io.spikepilot.telemetry.GroundCommands;
import io.spikepilot.telemetry.MqttTelemetry;
import io.spikepilot.telemetry.TelemetryConfig;
import io.spikepilot.bridge.transport.TransportException;
import io.spikepilot.bridge.transport.TransportUrl;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;
import io.spikepilot.flight.LinkLostException;

/** {@code spikepilot fly}: flies a vehicle through its autopilot with the SNN and the PID fallback. */
@Command(name = "fly", mixinStandardHelpOptions = true,
        description = {
            "Fly a real (or SITL) vehicle through its autopilot: SNN with PID fallback.",
            "",
            "Connects to the autopilot, requests the state streams, compiles the tick, runs the pre-flight "
                    + "checks, enters OFFBOARD (PX4) or GUIDED_NOGPS (ArduPilot), arms, takes off on the PID and "
                    + "runs the mode machine, recording a .tlog and a per-tick trace. Ctrl-C hands the vehicle "
                    + "back to the autopilot's hold mode. A silent autopilot (link.heartbeat_timeout_ms) ends "
                    + "the flight: fly stops commanding and leaves the vehicle to the autopilot's failsafe.",
            "",
            "Exit status: 0 flown, 1 failure, 2 bad input (an option, the config or the policy file), 3 refused "
                    + "to arm, 4 link to the autopilot lost in flight, 130 interrupted by Ctrl-C (after the "
                    + "hand-back), 143 stopped by SIGTERM (after the hand-back)."})
public final class FlyCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--link", required = true,
            description = "Autopilot link: udp://:14540, tcp://127.0.0.1:5760, serial:///dev/ttyAMA0?baud=921600")
    String link;

    @Option(names = "--policy", required = true,
            description = "Policy file (safetensors), or 'pid' to fly the position PID through the policy path.")
    String policy;

    @Option(names = "--config", required = true, description = "Flight configuration (see src/config/flight.yaml).")
    Path config;

    @Option(names = "--log-dir", defaultValue = "flights",
            description = "Directory for the .tlog and the trace. Default: ${DEFAULT-VALUE}")
    Path logDir;

    @Option(names = "--engage-snn-after", defaultValue = "-1",
            description = "Ask for the SNN this many seconds after take-off (negative: never). Default: ${DEFAULT-VALUE}")
    double engageSnnAfterS;

    @Option(names = "--pilot-arms",
            description = "Do not arm or switch modes: after the pre-flight checks, stream idle setpoints and wait "
                    + "for the pilot to arm and select OFFBOARD (PX4) or GUIDED_NOGPS (ArduPilot), then take off.")
    boolean pilotArms;

    @Option(names = "--duration", defaultValue = "0",
            description = "Land after this many seconds (0: fly until Ctrl-C). Default: ${DEFAULT-VALUE}")
    double durationS;

    @Option(names = "--warmup-ticks", defaultValue = "20000",
            description = "Ticks run to compile the loop before arming. Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    @Option(names = "--mqtt",
            description = "Publish telemetry to this MQTT broker (tcp://host:port or ssl://host:port; log in with "
                    + "--mqtt-credentials, check an ssl:// broker with --mqtt-ca). Telemetry only, unless ground "
                    + "commands are switched on. Default: no telemetry.")
    String mqtt;

    @Option(names = "--ground-commands", negatable = true,
            description = "Accept validated ground commands from the --mqtt broker (on the cmd topic; see the "
                    + "README), or with --no-ground-commands refuse them. Default: the config's "
                    + "telemetry.ground_commands (false in the shipped one).")
    Boolean groundCommands;

    @CommandLine.Mixin
    MqttAccessOptions mqttAccess;

    @Option(names = "--vehicle-id", defaultValue = "vehicle-1",
            description = "Vehicle id in the telemetry topics. Default: ${DEFAULT-VALUE}")
    String vehicleId;

    private FlightSettings settings;
    private FlyPolicy flyPolicy;
    private TelemetryConfig telemetryConfig;
    private BrokerAccess brokerAccess;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec)
                .parses("--link", link, FlyCommand::parseLink)
                .readableFile("--config", config)
                .finite("--engage-snn-after", engageSnnAfterS)
                .atLeast("--duration", durationS, 0)
                .atLeast("--warmup-ticks", warmupTicks, 0)
                .require(TelemetryConfig.isTopicLevel(vehicleId), "--vehicle-id expected 1-64 characters of "
                        + "[A-Za-z0-9_-] (no MQTT wildcards or '/'), found '" + vehicleId + "'");
        if (!policy.equals("pid")) {
            check.readableFile("--policy", Path.of(policy));
        }
        if (mqtt != null) {
            check.brokerUri("--mqtt", mqtt);
        }
        check.require(mqtt != null || !Boolean.TRUE.equals(groundCommands),
                "--ground-commands needs --mqtt <broker> to receive them from");
        brokerAccess = mqttAccess.check(check, "--mqtt", mqtt, System.getenv());
        check.creatableDirectory("--log-dir", logDir);
        settings = FlightInputs.settings(check, "--config", config);
        flyPolicy = FlightInputs.policy(check, "--policy", policy, settings);
        if (mqtt != null) {
            telemetryConfig = new TelemetryConfig(mqtt, "spikepilot", vehicleId, 10.0, 1000);
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw check.bad("--log-dir " + logDir + ": cannot create it (" + CliErrors.describe(e) + ")");
        }
    }

    /** A link URL's check: the transport's own message, as an {@link IllegalArgumentException}. */
    static void parseLink(String url) {
        try {
            TransportUrl.parse(url);
        } catch (TransportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        OperatorInbox inbox = new OperatorInbox();
        boolean commandsOn = groundCommands != null ? groundCommands : settings.groundCommands();
        GroundCommands commands = telemetryConfig != null && commandsOn
                ? new GroundCommands(inbox, settings.commandMaxAgeMs(), settings.commandLimits(),
                        System::currentTimeMillis, System::nanoTime) : null;
        MqttTelemetry telemetry = telemetryConfig == null ? null
                : new MqttTelemetry(telemetryConfig, brokerAccess, commands);
        FlightRun run = new FlightRun(link, settings, flyPolicy, logDir,
                new TimedFlightPlan(engageSnnAfterS, durationS), warmupTicks, UnaryOperator.identity(),
                telemetry == null ? List.of() : List.of(telemetry), inbox).pilotArms(pilotArms);
        if (commands != null) {
            commands.gateBy(run.commandGate());
        }
        Thread hook = new Thread(() -> {
            try {
                run.interruptAndAwait(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spikepilot-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println(run.fly());
            FlightReports.besideTrace(run.traceFile(), out, err);
            return 0;
        } catch (PreflightException e) {
            err.println("refusing to arm: " + e.getMessage());
            return ExitCode.REFUSED;
        } catch (LinkLostException e) {
            out.println(e.summary());
            err.println("link lost: " + e.getMessage());
            FlightReports.besideTrace(run.traceFile(), out, err);
            return LinkLostException.EXIT_STATUS;
        } catch (Exception e) {
            // the message, not the exception's class: the pilot reads this
            err.println("flight failed: " + CliErrors.describe(e));
            FlightReports.besideTrace(run.traceFile(), out, err);
            return ExitCode.FAILURE;
        } finally {
            if (telemetry != null) {
                telemetry.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits after it
            }
        }
    }
}
