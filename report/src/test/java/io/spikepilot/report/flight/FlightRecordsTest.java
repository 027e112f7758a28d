package io.spikepilot.report.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.supervisor.FlightMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a real demo flight for its report, and what a damaged one still gives. */
class FlightRecordsTest {
    @Test
    void aRealDemoFlightReadsWithItsActivity(@TempDir Path dir) throws Exception {
        FlightRecords records = FlightRecords.load(DemoTrace.copyTo(dir, true));
        assertEquals(1000, records.trace().rows().size());
        assertEquals(List.of(), records.problems());
        NetworkActivity a = records.activity();
        assertNotNull(a, records.activityMissing());
        assertEquals(1000, a.ticks());
        assertEquals(2, a.layout().layers());
        assertEquals(128, a.layout().width(0));
        assertEquals(64, a.layout().width(1));
        assertEquals(6, a.layout().watched());
        assertEquals(53, a.layout().watchedNeuron(5));
    }

    @Test
    void theActivityFilesSpikesAddUpToTheTracesSpikeCountsOnEveryTick(@TempDir Path dir) throws Exception {
        FlightRecords records = FlightRecords.load(DemoTrace.copyTo(dir, true));
        NetworkActivity a = records.activity();
        long spikes = 0;
        for (TickRecord r : records.trace().rows()) {
            int tick = (int) r.tick;
            assertTrue(a.stepped(tick), "the demo's policy steps on every tick with a state");
            for (int k = 0; k < 2; k++) {
                assertEquals(r.spikeCounts[k], a.spikeCount(k, tick), "layer " + k + " tick " + tick);
                spikes += r.spikeCounts[k];
            }
        }
        assertTrue(spikes > 10_000, "spikes in 1000 ticks of 192 neurons: " + spikes);
    }

    @Test
    void theDataOfTheRealFlightHasItsTakeOffHandOverAndTiming(@TempDir Path dir) throws Exception {
        FlightData data = new FlightData(FlightRecords.load(DemoTrace.copyTo(dir, true)).trace().rows());
        List<FlightData.Transition> t = data.transitions();
        assertEquals(2, t.size());
        assertEquals(232, t.get(0).tick());
        assertEquals(FlightMode.IDLE, t.get(0).from());
        assertEquals("OPERATOR_COMMAND|LANDED", t.get(0).reasons());
        assertEquals(0.0, t.get(0).tS());
        assertEquals(832, t.get(1).tick());
        assertEquals(FlightMode.SNN, t.get(1).to());
        assertEquals("OPERATOR_COMMAND|SNN_READY", t.get(1).reasons());
        // the mission asks for the SNN 6 s after the take-off; 600 ticks of 10 ms
        assertEquals(6.0, t.get(1).tS(), 0.05);
        assertEquals(0.01, data.periodS(), 1e-6);
        assertEquals(168, data.tracking(FlightMode.SNN).ticks());
        assertTrue(data.tracking(FlightMode.SNN).maxErrorM() < 0.5, "the SNN holds the hover point");
        assertTrue(data.tickDurationPercentileUs(50) > 1 && data.tickDurationPercentileUs(50) < 5_000,
                "median tick µs: " + data.tickDurationPercentileUs(50));
        assertNull(data.faultResponse());
    }

