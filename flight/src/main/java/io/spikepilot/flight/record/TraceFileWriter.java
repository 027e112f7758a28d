package io.spikepilot.flight.record;

import io.spikepilot.controller.record.CsvRowBuffer;
import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.controller.record.NetworkActivityCsv;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger thread's consumer: every tick as a CSV row beside the {@code .tlog} (when a file is given), the
 * network's activity in the {@link NetworkActivityCsv} file beside it (when the policy has spiking layers), and every
 * mode transition as one log line with its reasons, and a pending request for the SNN explained by its
 * {@link HandOverNarrator}. Rows are written while the {@link DiskSpaceGuard} allows: when the disk runs low or a
 * write fails, the trace and the activity end at their last whole row, the files are closed, and the log lines go on;
 * nothing is thrown.
 *
 * <p>Rows are formatted into reused {@link CsvRowBuffer}s and written as bytes: after the first rows this thread
 * makes no garbage per tick, so it does not bring on the collections that stop the loop's thread too.
 */
public final class TraceFileWriter implements TickRecordConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");

    private final Path file;
    private final Path activityFile;
    private final DiskSpaceGuard guard;
    private final HandOverNarrator handOver;
    private final NetworkActivityLayout activity;
    private final CsvRowBuffer traceRow = new CsvRowBuffer(1536);
    private final CsvRowBuffer activityRow = new CsvRowBuffer(512);
    private OutputStream out;
    private OutputStream activityOut;
    private long rows;
    private long lastRowTick = -1;

    /**
     * @param file     the CSV trace, or null to log transitions only
     * @param policyId identity of the policy flown, for the trace's format line
     * @param configId identity of the flight configuration, for the trace's format line
     * @param handOver  explains requests for the SNN in the log (fed every record)
     * @param guard     says when recording must stop (shared with the .tlog writer)
     */
    public TraceFileWriter(Path file, String policyId, String configId, HandOverNarrator handOver, DiskSpaceGuard guard)
            throws IOException {
        this(file, policyId, configId, handOver, guard, NetworkActivityLayout.of(new int[0]));
    }

    /**
     * The same, also writing the activity of {@code activity}'s layers to {@link NetworkActivityCsv#besideTrace}
     * (no file for a policy without hidden spiking layers, or without a trace).
     */
    public TraceFileWriter(Path file, String policyId, String configId, HandOverNarrator handOver, DiskSpaceGuard guard,
                    NetworkActivityLayout activity) throws IOException {
        // opening the files may still fail (no directory, no permission): that is a flight that cannot start
        this.file = file;
        this.guard = guard;
        this.handOver = handOver;
        this.activity = activity;
        this.activityFile = file == null || activity.layers() == 0 ? null : NetworkActivityCsv.besideTrace(file);
        if (file == null || !guard.mayWrite(System.nanoTime())) {
            out = null;
            return;
        }
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (activityFile != null) {
            activityOut = new BufferedOutputStream(Files.newOutputStream(activityFile), 1 << 16);
        }
        try {
            writeLine(out, TickTraceCsv.formatLine(policyId, configId));
            writeLine(out, TickTraceCsv.header());
            if (activityOut != null) {
                writeLine(activityOut, NetworkActivityCsv.formatLine(activity));
                writeLine(activityOut, String.join(",", NetworkActivityCsv.columns(activity)));
            }
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
        }
    }

    private static void writeLine(OutputStream to, String line) throws IOException {
        to.write(line.getBytes(StandardCharsets.UTF_8));
        to.write('\n');
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
            TickTraceCsv.formatRow(r, traceRow.start());
            traceRow.writeTo(out);
            rows++;
            lastRowTick = r.tick;
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
            return;
        }
        if (activityOut != null) {
            try {
                NetworkActivityCsv.appendRow(r, activity, activityRow.start());
                activityRow.writeTo(activityOut);
            } catch (IOException e) {
                guard.writeFailed(System.nanoTime(), activityFile, e);
                stop();
            }
        }
    }

    @Override
    public void caughtUp() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
            if (activityOut != null) {
                activityOut.flush();
            }
        } catch (IOException e) {
            guard.writeFailed(System.nanoTime(), file, e);
            stop();
        }
    }

    /** Ends the trace and the activity where they are; a row the full disk cut short reads as a broken tail. */
    private void stop() {
        for (OutputStream w : new OutputStream[] {out, activityOut}) {
            if (w == null) {
                continue;
            }
            try {
                w.close();
            } catch (IOException e) {
                // the guard has said why; a full disk also refuses the last buffer
            }
        }
        out = null;
        activityOut = null;
    }

    /** Rows handed to the file (some may be lost in its buffer if the disk filled). */
    public long rows() {
        return rows;
    }

    /** The tick of the last row handed to the file, or -1. */
    public long lastRowTick() {
        return lastRowTick;
    }

    @Override
    public void close() {
        for (OutputStream w : new OutputStream[] {out, activityOut}) {
            if (w == null) {
                continue;
            }
            try {
                w.close();
            } catch (IOException e) {
                guard.writeFailed(System.nanoTime(), w == out ? file : activityFile, e);
            }
        }
        out = null;
        activityOut = null;
    }
}
