package io.spikepilot.controller.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickTraceCsvTest {
    @Test
    void rowHasOneValuePerHeaderColumnAndNamesModeAndReasons() throws Exception {
        TickRecord r = new TickRecord();
        r.spikeLayers = 2;
        r.spikeCounts[0] = 37;
        r.spikeCounts[1] = 5;
        r.tick = 42;
        r.mode = FlightMode.PID.ordinal();
        r.previousMode = FlightMode.SNN.ordinal();
        r.transitioned = true;
        r.reasons = Reasons.STATE_STALE | Reasons.LOOP_OVERRUN;
        StringBuilder sb = new StringBuilder();
        TickTraceCsv.appendRow(r, sb);
        String header = TickTraceCsv.header();
        assertEquals(header.split(",").length, sb.toString().trim().split(",").length);
        // 5 timing, 24 input, 7 decision, 4 target columns, 18 observations, 4 spike counts, 4 actions,
        // 3 setpoints × 6
        assertEquals(84, header.split(",").length, header);
        assertTrue(sb.toString().startsWith("42,"));
        assertTrue(sb.toString().contains(",37,5,,,"), sb.toString());
        assertTrue(sb.toString().contains(",NONE,0,0.0,0.0,0.0,0.0,0,0,PID,SNN,1,STATE_STALE|LOOP_OVERRUN,0,0,0,"), sb.toString());
    }

    @Test
    void everyReasonMaskIsTheBitNamesJoinedByBars() {
        int column = TickTraceCsv.columns().indexOf("reasons");
        TickRecord r = new TickRecord();
        StringBuilder row = new StringBuilder();
        for (int mask = 0; mask < 1 << Reasons.count(); mask++) {
            List<String> names = new ArrayList<>();
            for (int bit = 0; bit < Reasons.count(); bit++) {
                if ((mask & (1 << bit)) != 0) {
                    names.add(Reasons.nameOfBit(bit));
                }
            }
            r.reasons = mask;
            row.setLength(0);
            TickTraceCsv.formatRow(r, row);
            assertEquals(names.isEmpty() ? "NONE" : String.join("|", names), row.toString().split(",")[column]);
        }
    }
}
