package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What "the loop's timing is unchanged" means in these tests, with margins for a loaded 2-core machine: no tick
 * failed, the loop kept its rate (at most 1 % of the periods skipped, and no more than in the quiet phase plus that),
 * and the 99th-percentile wake-up lateness stayed under 2 ms (a fifth of the 10 ms period) or within twice the quiet
 * phase's. A telemetry publisher that blocked the loop would stop its ticks outright and fail all of these.
 */
final class LoopTimingAssertions {
    private LoopTimingAssertions() {
    }

    static void assertUnchanged(LoopRig.Phase quiet, LoopRig.Phase troubled) {
        System.out.println("loop timing " + quiet);
        System.out.println("loop timing " + troubled);
        assertEquals(0, troubled.tickErrors(), troubled.toString());
        long expected = Math.round(troubled.seconds() * 1e9 / LoopRig.PERIOD_NS);
        assertTrue(troubled.ticks() + troubled.missed() >= expected - 2, "the loop stopped ticking: " + troubled
                + " (expected about " + expected + " periods)");
        double quietMissedShare = quiet.missed() / (double) Math.max(1, quiet.ticks() + quiet.missed());
        double missedShare = troubled.missed() / (double) Math.max(1, troubled.ticks() + troubled.missed());
        assertTrue(missedShare <= quietMissedShare + 0.01, "missed ticks " + troubled + " against " + quiet);
        assertTrue(troubled.latenessP99Us() <= Math.max(2_000, 2 * quiet.latenessP99Us()),
                "lateness " + troubled + " against " + quiet);
    }
}
