package io.spikepilot.flight.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.HandOverBlock;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the flight log, the summary and an engage_snn ack say about a request for the SNN, from tick records. */
class HandOverNarratorTest {
    private static final long MS = 1_000_000L;
    /** 100 Hz, warm-up 100 ticks, agreement 25 ticks within 0.05 thrust and 6 degrees. */
    private static final SupervisorConfig CONFIG = new SupervisorConfig(10 * MS, 3, 500 * MS, 1000 * MS, 5, 0.99, 50,
            0, 0.6, 5.0, 3.0, 2, 100, 25, 0.05, Math.toRadians(6));

    private final List<Long> times = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final HandOverNarrator narrator = new HandOverNarrator(CONFIG, (t, line) -> {
        times.add(t);
        lines.add(line);
    });
    private final TickRecord r = new TickRecord();

    /** Feeds ticks {@code from}..{@code to} (exclusive) in PID, blocked by disagreement; ENGAGE_SNN at {@code from}. */
    private void disagreeing(int from, int to, boolean askFirst) {
        for (int tick = from; tick < to; tick++) {
            r.tick = tick;
            r.nowNs = tick * 10 * MS;
            r.mode = FlightMode.PID.ordinal();
            r.transitioned = false;
            r.command = askFirst && tick == from ? OperatorCommand.ENGAGE_SNN.ordinal() : OperatorCommand.NONE.ordinal();
            r.handOver.mode = FlightMode.PID;
            r.handOver.block = HandOverBlock.AGREEMENT;
            r.handOver.requested = askFirst;
            r.handOver.warmupTicks = 100 + tick;
            r.handOver.agreementTicks = 0;
            r.handOver.thrustDiff = 0.12;
            r.handOver.tiltDiffRad = Math.toRadians(1);
            narrator.accept(r);
        }
    }

    @Test
    void aBlockedRequestIsExplainedAtOnceAndThenOnceASecondOfTickTime() {
        disagreeing(0, 350, true);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("SNN asked for at tick 0: the hand-over waits for AGREEMENT: agreement with the PID: disagrees, "
                + "thrust differs by 0.120 beyond supervisor.agreement_thrust 0.050, tilt by 1.0 deg within "
                + "supervisor.agreement_tilt_deg 6.0; agreeing with the PID for 0/25 ticks "
                + "(supervisor.agreement_ticks)", lines.get(0));
        assertTrue(lines.get(1).startsWith("SNN hand-over pending for 1.0 s, waits for AGREEMENT: agreement with the "
                + "PID: disagrees, thrust differs by 0.120"), lines.get(1));
        assertEquals(List.of(0L, 1000 * MS, 2000 * MS, 3000 * MS), times);
    }

    @Test
    void theSummarySaysItNeverEngagedAndWhatBlockedItLast() {
        disagreeing(0, 50, true);
        assertTrue(narrator.summaryLine().startsWith("SNN never engaged: asked for 1 time; last blocked by AGREEMENT: "
                + "agreement with the PID: disagrees, thrust differs by 0.120"), narrator.summaryLine());
    }

    @Test
    void aRequestDroppedByALandingIsSaidOnce() {
        disagreeing(0, 50, true);
        r.tick = 50;
        r.nowNs = 500 * MS;
        r.mode = FlightMode.LAND.ordinal();
        r.transitioned = true;
        r.handOver.mode = FlightMode.LAND;
        r.handOver.block = HandOverBlock.NOT_IN_PID;
        r.handOver.requested = false;
        narrator.accept(r);
        narrator.accept(r);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("SNN request dropped after 0.5 s without a hand-over (mode LAND"),
                lines.get(1));
        assertTrue(narrator.summaryLine().contains("last blocked by AGREEMENT"), narrator.summaryLine());
    }

    @Test
    void anEngagementIsCountedAndEndsTheReminders() {
        disagreeing(0, 150, true);
        r.tick = 150;
        r.nowNs = 1500 * MS;
        r.mode = FlightMode.SNN.ordinal();
        r.transitioned = true;
        r.handOver.block = HandOverBlock.ENGAGED;
        narrator.accept(r);
        r.transitioned = false;
        for (int i = 0; i < 300; i++) {
            r.nowNs += 10 * MS;
            narrator.accept(r);
        }
        assertEquals("SNN engaged 1.5 s after the request", lines.get(lines.size() - 1));
        assertEquals("SNN engaged 1 time (asked for 1)", narrator.summaryLine());
        assertNull(narrator.outlookForEngage(), "nothing to add while the SNN flies");
    }

    @Test
    void anAckBeforeTheRequestSaysWhatTheRequestWillMeet() {
        disagreeing(0, 10, false);
        assertTrue(lines.isEmpty(), "nothing is said before a request");
        assertTrue(narrator.outlookForEngage().startsWith("the hand-over waits for AGREEMENT: agreement with the PID: "
                + "disagrees, thrust differs by 0.120"), narrator.outlookForEngage());
        assertEquals("SNN never engaged: it was never asked for", narrator.summaryLine());
        r.handOver.block = HandOverBlock.READY;
        narrator.accept(r);
        assertEquals("nothing blocks: the SNN takes over at the next tick", narrator.outlookForEngage());
    }
}
