package io.spikepilot.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.tools.demo.FlightRecorder.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportTest {
    private static final long PERIOD = 10_000_000L;

    private static Row row(long tick, FlightMode mode, FlightMode previous, double errX, boolean nonFinite, int reasons) {
        return new Row(tick, tick * PERIOD, mode.ordinal(), reasons, mode != previous, previous.ordinal(),
                new double[] {0, 0, 2}, new double[] {errX, 0, 2}, nonFinite, 2_000, 0);
    }

    /** 100 ticks of PID, 100 of SNN, a NaN at tick 200 caught in the same tick, 50 more of PID. */
    private static List<Row> flight() {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(row(i, FlightMode.PID, FlightMode.PID, 0.1, false, 0));
        }
        rows.add(row(100, FlightMode.SNN, FlightMode.PID, 0.2, false, Reasons.SNN_READY | Reasons.OPERATOR_COMMAND));
        for (long i = 101; i < 200; i++) {
            rows.add(row(i, FlightMode.SNN, FlightMode.SNN, 0.2, false, 0));
        }
        rows.add(row(200, FlightMode.PID, FlightMode.SNN, 0.3, true, Reasons.POLICY_NON_FINITE));
        for (long i = 201; i < 250; i++) {
            rows.add(row(i, FlightMode.PID, FlightMode.PID, 0.1, false, 0));
        }
        return rows;
    }

    @Test
    void timePerModeAddsUpTheTickIntervals() {
        double[] s = new DemoReport(flight()).secondsPerMode();
        assertEquals(1.0 + 0.49, s[FlightMode.PID.ordinal()], 1e-9);
        assertEquals(1.0, s[FlightMode.SNN.ordinal()], 1e-9);
    }

    @Test
    void trackingErrorIsPerMode() {
        DemoReport report = new DemoReport(flight());
        assertEquals(0.2, report.tracking(FlightMode.SNN).rmsErrorM(), 1e-12);
        assertEquals(0.3, report.tracking(FlightMode.PID).maxErrorM(), 1e-12);
    }

    @Test
    void faultCaughtInTheSameTickHasZeroLatency() {
        DemoReport.FaultResponse f = new DemoReport(flight()).faultResponse();
        assertEquals(200, f.firstFaultyTick());
        assertEquals(0, f.latencyTicks());
        assertTrue(new DemoReport(flight()).summary().contains("PID in control in the same tick"));
    }

    @Test
    void noFaultIsReportedWhenTheSnnNeverFlewIntoOne() {
        assertNull(new DemoReport(flight().subList(0, 150)).faultResponse());
    }

    @Test
    void transitionsCarryTheirReasons() {
        List<DemoReport.Transition> t = new DemoReport(flight()).transitions();
        assertEquals(2, t.size());
        assertEquals("POLICY_NON_FINITE", t.get(1).reasons());
        assertEquals(FlightMode.SNN, t.get(1).from());
    }

    @Test
    void plotsAreWrittenAsPng(@TempDir Path dir) throws Exception {
        List<String> files = new DemoReport(flight()).writePlots(dir);
        for (String f : files) {
            byte[] head = Files.readAllBytes(dir.resolve(f));
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
        }
    }
}
