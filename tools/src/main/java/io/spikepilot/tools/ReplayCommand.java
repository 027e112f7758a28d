package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.FlightReplay;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.ReplayComparison;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.report.flight.FlightRecords;
import io.spikepilot.report.flight.FlightReport;
import io.spikepilot.report.flight.TickCollector;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/** {@code spikepilot replay}: re-runs a recorded flight through the controller and compares every tick. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Replay a recorded flight through the controller, bit for bit, or ask what another policy would "
                    + "have done.",
            "",
            "Rebuilds the flight loop from the policy and the flight configuration, feeds it the trace's "
                    + "recorded inputs (state read, link time, operator commands and targets, injected faults, "
                    + "tick timing) tick by tick, and compares mode, reasons, flags, observation, raw action and "
                    + "setpoints on their bits. With the policy that flew it must print 'N ticks, "
                    + "bit-identical'. With another policy it is a what-if over the recorded states (the vehicle "
                    + "is not re-simulated): per-field RMS and max differences and the ticks whose mode would "
                    + "differ. Writes the flight report of the replayed ticks (see 'report flight'). Exit status: "
                    + "0 bit-identical, 1 not, 2 bad input, 3 the policy does not fit the configuration (refused, "
                    + "as fly would)."})
public final class ReplayCommand implements Callable<Integer>, CheckedOptions {
    /** CPU time of the whole process (every thread: the report's, the JIT's, the GC's), for the speed line. */
    private static final com.sun.management.OperatingSystemMXBean CPU = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace",
            description = "The flight's trace (*.trace.csv, format 3; format 2 replays without fault records). With "
                    + "--tlog: the trace of the same flight, for the inputs a .tlog does not hold (found beside the "
                    + ".tlog by name when not given).")
    Path trace;

    @Option(names = "--tlog",
            description = "Replay a MAVLink .tlog (ours, QGroundControl's, MAVProxy's): the state is rebuilt from "
                    + "its LOCAL_POSITION_NED, ATTITUDE_QUATERNION, ATTITUDE or ODOMETRY; our own logged "
                    + "SET_ATTITUDE_TARGET are checked bit for bit, another controller's ATTITUDE_TARGET is set "
                    + "against the network's commands.")
    Path tlog;

    @Option(names = "--ulog",
            description = "Replay a PX4 ULog (.ulg) as a what-if: the network's commands against PX4's, tick by tick.")
    Path ulog;

    @Option(names = "--system-id", defaultValue = "0",
            description = "With --tlog: the MAVLink system id of the vehicle whose state to replay (1..255); 0, the "
                    + "default, picks the system that sent the most state messages.")
    int systemId;

    @Option(names = "--run-dir",
            description = "With --tlog or --ulog: folder for the replay's outputs: replay.trace.csv (the replayed "
                    + "ticks, in the trace format), whatif.csv (the network's and the PID's commands against the "
                    + "flown ones, tick by tick) and summary.txt.")
    Path runDir;

    @Option(names = "--policy", required = true,
            description = "Policy file (safetensors) or 'pid': the one flown for a check, another one for a what-if.")
    String policy;

    @Option(names = "--config", required = true, description = "The flight configuration the trace was flown with.")
    Path config;

    @Option(names = "--out", description = "Write the replayed trace here (same format as the recorded one).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Folder for the flight report of the replayed ticks (index.html and its PNGs). Default: "
                    + "<trace stem>-replay-report beside the trace; for --tlog and --ulog, report/ in --run-dir, "
                    + "or <log name>-replay-report beside the log.")
    Path report;

    @Option(names = "--no-report", description = "Write no flight report.")
    boolean noReport;

    private FlightConfig flight;
    private FlyPolicy replayPolicy;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec);
        int sources = (tlog != null ? 1 : 0) + (ulog != null ? 1 : 0) + (trace != null && tlog == null ? 1 : 0);
        check.require(sources == 1, "replay expected one flight to replay: --trace, --tlog (with or without "
                + "--trace) or --ulog, found " + (sources == 0 ? "none" : "more than one"));
        if (trace != null) {
            check.readableFile("--trace", trace);
        }
        if (tlog != null) {
            check.readableFile("--tlog", tlog);
        }
        if (ulog != null) {
            check.readableFile("--ulog", ulog);
        }
        check.inRange("--system-id", systemId, 0, 255);
        check.require(systemId == 0 || tlog != null, "--system-id expected --tlog beside it, found none");
        check.require(runDir == null || tlog != null || ulog != null, "--run-dir expected --tlog or --ulog beside "
                + "it, found none (a trace replay writes its trace with --out)");
        if (runDir != null) {
            check.creatableDirectory("--run-dir", runDir);
        }
        FlightInputs.Recorded inputs = FlightInputs.recorded(check, config, policy);
        if (out != null) {
            check.writableFile("--out", out);
        }
        check.require(report == null || !noReport, "--report and --no-report exclude each other");
        if (report != null) {
            check.creatableDirectory("--report", report);
        }
        flight = inputs.flight();
        replayPolicy = inputs.policy();
    }

    @Override
    public Integer call() {
        if (tlog != null || ulog != null) {
            return new LogReplayRun(flight, replayPolicy, spec.commandLine().getOut(), spec.commandLine().getErr())
                    .run(tlog, ulog, tlog != null ? traceOf(tlog) : null, systemId, runDir, out,
                            noReport ? null : logReportDir(tlog != null ? tlog : ulog));
        }
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordedTrace recorded;
        long readNs;
        long[] cpuNs = new long[3];
        try {
            long readStartNs = System.nanoTime();
            long readCpuNs = CPU.getProcessCpuTime();
            recorded = TraceReader.read(trace);
            readNs = System.nanoTime() - readStartNs;
            cpuNs[0] = CPU.getProcessCpuTime() - readCpuNs;
        } catch (TraceFormatException e) {
            err.println("spikepilot replay: --trace: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }

        String flownBase = TraceIdentity.base(recorded.policyId());
        boolean samePolicy = flownBase.equals(replayPolicy.identity());
        String configId = TraceIdentity.of(flight);
        console.println("replay of " + trace + ": " + recorded.rows().size() + " ticks, with "
                + replayPolicy.describe());
        if (recorded.stopNote() != null) {
            console.println("note: " + recorded.stopNote());
        }
        if (!recorded.policyId().equals(flownBase)) {
            String wrapper = recorded.policyId().substring(flownBase.length() + 1);
            if (recorded.formatVersion() >= 3) {
                console.println("note: the flight's policy was wrapped by " + wrapper + " (the demo's fault "
                        + "injection); the replay re-applies the fault on the " + recorded.injectedFaultTicks()
                        + " ticks the trace records it");
            } else {
                console.println("note: the flight's policy was wrapped by " + wrapper + " (the demo's fault "
                        + "injection), and this format-" + recorded.formatVersion() + " trace does not record "
                        + "when the fault was on, so ticks the wrapper altered diverge");
            }
        }
        if (!samePolicy) {
            console.println("what-if: flown with policy " + recorded.policyId() + ", replayed with "
                    + replayPolicy.identity() + "; the recorded states are fed open loop (the vehicle is not "
                    + "re-simulated)");
        }
        if (!recorded.configId().equals(configId)) {
            console.println("note: " + config + " (" + configId + ") is not the configuration the trace was flown "
                    + "with (" + recorded.configId() + "): a what-if of the configuration too");
        }

        ReplayComparison comparison;
        long replayNs;
        TickCollector replayed = noReport ? null : new TickCollector();
        Policy replaying = replayPolicy.newInstance();
        try (TraceOut traceOut = out == null ? null
                : new TraceOut(out, replayPolicy.identity(), configId)) {
            boolean matches = samePolicy ? recorded.rows().get(0).policyMatchesConfig : replayPolicy.matchesConfig();
            long replayStartNs = System.nanoTime();
            long replayCpuNs = CPU.getProcessCpuTime();
            comparison = FlightReplay.run(flight, replaying, matches, recorded, both(traceOut, replayed));
            replayNs = System.nanoTime() - replayStartNs;
            cpuNs[1] = CPU.getProcessCpuTime() - replayCpuNs;
        } catch (IOException e) {
            err.println("replay: cannot write " + out + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("spikepilot replay: failed: " + CliErrors.describe(e));
            return ExitCode.FAILURE;
        }
        console.println(comparison.verdict());
        if (!comparison.identical()) {
            console.println(String.format(Locale.ROOT, "mode would have differed on %d of %d ticks",
                    comparison.modeDifferingTicks(), comparison.ticks()));
            for (String line : comparison.fieldReport()) {
                console.println("  " + line);
            }
        }
        if (out != null) {
            console.println("replayed trace: " + out);
        }
        long reportNs = 0;
        if (replayed != null) {
            long reportStartNs = System.nanoTime();
            long reportCpuNs = CPU.getProcessCpuTime();
            writeReport(recorded, replayed, NetworkActivityLayout.of(replaying), console, err);
            reportNs = System.nanoTime() - reportStartNs;
            cpuNs[2] = CPU.getProcessCpuTime() - reportCpuNs;
        }
        double flightS = (recorded.rows().get(recorded.rows().size() - 1).nowNs - recorded.rows().get(0).nowNs) * 1e-9;
        double totalS = (readNs + replayNs + reportNs) * 1e-9;
        double cpuS = (cpuNs[0] + cpuNs[1] + cpuNs[2]) * 1e-9;
        // wall clock, and the process's CPU time: on a loaded machine the second says what the work itself costs
        // (the speed it would reach on one free core)
        console.println(String.format(Locale.ROOT, "speed: %.1f s of flight read in %.2f s, replayed in %.2f s, "
                + "reported in %.2f s: %.0fx real time in all (CPU time of the process %.2f + %.2f + %.2f s: "
                + "%.0fx on one core)", flightS, readNs * 1e-9, replayNs * 1e-9, reportNs * 1e-9, flightS / totalS,
                cpuNs[0] * 1e-9, cpuNs[1] * 1e-9, cpuNs[2] * 1e-9, flightS / cpuS));
        return comparison.identical() ? 0 : 1;
    }

    /**
     * The flight report of the replayed ticks; one that cannot be written is said on stderr and leaves the replay's
     * verdict (and exit status) as it is.
     */
    private void writeReport(RecordedTrace recorded, TickCollector replayed, NetworkActivityLayout layout,
                             PrintWriter console, PrintWriter err) {
        Path dir = report != null ? report : FlightReport.besideTrace(trace).resolveSibling(
                FlightReport.besideTrace(trace).getFileName().toString().replaceAll("-report$", "-replay-report"));
        try {
            FlightReport.Written written = FlightReport.write(FlightRecords.inMemory("replay of " + trace, recorded,
                    replayed.ticks(), layout), dir, Instant.now());
            console.println("flight report: " + written.page());
        } catch (IOException | RuntimeException e) {
            err.println("spikepilot replay: flight report not written: " + CliErrors.describe(e));
        }
    }

    /** --report, else {@code report/} in --run-dir, else {@code <log name>-replay-report} beside the log. */
    private Path logReportDir(Path log) {
        if (report != null) {
            return report;
        }
        return runDir != null ? runDir.resolve("report") : log.resolveSibling(log.getFileName() + "-replay-report");
    }

    /** Both consumers (either may be null). */
    static TickRecordConsumer both(TickRecordConsumer a, TickRecordConsumer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new TickRecordConsumer() {
            @Override
            public void accept(TickRecord r) throws Exception {
                a.accept(r);
                b.accept(r);
            }

            @Override
            public void caughtUp() throws Exception {
                a.caughtUp();
                b.caughtUp();
            }
        };
    }

    /** The trace given with --trace, or the one our flights write beside the .tlog, or null. */
    private Path traceOf(Path log) {
        if (trace != null) {
            return trace;
        }
        String name = log.getFileName().toString();
        if (!name.endsWith(".tlog")) {
            return null;
        }
        Path beside = log.resolveSibling(name.substring(0, name.length() - ".tlog".length()) + ".trace.csv");
        return Files.isRegularFile(beside) ? beside : null;
    }

    /** Writes the replayed records as a trace. */
    static final class TraceOut implements TickRecordConsumer, AutoCloseable {
        private final Writer writer;

        TraceOut(Path file, String policyId, String configId) throws IOException {
            writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            writer.write(TickTraceCsv.formatLine(policyId, configId));
            writer.write('\n');
            writer.write(TickTraceCsv.header());
            writer.write('\n');
        }

        @Override
        public void accept(TickRecord record) throws IOException {
            TickTraceCsv.appendRow(record, writer);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
