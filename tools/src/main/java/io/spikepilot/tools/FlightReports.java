package io.spikepilot.tools;

import io.spikepilot.controller.record.NetworkActivityCsv;
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
 *
 * <p>The report reads the whole trace into memory, and {@code fly}'s heap is sized for the loop (256 MB fixed, see
 * the launcher): a long flight's report would not fit beside it. Such a report is left to {@code spikepilot report
 * flight}, in a JVM of its own, and the flight says so instead of ending in an out-of-memory error.
 */
final class FlightReports {
    /**
     * Heap a report takes per byte of trace and activity CSV, measured with a 30-minute, 100 Hz trace of 192 MB:
     * its report failed in a 512 MB heap and was written in 1 GB (rounded up to leave the loop's own objects room).
     */
    static final long HEAP_BYTES_PER_TRACE_BYTE = 5;

    private FlightReports() {
    }

    /** Writes the report of the flight recorded in {@code trace} (nothing when null or never written). */
    static FlightReport.Written besideTrace(Path trace, PrintWriter out, PrintWriter err) {
        Runtime runtime = Runtime.getRuntime();
        return besideTrace(trace, runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()), out, err);
    }

    /** As {@link #besideTrace(Path, PrintWriter, PrintWriter)}, with {@code freeHeapBytes} the heap it may use. */
    static FlightReport.Written besideTrace(Path trace, long freeHeapBytes, PrintWriter out, PrintWriter err) {
        if (trace == null || !Files.exists(trace)) {
            return null;
        }
        try {
            Path activity = NetworkActivityCsv.besideTrace(trace);
            long csvBytes = Files.size(trace) + (Files.exists(activity) ? Files.size(activity) : 0);
            if (csvBytes * HEAP_BYTES_PER_TRACE_BYTE > freeHeapBytes) {
                err.println(String.format(java.util.Locale.ROOT, "flight report not written here: the flight's "
                        + "records (%.0f MB) need about %.0f MB of heap and this JVM has %.0f MB free; write it with "
                        + "'spikepilot report flight %s'", csvBytes / 1e6, csvBytes * HEAP_BYTES_PER_TRACE_BYTE / 1e6,
                        freeHeapBytes / 1e6, trace));
                return null;
            }
            FlightReport.Written written = FlightReport.writeBesideTrace(trace);
            out.println("flight report: " + written.page());
            for (String problem : written.problems()) {
                err.println("flight report: " + problem);
            }
            return written;
        } catch (IOException | TraceFormatException | RuntimeException | OutOfMemoryError e) {
            err.println("flight report not written: " + CliErrors.describe(e) + "; write it with 'spikepilot "
                    + "report flight " + trace + "'");
            return null;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