    @Test
    void aRunFolderIsReadThroughItsOneTrace(@TempDir Path dir) throws Exception {
        DemoTrace.copyTo(dir, true);
        assertEquals(dir.resolve("flight-demo.trace.csv"), FlightRecords.traceIn(dir));
        Files.writeString(dir.resolve("other.trace.csv"), "x");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> FlightRecords.traceIn(dir));
        assertTrue(e.getMessage().contains("expected one *.trace.csv in the run folder, found 2"), e.getMessage());
    }

    @Test
    void aTruncatedTraceIsReportedUpToTheCut(@TempDir Path dir) throws Exception {
        String text = DemoTrace.text(DemoTrace.TRACE);
        Path trace = dir.resolve("cut.trace.csv");
        // cut in the middle of line 503 (tick 500)
        int line503 = nthLineStart(text, 503);
        Files.writeString(trace, text.substring(0, line503 + 40));
        FlightRecords records = FlightRecords.load(trace);
        assertEquals(500, records.trace().rows().size());
        assertEquals(1, records.problems().size());
        assertTrue(records.problems().get(0).startsWith(trace + ":503: the last line is cut short"),
                records.problems().get(0));
        FlightReport.Written w = FlightReport.write(records, dir.resolve("report"), Instant.EPOCH);
        assertTrue(Files.readString(w.page()).contains(":503: the last line is cut short"));
    }

    @Test
    void aCorruptCellEndsTheReadablePartNamingLineColumnExpectedAndFound(@TempDir Path dir) throws Exception {
        String text = DemoTrace.replaceLine(DemoTrace.text(DemoTrace.TRACE), 600,
                line -> line.replaceFirst("^(([^,]*,){7})[^,]*", "$1abc"));
        Path trace = dir.resolve("corrupt.trace.csv");
        Files.writeString(trace, text);
        FlightRecords records = FlightRecords.load(trace);
        assertEquals(597, records.trace().rows().size());
        assertEquals(trace + ":600: column state_x_m (8): expected a decimal number, found 'abc': the ticks "
                + "before it are kept", records.problems().get(0));
    }

    @Test
    void aTraceOfAnUnknownVersionIsRefusedByNumber(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("new.trace.csv");
        Files.writeString(trace, DemoTrace.replaceLine(DemoTrace.text(DemoTrace.TRACE), 1,
                line -> line.replace("format=3", "format=9")));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> FlightRecords.load(trace));
        assertTrue(e.getMessage().startsWith(trace + ":1: format: expected version 2 to 3"), e.getMessage());
        assertTrue(e.getMessage().contains("found version 9 (written by a newer spikepilot)"), e.getMessage());
    }

    @Test
    void aFormat2TraceWithoutActivityStillGetsEveryPanelItCanFill(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("old.trace.csv");
        Files.writeString(trace, format2(DemoTrace.text(DemoTrace.TRACE)));
        FlightRecords records = FlightRecords.load(trace);
        assertEquals(2, records.trace().formatVersion());
        assertNull(records.activity());
        assertTrue(records.activityMissing().contains("no network-activity file beside the trace "
                + "(old.activity.csv)"), records.activityMissing());
        FlightReport.Written w = FlightReport.write(records, dir.resolve("report"), Instant.EPOCH);
        List<String> missing = w.missing().stream().map(Panel::title).toList();
        assertEquals(List.of("Spike raster, whole flight", "Spike raster, 4 s from the SNN's take-over",
                "Membranes of watched neurons"), missing);
        assertTrue(Files.exists(dir.resolve("report/firing-rate.png")), "spike counts are in every trace");
        String page = Files.readString(w.page());
        assertTrue(page.contains("Spike raster, whole flight: there is no network-activity file"), page);
    }

    @Test
    void aCorruptActivityRowKeepsTheTicksBeforeIt(@TempDir Path dir) throws Exception {
        Path trace = DemoTrace.copyTo(dir, false);
        Path activity = dir.resolve("flight-demo.activity.csv");
        Files.writeString(activity, DemoTrace.replaceLine(DemoTrace.text(DemoTrace.ACTIVITY), 10,
                line -> line.replaceFirst("^([^,]*,[^,]*,).", "$1z")));
        FlightRecords records = FlightRecords.load(trace);
        assertEquals(7, records.activity().ticks());
        assertTrue(records.problems().get(0).startsWith(activity + ":10: column spikes_layer0 (3): expected "
                + "lower-case hex digits, found 'z"), records.problems().get(0));
    }

    @Test
    void anActivityFileOfAnotherVersionLeavesItsPanelsOutSayingWhy(@TempDir Path dir) throws Exception {
        Path trace = DemoTrace.copyTo(dir, false);
        Path activity = dir.resolve("flight-demo.activity.csv");
        Files.writeString(activity, DemoTrace.replaceLine(DemoTrace.text(DemoTrace.ACTIVITY), 1,
                line -> line.replace("format=1", "format=2")));
        FlightRecords records = FlightRecords.load(trace);
        assertNull(records.activity());
        String expected = activity + ":1: format: expected version 1 (the one this build reads), found version 2 "
                + "(written by a newer spikepilot)";
        assertEquals(List.of(expected), records.problems());
        assertEquals("the network-activity file cannot be read: " + expected, records.activityMissing());
    }

    /** The trace as format 2 wrote it: no fault_injected column. */
    static String format2(String text) {
        String[] lines = text.split("\n", -1);
        int column = java.util.Arrays.asList(lines[1].split(",")).indexOf("fault_injected");
        StringBuilder out = new StringBuilder(lines[0].replace("format=3", "format=2")).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(lines[i].split(",", -1)));
            cells.remove(column);
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static int nthLineStart(String text, int lineNo) {
        int at = 0;
        for (int i = 1; i < lineNo; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at;
    }
}
