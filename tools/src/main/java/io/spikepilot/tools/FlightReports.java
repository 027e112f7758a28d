package io.spikepilot.tools;

import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.report.flight.FlightReport;
import io.spikepilot.tools.cli.CliErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The flight report at the end of a demo or fly run: written beside the trace, and a report that cannot be written
 * is said on stderr without changing the flight's exit status (the flight and its trace are what matter).
 */
final class FlightReports {
    private FlightReports() {
    }

    /** Writes the report of the flight recorded in {@code trace} (nothing when null or never written). */
    static FlightReport.Written besideTrace(Path trace, PrintWriter out, PrintWriter err) {
        if (trace == null || !Files.exists(trace)) {
            return null;
        }
        try {
            FlightReport.Written written = FlightReport.writeBesideTrace(trace);
            out.println("flight report: " + written.page());
            for (String problem : written.problems()) {
                err.println("flight report: " + problem);
            }
            return written;
        } catch (IOException | TraceFormatException | RuntimeException e) {
            err.println("flight report not written: " + CliErrors.describe(e));
            return null;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
