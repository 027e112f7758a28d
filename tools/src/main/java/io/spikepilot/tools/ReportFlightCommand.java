package io.spikepilot.tools;

import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.report.flight.FlightRecords;
import io.spikepilot.report.flight.FlightReport;
import io.spikepilot.report.flight.Panel;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikepilot report flight <run dir | trace>}: the flight report ({@link FlightReport}) of a recorded flight. */
@Command(name = "flight", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "A recorded flight as one HTML page with PNG panels.",
            "",
            "Reads a flight's trace (*.trace.csv, formats 2 and 3) and the network-activity file beside it "
                    + "(*.activity.csv) when there is one, and writes one self-contained page (figures embedded, "
                    + "no scripts, opens offline) with its PNGs: path vs target from above, height, position "
                    + "error, thrust, roll, pitch and yaw-rate commands of the SNN, the PID and what was sent, the "
                    + "mode timeline with the supervisor's reasons, firing rate per layer, spike rasters, membranes "
                    + "of watched neurons, tick timing. Panels the records cannot fill (a PID flight has no spikes, "
                    + "an older trace no activity file, a lockstep trace no tick timing) are named with the reason. "
                    + "A damaged trace or activity file is read up to the damage; where it stopped is named "
                    + "(file, line, column, expected, found) on stderr and in the page.",
            "",
            "Exit codes: 0 written, 1 could not write, 2 no readable flight (no trace, a wrong format version, "
                    + "not one complete tick)."})
final class ReportFlightCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN",
            description = "A run folder holding one *.trace.csv (a demo's --out), or the trace itself.")
    Path run;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for index.html and its PNGs. Default: <trace stem>-report beside the trace.")
    Path out;

    private Path trace;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec);
        if (Files.isDirectory(run)) {
            check.existingDirectory("RUN", run);
            try {
                trace = FlightRecords.traceIn(run);
            } catch (TraceFormatException e) {
                throw check.bad("RUN " + e.getMessage());
            }
        } else {
            check.readableFile("RUN", run);
            trace = run;
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            FlightRecords records = FlightRecords.load(trace);
            FlightReport.Written written = FlightReport.write(records, out != null ? out
                    : FlightReport.besideTrace(trace), Instant.now());
            for (String p : written.problems()) {
                stderr.println("report: " + p);
            }
            for (Panel p : written.missing()) {
                stdout.println("report: no panel '" + p.title() + "': " + p.missingReason());
            }
            stdout.println("report: " + written.page() + " (" + records.trace().rows().size() + " ticks, "
                    + (written.panels().size() - written.missing().size()) + " panels, " + written.problems().size()
                    + " problems)");
            return ExitCode.OK;
        } catch (TraceFormatException e) {
            stderr.println("report: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (IOException e) {
            stderr.println("report: cannot write the report: " + CliErrors.describe(e));
            return ExitCode.FAILURE;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }
}
