package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "the loop's timing is unchanged" means in these tests, with margins for a loaded 2-core machine (the quiet
 * phase is taken in turns with the troubled one, so both share the machine's other load): no tick failed, the loop
 * kept ticking, it skipped at most 2 % more of its periods than in the quiet phase, and its 99th-percentile wake-up
 * lateness stayed under 2 ms (a fifth of the 10 ms period) or within twice the quiet phase's. A publisher that
 * blocked the loop (a connect timeout, a keep-alive, a full socket: seconds each) fails all of these.
 */
final class LoopTimingAssertions {
    private LoopTimingAssertions() {
    }

    /** No tick failed and the loop ran (or counted as skipped) at least 90 % of the phase's periods. */
    static void assertKeptTicking(LoopRig.Phase phase) {
        System.out.println("loop timing " + phase);
        assertEquals(0, phase.tickErrors(), phase.toString());
        long expected = Math.round(phase.seconds() * 1e9 / LoopRig.PERIOD_NS);
        // a stall still in progress at the end of the phase has not been counted as skipped periods yet
        assertTrue(phase.ticks() + phase.missed() >= expected * 9 / 10, "the loop stopped ticking: " + phase
                + " (expected about " + expected + " periods)");
    }

    static void assertUnchanged(LoopRig.Phase quiet, LoopRig.Phase troubled) {
        System.out.println("loop timing " + quiet);
        assertKeptTicking(troubled);
        double quietMissedShare = quiet.missed() / (double) Math.max(1, quiet.ticks() + quiet.missed());
        double missedShare = troubled.missed() / (double) Math.max(1, troubled.ticks() + troubled.missed());
        assertTrue(missedShare <= quietMissedShare + 0.02, "missed ticks " + troubled + " against " + quiet);
        assertTrue(troubled.latenessP99Us() <= Math.max(2_000, 2 * quiet.latenessP99Us()),
                "lateness " + troubled + " against " + quiet);
    }
}
