package io.spikepilot.tools;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.telemetry.BrokerAccess;
import io.spikepilot.telemetry.EmbeddedBroker;
import io.spikepilot.telemetry.GroundCommands;
import io.spikepilot.telemetry.MqttTelemetry;
import io.spikepilot.telemetry.TelemetryConfig;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.report.flight.FlightData;
import io.spikepilot.report.flight.FlightRecords;
import io.spikepilot.report.flight.FlightReport;
import io.spikepilot.report.flight.Panel;
import io.spikepilot.report.flight.TickCollector;
import io.spikepilot.tools.demo.DemoReport;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.flight.mission.Mission;
import io.spikepilot.flight.mission.MissionPlan;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyFileException;
import io.spikepilot.tools.cli.BadInputException;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/**
 * {@code spikepilot demo}: the whole product in one command. A virtual PX4 with a simulated X500 listens on loopback;
 * the real flight pipeline ({@code fly}'s) connects to it over MAVLink/UDP, takes off on the PID, hands over to the
 * shipped SNN, flies a circle, survives an injected fault, re-engages and lands, publishing telemetry to an embedded
 * MQTT broker and recording a .tlog, a per-tick trace and a report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Fly the shipped SNN through a mission on the built-in simulated drone.",
            "",
            "A virtual PX4 with a simulated X500 listens on loopback; the real flight pipeline connects to it "
                    + "over MAVLink/UDP and flies: take-off on the PID, hand-over to the SNN, a circle, an "
                    + "injected fault caught by the watchdog, re-engage, landing. Telemetry goes to an embedded "
                    + "MQTT broker. Writes a .tlog, a per-tick trace and the network's activity beside it, the "
                    + "flight report (an HTML page with its PNG panels) and report.md. Takes about a minute "
                    + "of real time. With --autopilot ardupilot the virtual flight controller is an ArduCopter "
                    + "instead (GUIDED_NOGPS, GUID_OPTIONS = 8) and the flight pipeline flies it as ArduPilot. "
                    + "Exit status: 0 mission flown, 1 failure, 2 bad input, 3 refused to arm, 130 interrupted by "
                    + "Ctrl-C."})
public final class DemoCommand implements Callable<Integer>, CheckedOptions {
    /** The shipped fixed-point SNN inside the jar (see policies/README.md for how it was made). */
    static final String BUNDLED_POLICY = "/policies/x500-attitude-bc-fixed.safetensors";
    static final String BUNDLED_CONFIG = "config/flight.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", defaultValue = "bundled",
            description = "Policy file to fly, 'bundled' for the shipped SNN, or 'pid'. Default: ${DEFAULT-VALUE}")
    String policy;

    @Option(names = "--config", description = "Flight configuration. Default: the shipped src/config/flight.yaml")
    Path config;

    @Option(names = "--out", description = "Output directory. Default: demo-runs/<date-time>")
    Path out;

    @Option(names = "--mqtt", defaultValue = "embedded",
            description = "'embedded' (start a broker), 'off', or a broker URI such as tcp://127.0.0.1:1883. "
                    + "Default: ${DEFAULT-VALUE}")
    String mqtt;

    @CommandLine.Mixin
    MqttAccessOptions mqttAccess;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "Port of the embedded broker (0: any free port; a free one is also used if it is taken). "
                    + "Default: ${DEFAULT-VALUE}")
    int mqttPort;

    @Option(names = "--ground-commands", negatable = true,
            description = "Also accept ground commands over MQTT while the mission flies (the mission itself needs "
                    + "none). Default: the config's telemetry.ground_commands (false in the shipped one).")
    Boolean groundCommands;

    @Option(names = "--no-fault", description = "Fly the mission without the injected fault.")
    boolean noFault;

    @Option(names = "--autopilot", defaultValue = "px4", paramLabel = "px4|ardupilot",
            description = "The virtual flight controller's flight stack, and the config's link.autopilot with it: "
                    + "px4 (OFFBOARD) or ardupilot (ArduCopter, GUIDED_NOGPS). Default: ${DEFAULT-VALUE}")
    String autopilot;

    private VfcAutopilot vfcAutopilot;

    @Option(names = "--warmup-ticks", defaultValue = "20000",
            description = "Ticks run to compile the loop before arming. Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    private FlightSettings settings;
    private BrokerAccess brokerAccess = BrokerAccess.ANONYMOUS;
    private byte[] configBytes;
    private FlyPolicy flyPolicy;
    private byte[] bundledPolicy;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec)
                .inRange("--mqtt-port", mqttPort, 0, 65_535)
                .atLeast("--warmup-ticks", warmupTicks, 0)
                .parses("--autopilot", autopilot, VfcAutopilot::parse);
        vfcAutopilot = VfcAutopilot.parse(autopilot);
        if (!policy.equals("bundled") && !policy.equals("pid")) {
            check.readableFile("--policy", Path.of(policy));
        }
        if (config != null) {
            check.readableFile("--config", config);
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        if (!mqtt.equals("embedded") && !mqtt.equals("off")) {
            check.brokerUri("--mqtt", mqtt);
        }
        // the embedded broker is anonymous on loopback: login and TLS options are for an external one
        brokerAccess = mqttAccess.check(check, "--mqtt", mqtt.equals("embedded") || mqtt.equals("off") ? null : mqtt,
                System.getenv());
        // read here, written into the run folder only once the flight starts: a refused demo leaves no folder
        if (config != null) {
            settings = FlightInputs.settings(check, "--config", config);
        } else {
            configBytes = resource("/io/spikepilot/tools/" + BUNDLED_CONFIG);
            settings = FlightConfigFile.parse("bundled " + BUNDLED_CONFIG,
                    new String(configBytes, StandardCharsets.UTF_8));
        }
        settings = settings.withAutopilot(vfcAutopilot.optionName());
        if (policy.equals("bundled")) {
            bundledPolicy = resource(BUNDLED_POLICY);
            flyPolicy = bundledPolicy(check, bundledPolicy, settings);
        } else {
            flyPolicy = FlightInputs.policy(check, "--policy", policy, settings);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out
                : Path.of("demo-runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunFolder folder = RunFolder.claim("--out", dir);
        if (configBytes != null) {
            Files.write(dir.resolve("flight.yaml"), configBytes);
        }
        if (bundledPolicy != null) {
            Files.write(dir.resolve("policy.safetensors"), bundledPolicy);
        }
        int status = fly(dir, console, err);
        if (status == ExitCode.REFUSED) {
            // nothing was flown: a folder holding a config and a refusal's log would only look like a run
            folder.discard();
        }
        return status;
    }

    /** The mission, once the run folder holds the configuration and the policy. */
    private int fly(Path dir, PrintWriter console, PrintWriter err) throws Exception {
        Mission standard = Mission.standard(settings.flight().takeoffHeightM());
        Mission mission = noFault ? standard.withoutFault() : standard;

        console.println("spikepilot demo: " + flyPolicy.describe());
        console.println("  output: " + dir.toAbsolutePath());
        Airframe x500 = Airframes.x500();
        int vfcPort = freeUdpPort();
        int companionPort = freeUdpPort();
        VfcConfig vfcConfig = VfcConfig.defaults(vfcAutopilot)
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        String link = "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort;
        EmbeddedBroker broker = null;
        MqttTelemetry telemetry = null;
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            console.println("  virtual " + vfc.describe() + " autopilot (" + x500.name() + ") on udp 127.0.0.1:"
                    + vfcPort + ", flight link " + link);
            String brokerUri = null;
            if (mqtt.equals("embedded")) {
                broker = new EmbeddedBroker("127.0.0.1", mqttPort != 0 && tcpPortFree(mqttPort) ? mqttPort
                        : freeTcpPort());
                brokerUri = broker.uri();
            } else if (!mqtt.equals("off")) {
                brokerUri = mqtt;
            }

            TickCollector recorder = new TickCollector();
            List<TickRecordConsumer> readers = new ArrayList<>();
            readers.add(recorder);
            OperatorInbox inbox = new OperatorInbox();
            GroundCommands commands = null;
            if (brokerUri != null) {
                TelemetryConfig tc = new TelemetryConfig(brokerUri, "spikepilot", "demo", 10.0, 1000);
                if (groundCommands != null ? groundCommands : settings.groundCommands()) {
                    commands = new GroundCommands(inbox, settings.commandMaxAgeMs(), settings.commandLimits(),
                            System::currentTimeMillis, System::nanoTime);
                }
                telemetry = new MqttTelemetry(tc, brokerAccess, commands);
                readers.add(telemetry);
                console.println("  MQTT telemetry: " + brokerUri + ", topics " + tc.topic("#") + " (watch with: "
                        + "mosquitto_sub -p " + brokerUri.substring(brokerUri.lastIndexOf(':') + 1)
                        + " -t 'spikepilot/#' -v)");
            }
            FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
            MissionPlan plan = new MissionPlan(mission, fault, console);
            FlightRun run = new FlightRun(link, settings, flyPolicy, dir, plan, warmupTicks,
                    p -> new FaultInjectingPolicy(p, fault), readers, inbox);
            if (commands != null) {
                commands.gateBy(run.commandGate());
                console.println("  ground commands: on, spikepilot/demo/cmd (answers on spikepilot/demo/cmd/ack)");
            }
            console.println("  connecting, compiling the tick (" + warmupTicks + " warm-up ticks), pre-flight checks...");
            console.flush();
            String flightSummary;
            try {
                flightSummary = run.fly();
            } catch (PreflightException e) {
                err.println("spikepilot demo: refusing to arm: " + e.getMessage());
                return ExitCode.REFUSED;
            } catch (Exception e) {
                err.println("spikepilot demo: the flight failed: " + CliErrors.describe(e));
                return ExitCode.FAILURE;
            }
            console.println(flightSummary);
            String header = "Policy: " + flyPolicy.describe() + "  \nAirframe: " + x500.name()
                    + " (virtual " + vfc.describe() + " autopilot over MAVLink/UDP)  \nFlight log: `"
                    + run.tlogFile().getFileName()
                    + "` (the .tlog format QGroundControl, MAVProxy and pymavlink read); per-tick trace beside it.";
            List<TickRecord> ticks = recorder.ticks();
            if (ticks.isEmpty()) {
                err.println("spikepilot demo: the flight recorded no tick");
                return ExitCode.FAILURE;
            }
            FlightReport.Written flightReport = flightReport(run, ticks, dir, console, err);
            return report(new DemoReport(new FlightData(ticks)), flightReport, mission, plan, vfc.events(), header,
                    dir, console, err);
        } finally {
            if (telemetry != null) {
                telemetry.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    /**
     * The flight report of the demo, from the recorder's ticks (they carry the network's activity whatever the
     * configuration's {@code record.trace}), beside the trace; null, said on stderr, when it cannot be written.
     */
    private FlightReport.Written flightReport(FlightRun run, List<TickRecord> ticks, Path dir, PrintWriter console,
                                              PrintWriter err) {
        Path trace = run.traceFile();
        String name = trace != null ? trace.getFileName().toString() : "demo flight";
        RecordedTrace like = new RecordedTrace(name, TickTraceCsv.FORMAT_VERSION, run.policyId(),
                TraceIdentity.of(settings.flight()), List.of(), null);
        Path folder = trace != null ? FlightReport.besideTrace(trace) : dir.resolve("flight-report");
        try {
            FlightReport.Written written = FlightReport.write(
                    FlightRecords.inMemory(trace != null ? trace.toString() : name, like, ticks, run.activityLayout()),
                    folder, Instant.now());
            console.println("flight report: " + written.page().toAbsolutePath());
            return written;
        } catch (IOException | RuntimeException e) {
            err.println("spikepilot demo: flight report not written: " + CliErrors.describe(e));
            return null;
        }
    }

    /** Writes report.md (linking the flight report's panels), prints the summary; 0 when the mission went as planned. */
    private int report(DemoReport report, FlightReport.Written flightReport, Mission mission, MissionPlan plan,
                       List<String> autopilotEvents, String header, Path dir, PrintWriter console, PrintWriter err)
            throws IOException {
        List<String> plots = flightReport == null ? List.of() : flightReport.panels().stream()
                .filter(Panel::isDrawn)
                .map(p -> dir.toAbsolutePath().relativize(flightReport.page().resolveSibling(p.file()).toAbsolutePath())
                        .toString())
                .toList();
        Files.writeString(dir.resolve("report.md"), report.markdown(mission, autopilotEvents, plots, header));
        console.println();
        console.println("summary:");
        console.print(report.summary());
        console.println("report: " + dir.resolve("report.md").toAbsolutePath());
        console.flush();
        FlightData.FaultResponse response = report.data().faultResponse();
        // the supervisor promises the fallback within one tick; 0 means in the very tick that saw the fault
        boolean faultHandled = noFault || (response != null && response.latencyTicks() <= 1);
        if (!plan.completed() || !faultHandled) {
            err.println("demo: the mission did not go as planned (" + (!plan.completed() ? "mission not completed"
                    : "fault not caught within one tick") + "); see the report");
            return 1;
        }
        return 0;
    }

    /** The shipped SNN read from its bytes, for the configuration; a policy that does not load is bad input. */
    static FlyPolicy bundledPolicy(OptionChecks check, byte[] bytes, FlightSettings settings)
            throws PreflightException {
        try {
            return FlyPolicy.of(PolicyFile.read(bytes, "bundled " + BUNDLED_POLICY), settings.flight());
        } catch (PolicyFileException e) {
            throw check.bad("--policy bundled: " + e.getMessage());
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new BadInputException("the jar has no " + name + " (rebuild with ./spikepilot or mvn package)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + name + " from the jar: " + CliErrors.describe(e), e);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean tcpPortFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
