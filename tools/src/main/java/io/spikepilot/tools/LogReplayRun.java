package io.spikepilot.tools;

import io.spikepilot.bridge.replay.LogReplayResult;
import io.spikepilot.bridge.replay.TlogCensus;
import io.spikepilot.bridge.replay.TlogReplay;
import io.spikepilot.bridge.replay.TlogVehicle;
import io.spikepilot.bridge.replay.UlogReplay;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.controller.replay.WhatIfComparison;
import io.spikepilot.report.flight.FlightRecords;
import io.spikepilot.report.flight.FlightReport;
import io.spikepilot.report.flight.TickCollector;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.spikepilot.flight.FlyPolicy;

/**
 * {@code spikepilot replay --tlog / --ulog}: wiring of a log replay to its outputs. The run folder holds the
 * replayed ticks in the trace format ({@code replay.trace.csv}, what a flight report reads), the what-if table
 * ({@code whatif.csv}) and the summary printed on the console ({@code summary.txt}); the flight report of the
 * replayed ticks goes where the command says.
 */
final class LogReplayRun {
    static final String TRACE_FILE = "replay.trace.csv";
    static final String WHAT_IF_FILE = "whatif.csv";
    static final String SUMMARY_FILE = "summary.txt";

    private final FlightConfig flight;
    private final FlyPolicy policy;
    private final PrintWriter console;
    private final PrintWriter err;

    LogReplayRun(FlightConfig flight, FlyPolicy policy, PrintWriter console, PrintWriter err) {
        this.flight = flight;
        this.policy = policy;
        this.console = console;
        this.err = err;
    }

    /**
     * @param traceFile our flight's trace for a .tlog of ours, or null
     * @param traceOut  --out: a replayed trace file besides the run folder, or null
     * @param reportDir folder for the flight report of the replayed ticks, or null for none
     */
    int run(Path tlog, Path ulog, Path traceFile, int systemId, Path runDir, Path traceOut, Path reportDir) {
        String option = tlog != null ? "--tlog" : "--ulog";
        long startNs = System.nanoTime();
        LogReplayResult result;
        WhatIfComparison whatIf;
        Path tracePath = traceOut != null ? traceOut : runDir != null ? runDir.resolve(TRACE_FILE) : null;
        TickCollector replayed = reportDir == null ? null : new TickCollector();
        Policy replaying = policy.newInstance();
        try {
            if (runDir != null) {
                Files.createDirectories(runDir);
            }
            try (ReplayCommand.TraceOut trace = tracePath == null ? null
                         : new ReplayCommand.TraceOut(tracePath, policy.identity(), TraceIdentity.of(flight));
                 Writer whatIfCsv = runDir == null ? null : new BufferedWriter(Files.newBufferedWriter(
                         runDir.resolve(WHAT_IF_FILE), StandardCharsets.UTF_8), 1 << 16)) {
                whatIf = new WhatIfComparison(whatIfCsv);
                if (tlog != null) {
                    RecordedTrace recorded = null;
                    if (traceFile != null) {
                        try {
                            recorded = TraceReader.read(traceFile);
                        } catch (TraceFormatException e) {
                            err.println("spikepilot replay: --trace: " + e.getMessage());
                            return ExitCode.BAD_INPUT;
                        }
                    }
                    TlogCensus census = TlogCensus.of(tlog);
                    TlogVehicle vehicle = TlogVehicle.choose(census, systemId);
                    result = TlogReplay.run(tlog, census, vehicle, flight, replaying,
                            recorded != null ? recorded.rows().get(0).policyMatchesConfig : policy.matchesConfig(),
                            recorded, ReplayCommand.both(trace, replayed), whatIf);
                } else {
                    result = UlogReplay.run(ulog, flight, replaying, policy.matchesConfig(),
                            ReplayCommand.both(trace, replayed), whatIf);
                }
            }
        } catch (IOException e) {
            err.println("spikepilot replay: " + option + ": " + CliErrors.describe(e));
            return ExitCode.BAD_INPUT;
        } catch (Exception e) {
            err.println("spikepilot replay: failed: " + CliErrors.describe(e));
            return ExitCode.FAILURE;
        }
        double seconds = (System.nanoTime() - startNs) * 1e-9;
        List<String> lines = summary(tlog != null ? tlog : ulog, result, whatIf, seconds);
        lines.forEach(console::println);
        if (runDir != null) {
            try {
                Files.write(runDir.resolve(SUMMARY_FILE), lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("spikepilot replay: --run-dir: cannot write " + runDir.resolve(SUMMARY_FILE) + ": "
                        + CliErrors.describe(e));
                return ExitCode.BAD_INPUT;
            }
            console.println("outputs: " + runDir.resolve(TRACE_FILE) + ", " + runDir.resolve(WHAT_IF_FILE) + ", "
                    + runDir.resolve(SUMMARY_FILE));
        } else if (traceOut != null) {
            console.println("replayed trace: " + traceOut);
        }
        if (replayed != null) {
            writeReport(tlog != null ? tlog : ulog, replayed, NetworkActivityLayout.of(replaying), reportDir);
        }
        if (result.setpointCheck() != null) {
            return result.identical() ? ExitCode.OK : ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    /**
     * The flight report of the replayed ticks, identified as what the replay flew; one that cannot be written is said
     * on stderr and leaves the replay's verdict (and exit status) as it is.
     */
    private void writeReport(Path log, TickCollector replayed, NetworkActivityLayout layout, Path dir) {
        if (replayed.ticks().isEmpty()) {
            err.println("spikepilot replay: flight report not written: no tick was replayed");
            return;
        }
        RecordedTrace like = new RecordedTrace(log.toString(), TickTraceCsv.FORMAT_VERSION, policy.identity(),
                TraceIdentity.of(flight), List.of(), null);
        try {
            FlightReport.Written written = FlightReport.write(FlightRecords.inMemory("replay of " + log, like,
                    replayed.ticks(), layout), dir, Instant.now());
            console.println("flight report: " + written.page());
        } catch (IOException | RuntimeException e) {
            err.println("spikepilot replay: flight report not written: " + CliErrors.describe(e));
        }
    }

    private List<String> summary(Path log, LogReplayResult result, WhatIfComparison whatIf, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("replay of " + log + " with " + policy.describe() + ": " + result.kind());
        lines.addAll(result.notes());
        if (result.traceCompared() != null) {
            lines.add("against the trace: " + result.traceCompared().verdict());
        }
        double flownS = result.ticks() * flight.periodS();
        lines.add(String.format(Locale.ROOT, "%d ticks (%.1f s of flight) replayed in %.2f s: %.0f× real time",
                result.ticks(), flownS, seconds, seconds > 0 ? flownS / seconds : 0.0));
        if (whatIf.ticksWithFlown() > 0) {
            lines.add("commands against the flown ones (" + whatIf.ticksWithFlown() + " of " + whatIf.ticks()
                    + " ticks had one; angles NED/FRD, rad):");
            whatIf.summary().forEach(l -> lines.add("  " + l));
        }
        if (result.setpointCheck() != null) {
            lines.add(result.identical() ? "bit-identical" : "not bit-identical: " + result.setpointCheck());
        }
        return lines;
    }
}
