package io.spikepilot.tools;

import io.spikepilot.controller.record.NetworkActivityCsv;
import io.spikepilot.controller.record.NetworkActivityLayout;
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
 * The logger thread's consumer: every tick as a CSV row beside the {@code .tlog} (when a file is given), the
 * network's activity in the {@link NetworkActivityCsv} file beside it (when the policy has spiking layers), and every
 * mode transition as one log line with its reasons, and a pending request for the SNN explained by its
 * {@link HandOverNarrator}.
 */
final class TraceFileWriter implements TickRecordConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");

    private final Writer out;
    private final Writer activityOut;
    private final NetworkActivityLayout activity;
    private final StringBuilder activityRow = new StringBuilder(512);
    private final HandOverNarrator handOver;

    /**
     * @param file     the CSV trace, or null to log transitions only
     * @param policyId identity of the policy flown, for the trace's format line
     * @param configId identity of the flight configuration, for the trace's format line
     * @param handOver  explains requests for the SNN in the log (fed every record)
     */
    TraceFileWriter(Path file, String policyId, String configId, HandOverNarrator handOver) throws IOException {
        this(file, policyId, configId, handOver, NetworkActivityLayout.of(new int[0]));
    }

    /**
     * The same, also writing the activity of {@code activity}'s layers to {@link NetworkActivityCsv#besideTrace}
     * (no file for a policy without hidden spiking layers, or without a trace).
     */
    TraceFileWriter(Path file, String policyId, String configId, HandOverNarrator handOver,
                    NetworkActivityLayout activity) throws IOException {
        this.handOver = handOver;
        this.activity = activity;
        if (file == null || activity.layers() == 0) {
            activityOut = null;
        } else {
            activityOut = new BufferedWriter(Files.newBufferedWriter(NetworkActivityCsv.besideTrace(file),
                    StandardCharsets.UTF_8), 1 << 16);
            activityOut.write(NetworkActivityCsv.formatLine(activity));
            activityOut.write('\n');
            activityOut.write(String.join(",", NetworkActivityCsv.columns(activity)));
            activityOut.write('\n');
        }
        if (file == null) {
            out = null;
        } else {
            out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            out.write(TickTraceCsv.formatLine(policyId, configId));
            out.write('\n');
            out.write(TickTraceCsv.header());
            out.write('\n');
        }
    }

    @Override
    public void accept(TickRecord r) throws IOException {
        if (r.transitioned) {
            LOG.info("mode {} -> {} at tick {}: {}", FlightMode.ofOrdinal(r.previousMode), FlightMode.ofOrdinal(r.mode),
                    r.tick, Reasons.describe(r.reasons));
        }
        handOver.accept(r);
        if (out != null) {
            TickTraceCsv.appendRow(r, out);
        }
        if (activityOut != null) {
            activityRow.setLength(0);
            NetworkActivityCsv.appendRow(r, activity, activityRow);
            activityOut.append(activityRow);
        }
    }

    @Override
    public void caughtUp() throws IOException {
        if (out != null) {
            out.flush();
        }
        if (activityOut != null) {
            activityOut.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
        if (activityOut != null) {
            activityOut.close();
        }
    }
}
