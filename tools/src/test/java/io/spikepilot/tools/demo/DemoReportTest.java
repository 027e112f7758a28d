package io.spikepilot.tools.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionDecoder;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.report.flight.FlightData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.spikepilot.flight.mission.Mission;

class DemoReportTest {
    private static TickRecord tick(long tick, FlightMode mode, FlightMode previous, boolean nonFinite, int reasons) {
        TickRecord r = new TickRecord();
        r.tick = tick;
        r.nowNs = tick * 10_000_000L;
        r.mode = mode.ordinal();
        r.previousMode = previous.ordinal();
        r.transitioned = mode != previous;
        r.reasons = reasons;
        r.statePositionNwuM[2] = 2;
        r.targetNwuM[2] = 2;
        r.decoderFlags = nonFinite ? ActionDecoder.NON_FINITE : 0;
        return r;
    }

    /** PID, then SNN from tick 10, a NaN at tick 20 caught in the same tick. */
    private static DemoReport report() {
        List<TickRecord> ticks = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            FlightMode mode = i >= 10 && i < 20 ? FlightMode.SNN : FlightMode.PID;
            FlightMode previous = i >= 11 && i < 21 ? FlightMode.SNN : FlightMode.PID;
            ticks.add(tick(i, mode, previous, i == 20, i == 20 ? Reasons.POLICY_NON_FINITE : 0));
        }
        return new DemoReport(new FlightData(ticks));
    }

    @Test
    void theSummarySaysTheFaultWasCaughtInTheSameTick() {
        assertTrue(report().summary().contains("PID in control in the same tick"), report().summary());
    }

    @Test
    void theMarkdownListsTransitionsWithoutBreakingItsTableAndLinksThePlots() {
        String md = report().markdown(Mission.standard(1.0), List.of("armed"), List.of("r/path.png"), "header");
        assertTrue(md.contains("| SNN | PID | POLICY_NON_FINITE |"), md);
        assertTrue(md.contains("![r/path.png](r/path.png)"), md);
    }
}
