package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.controller.record.NetworkActivityCsv;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.report.flight.NetworkActivity;
import io.spikepilot.report.flight.NetworkActivityReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.record.TraceFileWriter;
import io.spikepilot.flight.record.HandOverNarrator;

/**
 * The trace and activity files {@link TraceFileWriter} writes through its reused row buffers are byte for byte those
 * of the string-building writer it replaced, and writing them makes no garbage on the logger thread.
 */
class TraceFileWriterBytesTest {
    /** A real demo flight's first 1000 ticks, written by the writer before the row buffers (see its README). */
    private static final Path DEMO = Path.of("..", "report", "src", "test", "resources", "io", "spikepilot", "report",
            "flight");
    private static final Path DEMO_TRACE = DEMO.resolve("demo-1000-ticks.trace.csv.gz");
    private static final Path DEMO_ACTIVITY = DEMO.resolve("demo-1000-ticks.activity.csv.gz");
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static Path ungzipped(Path gz, Path dir) throws IOException {
        String name = gz.getFileName().toString();
        Path out = dir.resolve(name.substring(0, name.length() - ".gz".length()));
        Files.write(out, gunzip(gz));
        return out;
    }

    private TraceFileWriter writer(Path trace, String policyId, String configId, NetworkActivityLayout layout)
            throws IOException {
        return new TraceFileWriter(trace, policyId, configId,
                new HandOverNarrator(FlightConfigFile.load(EXAMPLE).flight().supervisor()),
                new DiskSpaceGuard(dir, 0, reason -> { }), layout);
    }

    /** The demo's records with their network activity put back, as the logger thread received them. */
    private static List<TickRecord> demoRecords(RecordedTrace trace, NetworkActivity activity) {
        NetworkActivityLayout layout = activity.layout();
        List<TickRecord> records = new ArrayList<>(trace.rows());
        for (int i = 0; i < records.size(); i++) {
            TickRecord r = records.get(i);
            r.activityRecorded = activity.stepped(i);
            for (int k = 0; k < layout.layers(); k++) {
                int words = activity.layerWords(k);
                System.arraycopy(activity.spikeBits(k), i * words, r.spikeBits,
                        k * NetworkActivityLayout.WORDS_PER_LAYER, words);
            }
            for (int w = 0; w < layout.watched(); w++) {
                r.watchedMembrane[w] = activity.membrane(w)[i];
            }
        }
        return records;
    }

