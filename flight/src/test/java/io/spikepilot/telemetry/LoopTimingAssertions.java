package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * What "the loop's timing is unchanged" means in these tests, with margins for a loaded 2-core machine shared with
 * other work. Quiet and troubled windows are taken in turns, so both share the machine's other load, and they are
 * compared by their median window, so that one stall of the whole machine in one window decides nothing: in the
 * median troubled window the loop skipped at most 3 % more of its periods than in the median quiet one, and its
 * 99th-percentile wake-up lateness stayed within one period (10 ms) or within twice the quiet one's. (A tighter floor,
 * 3 ms, failed now and then on the quiet machine's own hiccups at load average 10-15.) No tick may fail, and the loop
 * must keep ticking throughout. A publisher that blocked the loop (a connect timeout, a keep-alive, a full socket:
 * seconds each) fails all of these; the pooled figures are printed for BENCHMARKS.md.
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

    /** Compares the ended windows of each kind (see the class comment); {@code rig} pools them for the report. */
    static void assertUnchanged(LoopRig rig, String quietName, List<LoopRig.Mark> quiet, String troubledName,
                                List<LoopRig.Mark> troubled) {
        LoopRig.Phase quietPooled = rig.pooled(quietName, quiet);
        LoopRig.Phase troubledPooled = rig.pooled(troubledName, troubled);
        System.out.println("loop timing " + quietPooled);
        assertKeptTicking(troubledPooled);
        double quietMissed = median(quiet, p -> missedShare(p));
        double troubledMissed = median(troubled, p -> missedShare(p));
        double quietP99 = median(quiet, LoopRig.Phase::latenessP99Us);
        double troubledP99 = median(troubled, LoopRig.Phase::latenessP99Us);
        String context = String.format(java.util.Locale.ROOT, "median window: missed %.1f %% against %.1f %%, "
                + "lateness p99 %.0f us against %.0f us; pooled: %s against %s", 100 * troubledMissed,
                100 * quietMissed, troubledP99, quietP99, troubledPooled, quietPooled);
        assertTrue(troubledMissed <= quietMissed + 0.03, "missed ticks: " + context);
        assertTrue(troubledP99 <= Math.max(LoopRig.PERIOD_NS / 1e3, 2 * quietP99), "lateness: " + context);
    }

    private static double missedShare(LoopRig.Phase p) {
        return p.missed() / (double) Math.max(1, p.ticks() + p.missed());
    }

    private static double median(List<LoopRig.Mark> marks, java.util.function.ToDoubleFunction<LoopRig.Phase> f) {
        double[] v = marks.stream().map(LoopRig.Mark::phase).mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
