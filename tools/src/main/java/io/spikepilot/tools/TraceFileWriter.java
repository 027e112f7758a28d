package io.spikepilot.tools;

import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger thread's consumer: every tick as a CSV row beside the {@code .tlog} (when a file is given), and every
 * mode transition as one log line with its reasons, and a pending request for the SNN explained by its
 * {@link HandOverNarrator}. Rows are written while the {@link DiskSpaceGuard} allows: when the disk runs low or a
 * write fails, the trace ends at the last whole row, the file is closed, and the log lines go on; nothing is thrown.
 */
final class TraceFileWriter implements TickRecordConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");

    private final Path file;
    private final DiskSpaceGuard guard;
    private final HandOverNarrator handOver;
    private Writer out;
    private long rows;
    private long lastRowTick = -1;

    /**
     * @param file     the CSV trace, or null to log transitions only
     * @param policyId identity of the policy flown, for the trace's format line
     * @param configId identity of the flight configuration, for the trace's format line
     * @param handOver  explains requests for the SNN in the log (fed every record)
     * @param guard     says when recording must stop (shared with the .tlog writer)
     */
    TraceFileWriter(Path file, String policyId, String configId, HandOverNarrator handOver, DiskSpaceGuard guard)
            throws IOException {
        // opening the file may still fail (no directory, no permission): that is a flight that cannot start
        this.file = file;
        this.guard = guard;
        this.handOver = handOver;
        if (file == null || !guard.mayWrite(System.nanoTime())) {
            out = null;
            return;
        }
        out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        try {
            out.write(TickTraceCsv.formatLine(policyId, configId));
            out.write('\n');
            out.write(TickTraceCsv.header());
            out.write('\n');
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
        }
    }

    @Override
    public void accept(TickRecord r) {
        if (r.transitioned) {
            LOG.info("mode {} -> {} at tick {}: {}", FlightMode.ofOrdinal(r.previousMode), FlightMode.ofOrdinal(r.mode),
                    r.tick, Reasons.describe(r.reasons));
        }
        handOver.accept(r);
        if (out == null) {
            return;
        }
        if (!guard.mayWrite(System.nanoTime())) {
            stop();
            return;
        }
        try {
            TickTraceCsv.appendRow(r, out);
            rows++;
            lastRowTick = r.tick;
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
        }
    }

    @Override
    public void caughtUp() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
        }
    }

    /** Ends the trace where it is; a row the full disk cut short is what a replay reads as a broken tail. */
    private void stop() {
        Writer w = out;
        out = null;
        try {
            w.close();
        } catch (IOException e) {
            // the guard has said why; a full disk also refuses the last buffer
        }
    }

    /** Rows handed to the file (some may be lost in its buffer if the disk filled). */
    long rows() {
        return rows;
    }

    /** The tick of the last row handed to the file, or -1. */
    long lastRowTick() {
        return lastRowTick;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                guard.writeFailed(System.nanoTime(), file, e);
            }
            out = null;
        }
    }
}
