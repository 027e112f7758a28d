package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.controller.testing.AllocationMeter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's payloads are byte for byte the map-built JSON, and encoding them makes no garbage of its own. */
class TelemetryEncoderTest {
    /** A real demo flight's first 1000 ticks (see the README beside it). */
    private static final Path DEMO_TRACE = Path.of("..", "report", "src", "test", "resources", "io", "spikepilot",
            "report", "flight", "demo-1000-ticks.trace.csv.gz");

    @TempDir
    Path dir;

    private List<TickRecord> demoRecords() throws Exception {
        Path trace = dir.resolve("demo.trace.csv");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DEMO_TRACE))) {
            Files.write(trace, in.readAllBytes());
        }
        return TraceReader.read(trace).rows();
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static void assertSameAsMaps(TelemetryEncoder encoder, TickRecord r, long published, long dropped) {
        // each array is read before the next call: the encoder reuses arrays of the same length
        assertEquals(JsonMapTelemetry.state(r), text(encoder.state(r)), "state of tick " + r.tick);
        assertEquals(JsonMapTelemetry.control(r), text(encoder.control(r)), "control of tick " + r.tick);
        assertEquals(JsonMapTelemetry.health(r, published, dropped), text(encoder.health(r, published, dropped)),
                "health of tick " + r.tick);
        assertEquals(JsonMapTelemetry.transition(r), text(encoder.transition(r)), "transition of tick " + r.tick);
    }

    @Test
    void aRealFlightsSamplesAreTheMapBuiltJsonByteForByte() throws Exception {
        TelemetryEncoder encoder = new TelemetryEncoder();
        List<TickRecord> records = demoRecords();
        assertEquals(1000, records.size());
        for (int i = 0; i < records.size(); i++) {
            assertSameAsMaps(encoder, records.get(i), 3L * i, i / 7);
        }
        assertEquals(JsonMapTelemetry.state(records.get(500)), TelemetryMessages.state(records.get(500)));
    }

    @Test
    void extremeAndNonFiniteValuesAreTheMapBuiltJsonByteForByte() {
        double[] d = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
            -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, 0.1, 1.0 / 3.0, 1e7, 1e-3, 9.999e-4, -1e22};
        float[] f = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, 1e7f, 1e-3f};
        long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 999, 1_000_000_007L};
        Random random = new Random(20261204L);
        TelemetryEncoder encoder = new TelemetryEncoder();
        for (int i = 0; i < 2000; i++) {
            TickRecord r = new TickRecord();
            r.tick = l[random.nextInt(l.length)];
            r.nowNs = l[random.nextInt(l.length)];
            r.stateTimeNs = l[random.nextInt(l.length)];
            r.previousTickNs = l[random.nextInt(l.length)];
            r.missedTicks = l[random.nextInt(l.length)];
            r.saturationEvents = random.nextInt();
            r.decoderFlags = random.nextInt();
            r.pidFlags = random.nextInt();
            r.mode = random.nextInt(4);
            r.previousMode = random.nextInt(4);
            r.reasons = i == 0 ? 0 : i == 1 ? 0xffff : random.nextInt(1 << 16);
            for (double[] a : new double[][] {r.statePositionNwuM, r.targetNwuM, r.stateVelocityNwuMps,
                r.stateAttitudeNwuFlu, r.stateBodyRateFluRadps, r.snnSetpoint, r.pidSetpoint, r.sentSetpoint}) {
                for (int j = 0; j < a.length; j++) {
                    a[j] = random.nextBoolean() ? d[random.nextInt(d.length)] : random.nextGaussian();
                }
            }
            for (int j = 0; j < r.action.length; j++) {
                r.action[j] = random.nextBoolean() ? f[random.nextInt(f.length)] : (float) random.nextGaussian();
            }
            assertSameAsMaps(encoder, r, l[random.nextInt(l.length)], l[random.nextInt(l.length)]);
        }
    }

    private static long encode(TelemetryEncoder encoder, List<TickRecord> records, int samples) {
        long sum = 0;
        for (int i = 0; i < samples; i++) {
            TickRecord r = records.get(i % records.size());
            sum += encoder.state(r).length + encoder.control(r).length + encoder.health(r, i, 0).length;
        }
        return sum;
    }

    @Test
    void encodingSamplesMakesNoGarbage() throws Exception {
        List<TickRecord> records = demoRecords();
        TelemetryEncoder encoder = new TelemetryEncoder();
        int samples = 100_000;
        encode(encoder, records, 20_000);
        long before = AllocationMeter.allocatedBytes();
        long payloadBytes = encode(encoder, records, samples);
        long bytes = AllocationMeter.allocatedBytes() - before;
        System.out.printf("telemetry encoder: %.2f B/sample (3 messages, %.0f payload bytes)%n",
                (double) bytes / samples, (double) payloadBytes / samples);
        // the numbers go through ShortestDouble: JDK 17's Double.toString allocated about 730 B a sample here
        assertTrue(bytes < samples, "expected < 1 byte per sample on average, found " + bytes + " B over " + samples
                + " samples");
    }
}
