package io.spikepilot.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
    private static final String FORMAT = TickTraceCsv.formatLine("sha256:ab", "sha256:cd") + "\n";
    private static final String HEADER = TickTraceCsv.header() + "\n";

    private static String row(long tick) throws Exception {
        TickRecord r = new TickRecord();
        r.tick = tick;
        r.nowNs = 1_000_000L * tick;
        r.stateAttitudeNwuFlu[0] = 1.0;
        StringBuilder sb = new StringBuilder();
        TickTraceCsv.appendRow(r, sb);
        return sb.toString();
    }

    private static String rows(int n) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(row(i));
        }
        return sb.toString();
    }

    private static String failure(String text) {
        return assertThrows(TraceFormatException.class, () -> TraceReader.parse("f.trace.csv", text)).getMessage();
    }

    private static String withCell(String row, String column, String value) {
        String[] cells = row.strip().split(",", -1);
        cells[TickTraceCsv.columns().indexOf(column)] = value;
        return String.join(",", cells) + "\n";
    }

    @Test
    void everyFieldRoundTripsToTheSameBits() throws Exception {
        Random random = new Random(20261128L);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 0.1, 1.0 / 3.0};
        for (int trial = 0; trial < 200; trial++) {
            TickRecord r = new TickRecord();
            r.tick = 0;
            r.nowNs = random.nextLong();
            r.deadlineNs = random.nextLong();
            r.missedTicks = random.nextInt(1000);
            r.previousTickNs = random.nextLong();
            r.stateReceived = random.nextBoolean();
            r.stateTimeNs = random.nextLong();
            r.linkLastRxNs = trial == 0 ? Long.MIN_VALUE : random.nextLong();
            r.command = random.nextInt(OperatorCommand.values().length);
            r.targetRequested = false;
            r.policyMatchesConfig = random.nextBoolean();
            r.faultInjected = random.nextBoolean();
            r.mode = random.nextInt(FlightMode.values().length);
            r.previousMode = random.nextInt(FlightMode.values().length);
            r.transitioned = random.nextBoolean();
            r.reasons = random.nextInt(1 << Reasons.count());
            r.decoderFlags = random.nextInt();
            r.pidFlags = random.nextInt();
            r.saturationEvents = random.nextLong() & Long.MAX_VALUE;
            r.spikeLayers = random.nextInt(TickRecord.MAX_SPIKE_LAYERS + 1);
            for (int k = 0; k < r.spikeLayers; k++) {
                r.spikeCounts[k] = random.nextInt(500);
            }
            double[][] doubles = {r.statePositionNwuM, r.stateVelocityNwuMps, r.stateAttitudeNwuFlu,
                r.stateBodyRateFluRadps, r.requestedTargetNwuM, r.targetNwuM, r.snnSetpoint, r.pidSetpoint,
                r.sentSetpoint};
            for (double[] a : doubles) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)]
                            : Double.longBitsToDouble(random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL)
                                    * (random.nextBoolean() ? 1 : -1);
                }
            }
            r.requestedYawRad = random.nextGaussian();
            r.targetYawRad = random.nextGaussian();
            for (float[] a : new float[][] {r.observation, r.action}) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = random.nextInt(10) == 0 ? (float) specials[random.nextInt(specials.length)]
                            : Float.intBitsToFloat(random.nextInt() & 0x7F7F_FFFF);
                }
            }
            StringBuilder sb = new StringBuilder(FORMAT + HEADER);
            TickTraceCsv.appendRow(r, sb);
            TickRecord back = TraceReader.parse("f", sb.toString()).rows().get(0);
            StringBuilder again = new StringBuilder(FORMAT + HEADER);
            TickTraceCsv.appendRow(back, again);
            assertEquals(sb.toString(), again.toString());
            ReplayComparison c = new ReplayComparison();
            c.add(r, back);
            assertTrue(c.identical(), c.verdict());
            assertEquals(Double.doubleToLongBits(r.statePositionNwuM[1]),
                    Double.doubleToLongBits(back.statePositionNwuM[1]));
            assertEquals(r.linkLastRxNs, back.linkLastRxNs);
            assertEquals(r.stateReceived, back.stateReceived);
            assertEquals(r.command, back.command);
            assertEquals(r.faultInjected, back.faultInjected);
        }
    }

    @Test
    void aCompleteTraceReadsEveryRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.trace.csv");
        Files.writeString(file, FORMAT + HEADER + rows(5), StandardCharsets.UTF_8);
        RecordedTrace t = TraceReader.read(file);
        assertEquals(5, t.rows().size());
        assertEquals("sha256:ab", t.policyId());
        assertEquals("sha256:cd", t.configId());
        assertEquals(null, t.stopNote());
    }

    @Test
    void aTruncatedLastLineReplaysUpToTheBreak() throws Exception {
        String text = FORMAT + HEADER + rows(5);
        String cut = text.substring(0, text.length() - 40);
        RecordedTrace t = TraceReader.parse("f.trace.csv", cut);
        assertEquals(4, t.rows().size());
        assertTrue(t.stopNote().startsWith("f.trace.csv:7: the last line is cut short"), t.stopNote());
    }

    @Test
    void aLastLineCutInsideItsLastNumberIsAlsoDropped() throws Exception {
        String text = FORMAT + HEADER + rows(3);
        RecordedTrace t = TraceReader.parse("f.trace.csv", text.substring(0, text.length() - 2));
        assertEquals(2, t.rows().size());
    }

    @Test
    void lostRecordsStopTheReplayAtTheGap() throws Exception {
        RecordedTrace t = TraceReader.parse("f.trace.csv", FORMAT + HEADER + row(0) + row(1) + row(5) + row(6));
        assertEquals(2, t.rows().size());
        assertEquals("f.trace.csv:5: tick 5 follows tick 1: the logger lost 3 records, so the replay stops at the gap",
                t.stopNote());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("none.trace.csv");
        String m = assertThrows(TraceFormatException.class, () -> TraceReader.read(file)).getMessage();
        assertEquals(file + ": no such file", m);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertTrue(failure("").startsWith("f.trace.csv:1: expected the format line '#spikepilot-trace format=3"),
                failure(""));
    }

    @Test
    void aFormatOneTraceIsRefusedAsTooOld() throws Exception {
        String m = failure("tick,now_ns,deadline_ns\n0,0,0\n");
        assertTrue(m.startsWith("f.trace.csv:1: expected the format line"), m);
        assertTrue(m.contains("format-1 trace") && m.contains("cannot be replayed"), m);
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        String m = failure(FORMAT.replace("format=3", "format=4") + HEADER + rows(1));
        assertEquals("f.trace.csv:1: format: expected version 2 to 3 (the ones this build replays), found version 4 "
                + "(written by a newer spikepilot)", m);
    }

    @Test
    void anUnknownOlderFormatVersionIsRefused() throws Exception {
        String m = failure(FORMAT.replace("format=3", "format=0") + HEADER + rows(1));
        assertEquals("f.trace.csv:1: format: expected version 2 to 3 (the ones this build replays), found version 0",
                m);
    }

    @Test
    void aFormatTwoTraceReadsWithoutFaultRecords() throws Exception {
        String v3 = FORMAT + HEADER + rows(3);
        String v2 = toFormatTwo(v3);
        RecordedTrace t = TraceReader.parse("f.trace.csv", v2);
        assertEquals(2, t.formatVersion());
        assertEquals(3, t.rows().size());
        assertEquals(0, t.injectedFaultTicks());
        assertEquals("sha256:ab", t.policyId());
    }

    @Test
    void aFormatTwoHeaderIsNotAcceptedUnderFormatThree() throws Exception {
        String v2 = toFormatTwo(FORMAT + HEADER + rows(1));
        String m = failure(v2.replaceFirst("format=2", "format=3"));
        assertEquals("f.trace.csv:2: header column 29: expected 'fault_injected', found 'mode'", m);
    }

    @Test
    void aFormatThreeTraceRecordsTheInjectedFaults() throws Exception {
        String text = FORMAT + HEADER + row(0) + withCell(row(1), "fault_injected", "1") + row(2);
        RecordedTrace t = TraceReader.parse("f.trace.csv", text);
        assertEquals(3, t.formatVersion());
        assertEquals(1, t.injectedFaultTicks());
        assertTrue(t.rows().get(1).faultInjected);
    }

    @Test
    void aFaultFlagMustBeZeroOrOne() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "fault_injected", "yes"));
        assertEquals("f.trace.csv:3: column fault_injected (29): expected 0 or 1, found 'yes'", m);
    }

    /** The same trace as format 2 wrote it: no fault_injected column. */
    static String toFormatTwo(String v3) {
        int column = TickTraceCsv.columns().indexOf("fault_injected");
        String[] lines = v3.split("\n", -1);
        StringBuilder out = new StringBuilder(lines[0].replaceFirst("format=3", "format=2"));
        for (int i = 1; i < lines.length; i++) {
            out.append('\n');
            if (lines[i].isEmpty()) {
                continue;
            }
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.List.of(lines[i].split(",", -1)));
            cells.remove(column);
            out.append(String.join(",", cells));
        }
        return out.toString();
    }

    @Test
    void aFormatLineWithoutIdentitiesIsRefused() throws Exception {
        String m = failure("#spikepilot-trace format=3 policy=x\n" + HEADER + rows(1));
        assertTrue(m.startsWith("f.trace.csv:1: format line: expected both 'policy=<id>' and 'config=<id>'"), m);
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertEquals("f.trace.csv:2: expected the header line, found the end of the file", failure(FORMAT));
    }

    @Test
    void aMissingColumnIsNamedWithItsPosition() throws Exception {
        String header = HEADER.replace("state_vy_mps,", "");
        String m = failure(FORMAT + header + rows(1));
        assertEquals("f.trace.csv:2: header column 12: expected 'state_vy_mps', found 'state_vz_mps'", m);
    }

    @Test
    void anExtraColumnIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER.strip() + ",comment\n" + rows(1));
        assertTrue(m.startsWith("f.trace.csv:2: header: expected 84 columns"), m);
        assertTrue(m.contains("found 85 (extra 'comment')"), m);
    }

    @Test
    void aCorruptNumberNamesLineColumnExpectedAndFound() throws Exception {
        String m = failure(FORMAT + HEADER + row(0) + withCell(row(1), "state_z_m", "1.2.3") + row(2));
        assertEquals("f.trace.csv:4: column state_z_m (10): expected a decimal number, found '1.2.3'", m);
    }

    @Test
    void aCorruptIntegerIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "now_ns", "12e3"));
        assertEquals("f.trace.csv:3: column now_ns (2): expected an integer, found '12e3'", m);
    }

    @Test
    void aFloatOutOfRangeIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "action_2", "1e300"));
        assertTrue(m.startsWith("f.trace.csv:3: column action_2 ("), m);
        assertTrue(m.endsWith("expected a number within the 32-bit float range, found '1e300'"), m);
    }

    @Test
    void anUnknownModeIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "mode", "HOVER"));
        assertEquals("f.trace.csv:3: column mode (30): expected one of [IDLE, PID, SNN, LAND], found 'HOVER'", m);
    }

    @Test
    void anUnknownReasonIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "reasons", "STATE_STALE|GREMLINS"));
        assertEquals("f.trace.csv:3: column reasons (33): expected NONE or reason names joined by '|', found "
                + "'STATE_STALE|GREMLINS'", m);
    }

    @Test
    void aBooleanMustBeZeroOrOne() throws Exception {
        String m = failure(FORMAT + HEADER + withCell(row(0), "state_received", "true"));
        assertEquals("f.trace.csv:3: column state_received (6): expected 0 or 1, found 'true'", m);
    }

    @Test
    void aNonFiniteOperatorTargetIsRefused() throws Exception {
        String r = withCell(withCell(row(0), "target_requested", "1"), "request_y_m", "NaN");
        String m = failure(FORMAT + HEADER + r);
        assertTrue(m.startsWith("f.trace.csv:3: column request_y_m (25): expected a finite number"), m);
    }

    @Test
    void aShortRowInTheMiddleIsRefused() throws Exception {
        String shortRow = row(1).substring(0, 30) + "\n";
        String m = failure(FORMAT + HEADER + row(0) + shortRow + row(2));
        assertTrue(m.startsWith("f.trace.csv:4: expected 84 columns, found "), m);
    }

    @Test
    void aTraceMustStartAtTickZero() throws Exception {
        String m = failure(FORMAT + HEADER + row(3) + row(4));
        assertEquals("f.trace.csv:3: column tick (1): expected 0, the first tick of the flight (a replay must start "
                + "where the controller started), found 3", m);
    }

    @Test
    void aRepeatedTickIsRefused() throws Exception {
        String m = failure(FORMAT + HEADER + row(0) + row(1) + row(1));
        assertEquals("f.trace.csv:5: column tick (1): expected 2, found 1", m);
    }

    @Test
    void aTraceWithoutCompleteRowsIsRefused() throws Exception {
        String text = FORMAT + HEADER + row(0);
        String m = failure(text.substring(0, text.length() - 5));
        assertTrue(m.startsWith("f.trace.csv:3: expected at least one complete tick row, found none: "), m);
    }

    @Test
    void paddedOrHexNumbersAreNotWhatTheWriterProduces() throws Exception {
        assertTrue(failure(FORMAT + HEADER + withCell(row(0), "state_x_m", " 1.0")).contains("expected a decimal"));
        assertTrue(failure(FORMAT + HEADER + withCell(row(0), "state_x_m", "0x1p3")).contains("expected a decimal"));
        assertTrue(failure(FORMAT + HEADER + withCell(row(0), "state_x_m", "1.0d")).contains("expected a decimal"));
    }

    @Test
    void invalidUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.trace.csv");
        Files.write(file, new byte[] {'#', (byte) 0xC3, (byte) 0x28, '\n'});
        String m = assertThrows(TraceFormatException.class, () -> TraceReader.read(file)).getMessage();
        assertEquals(file + ": expected UTF-8 text, found bytes that are not", m);
    }
}
