package io.spikepilot.report.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightDataTest {
    private static final long PERIOD = 10_000_000L;

    static TickRecord tick(long tick, FlightMode mode, FlightMode previous, double errX, boolean nonFinite,
                           int reasons) {
        TickRecord r = new TickRecord();
        r.tick = tick;
        r.nowNs = tick * PERIOD;
        r.mode = mode.ordinal();
        r.previousMode = previous.ordinal();
        r.transitioned = mode != previous;
        r.reasons = reasons;
        r.targetNwuM[2] = 2;
        r.statePositionNwuM[0] = errX;
        r.statePositionNwuM[2] = 2;
        r.decoderFlags = nonFinite ? ActionDecoder.NON_FINITE : 0;
        r.previousTickNs = 2_000 + tick;
        return r;
    }

    /** 100 ticks of PID, 100 of SNN, a NaN at tick 200 caught in the same tick, 50 more of PID. */
    static List<TickRecord> flight() {
        List<TickRecord> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(tick(i, FlightMode.PID, FlightMode.PID, 0.1, false, 0));
        }
        rows.add(tick(100, FlightMode.SNN, FlightMode.PID, 0.2, false, Reasons.SNN_READY | Reasons.OPERATOR_COMMAND));
        for (long i = 101; i < 200; i++) {
            rows.add(tick(i, FlightMode.SNN, FlightMode.SNN, 0.2, false, 0));
        }
        rows.add(tick(200, FlightMode.PID, FlightMode.SNN, 0.3, true, Reasons.POLICY_NON_FINITE));
        for (long i = 201; i < 250; i++) {
            rows.add(tick(i, FlightMode.PID, FlightMode.PID, 0.1, false, 0));
        }
        return rows;
    }

    @Test
    void timePerModeAddsUpTheTickIntervals() {
        double[] s = new FlightData(flight()).secondsPerMode();
        assertEquals(1.0 + 0.49, s[FlightMode.PID.ordinal()], 1e-9);
        assertEquals(1.0, s[FlightMode.SNN.ordinal()], 1e-9);
    }

    @Test
    void trackingErrorIsPerMode() {
        FlightData data = new FlightData(flight());
        assertEquals(0.2, data.tracking(FlightMode.SNN).rmsErrorM(), 1e-12);
        assertEquals(0.3, data.tracking(FlightMode.PID).maxErrorM(), 1e-12);
    }

    @Test
    void faultCaughtInTheSameTickHasZeroLatency() {
        FlightData.FaultResponse f = new FlightData(flight()).faultResponse();
        assertEquals(200, f.firstFaultyTick());
        assertEquals(0, f.latencyTicks());
    }

    @Test
    void noFaultIsReportedWhenTheSnnNeverFlewIntoOne() {
        assertNull(new FlightData(flight().subList(0, 150)).faultResponse());
    }

    @Test
    void transitionsCarryTheirReasonsAndTicks() {
        List<FlightData.Transition> t = new FlightData(flight()).transitions();
        assertEquals(2, t.size());
        assertEquals("POLICY_NON_FINITE", t.get(1).reasons());
        assertEquals(FlightMode.SNN, t.get(1).from());
        assertEquals(200, t.get(1).tick());
        // no take-off in this flight: the clock starts at the first tick
        assertEquals(2.0, t.get(1).tS(), 1e-12);
    }

    @Test
    void tickTimingPercentilesComeFromTheMeasuredDurations() {
        FlightData data = new FlightData(flight());
        assertEquals(2.0 + 124 / 1000.0, data.tickDurationPercentileUs(50), 1e-9);
        assertEquals(2.249, data.tickDurationPercentileUs(100), 1e-9);
        assertEquals(0.01, data.periodS(), 1e-15);
        assertTrue(Double.isNaN(new FlightData(List.of(new TickRecord())).tickDurationPercentileUs(50)));
    }
}