    @Test
    void aRealFlightsTraceAndActivityAreRewrittenByteForByte() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("demo"));
        RecordedTrace trace = TraceReader.read(ungzipped(DEMO_TRACE, tmp));
        NetworkActivity activity = NetworkActivityReader.read(ungzipped(DEMO_ACTIVITY, tmp));
        assertEquals(1000, trace.rows().size());
        Path out = dir.resolve("again.trace.csv");
        try (TraceFileWriter w = writer(out, trace.policyId(), trace.configId(), activity.layout())) {
            for (TickRecord r : demoRecords(trace, activity)) {
                w.accept(r);
            }
        }
        assertArrayEquals(gunzip(DEMO_TRACE), Files.readAllBytes(out), "trace bytes");
        assertArrayEquals(gunzip(DEMO_ACTIVITY), Files.readAllBytes(NetworkActivityCsv.besideTrace(out)),
                "activity bytes");
    }

    /** Extreme and non-finite values in every kind of cell, every reason bit, every mode. */
    private static TickRecord extreme(int i) {
        double[] d = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
            -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, 0.1, 1.0 / 3.0, 123456789.125, -1e22, 1e7, 1e-3, 9.999e-4};
        float[] f = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE,
            Float.MAX_VALUE, -Float.MIN_NORMAL, 0.1f, 1.0f / 3.0f, 1e7f, 1e-3f, 16777217f};
        long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1_000_000_007L};
        TickRecord r = new TickRecord();
        r.tick = l[i % l.length];
        r.nowNs = l[(i + 1) % l.length];
        r.deadlineNs = l[(i + 2) % l.length];
        r.missedTicks = l[(i + 3) % l.length];
        r.previousTickNs = l[(i + 4) % l.length];
        r.stateTimeNs = -l[(i + 2) % l.length];
        r.linkLastRxNs = l[(i + 3) % l.length];
        r.stateReceived = i % 2 == 0;
        r.targetRequested = i % 3 == 0;
        r.policyMatchesConfig = i % 5 != 0;
        r.faultInjected = i % 7 == 0;
        r.transitioned = i % 2 == 1;
        r.command = i % 5;
        r.mode = i % 4;
        r.previousMode = (i + 1) % 4;
        r.reasons = i == 0 ? 0 : i == 1 ? 0xffff : (1 << (i % 16)) | ((int) (i * 40503L) & 0xffff);
        r.decoderFlags = Integer.MIN_VALUE + i;
        r.pidFlags = Integer.MAX_VALUE - i;
        r.saturationEvents = -i;
        r.requestedYawRad = d[i % d.length];
        r.targetYawRad = d[(i + 5) % d.length];
        double[][] arrays = {r.statePositionNwuM, r.stateVelocityNwuMps, r.stateAttitudeNwuFlu, r.stateBodyRateFluRadps,
            r.requestedTargetNwuM, r.targetNwuM, r.snnSetpoint, r.pidSetpoint, r.sentSetpoint};
        int k = i;
        for (double[] a : arrays) {
            for (int j = 0; j < a.length; j++) {
                a[j] = d[k++ % d.length];
            }
        }
        for (int j = 0; j < r.observation.length; j++) {
            r.observation[j] = f[k++ % f.length];
        }
        for (int j = 0; j < r.action.length; j++) {
            r.action[j] = f[k++ % f.length];
        }
        r.spikeLayers = i % (TickRecord.MAX_SPIKE_LAYERS + 1);
        for (int j = 0; j < TickRecord.MAX_SPIKE_LAYERS; j++) {
            r.spikeCounts[j] = j == 0 ? Integer.MIN_VALUE + i : i * 31 + j;
        }
        for (int j = 0; j < r.spikeBits.length; j++) {
            r.spikeBits[j] = (i * 0x9E3779B97F4A7C15L) ^ ((long) j << 33) ^ (i % 3 == 0 ? -1L : 0L);
        }
        r.activityRecorded = i % 4 != 3;
        for (int j = 0; j < r.watchedMembrane.length; j++) {
            r.watchedMembrane[j] = f[(i + j) % f.length];
        }
        return r;
    }

    @Test
    void extremeValuesAreWrittenAsTheStringBuildingRowsWereAndReadBackToTheSameBits() throws Exception {
        NetworkActivityLayout layout = NetworkActivityLayout.of(new int[] {600, 64});
        List<TickRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(extreme(i));
        }
        StringBuilder expectedTrace = new StringBuilder(TickTraceCsv.formatLine("p", "c")).append('\n')
                .append(TickTraceCsv.header()).append('\n');
        StringBuilder expectedActivity = new StringBuilder(NetworkActivityCsv.formatLine(layout)).append('\n')
                .append(String.join(",", NetworkActivityCsv.columns(layout))).append('\n');
        for (TickRecord r : records) {
            TickTraceCsv.appendRow(r, expectedTrace);
            NetworkActivityCsv.appendRow(r, layout, expectedActivity);
        }
        Path out = dir.resolve("extreme.trace.csv");
        try (TraceFileWriter w = writer(out, "p", "c", layout)) {
            records.forEach(w::accept);
        }
        String trace = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(expectedTrace.toString(), trace);
        assertEquals(expectedActivity.toString(),
                Files.readString(NetworkActivityCsv.besideTrace(out), StandardCharsets.UTF_8));
        assertTrue(trace.contains(",NaN,") && trace.contains(",-Infinity,") && trace.contains(",-0.0,")
                && trace.contains(",4.9E-324,") && trace.contains(",1.4E-45,") && trace.contains(",-9223372036854775808,"),
                "the rows hold the extreme values");
        assertTrue(trace.contains("STATE_STALE|STATE_INVALID|STATE_LOST|POLICY_NON_FINITE"), "all reason bits");
    }

    /**
     * A real flight's rows, 100,000 of them: the doubles go through {@code ShortestDouble} (JDK 17's
     * {@code Double.toString} allocated about 660 B a row here), the floats and integers through the JDK's
     * allocation-free paths.
     */
    @Test
    void writingRowsMakesNoGarbageOnTheLoggerThread() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("demo"));
        RecordedTrace trace = TraceReader.read(ungzipped(DEMO_TRACE, tmp));
        NetworkActivity activity = NetworkActivityReader.read(ungzipped(DEMO_ACTIVITY, tmp));
        List<TickRecord> records = demoRecords(trace, activity);
        for (TickRecord r : records) {
            // steady flight: no transitions or commands, which the writer logs
            r.transitioned = false;
            r.command = 0;
        }
        Path out = dir.resolve("many.trace.csv");
        long thread = Thread.currentThread().getId();
        int rows = 100_000;
        try (TraceFileWriter w = writer(out, "p", "c", activity.layout())) {
            for (int i = 0; i < 20_000; i++) {
                w.accept(records.get(i % records.size()));
            }
            long before = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < rows; i++) {
                w.accept(records.get(i % records.size()));
            }
            long bytes = THREADS.getThreadAllocatedBytes(thread) - before;
            assertEquals(120_000, w.rows());
            System.out.printf("trace+activity writer: %.2f B/row%n", (double) bytes / rows);
            // the disk guard reads the free space 4 times a second: a few hundred bytes in all
            assertTrue(bytes < rows, "expected < 1 byte per row on average, found " + bytes + " B over " + rows
                    + " rows");
        }
    }
}
