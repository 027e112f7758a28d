package io.spikepilot.flight.loop;

import io.spikepilot.controller.loop.NanoClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopRunnerTest {
    private static final long PERIOD = 4_000_000L; // 250 Hz

    /** A clock that only moves when the idle strategy or a tick moves it. */
    static final class ManualClock implements NanoClock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    /** Jumps the clock to the deadline plus a scripted lateness. */
    static final class JumpingIdle implements IdleStrategy {
        long latenessNs;

        @Override
        public void idleUntil(long deadlineNs, NanoClock clock) {
            ManualClock c = (ManualClock) clock;
            if (c.now < deadlineNs + latenessNs) {
                c.now = deadlineNs + latenessNs;
            }
        }

        @Override
        public String name() {
            return "jump";
        }
    }

    @Test
    void ticksRunAtAbsoluteDeadlinesThatDoNotDriftWithTickDuration() {
        ManualClock clock = new ManualClock();
        long start = clock.now;
        List<Long> deadlines = new ArrayList<>();
        LoopRunner runner = new LoopRunner((now, deadline, missed, prev) -> {
            deadlines.add(deadline - start);
            clock.now += 1_500_000L; // each tick takes 1.5 ms
        }, PERIOD, new JumpingIdle(), clock, TickTimingRecorder.NONE);
        runner.runFor(4);
        assertEquals(List.of(4_000_000L, 8_000_000L, 12_000_000L, 16_000_000L), deadlines);
        assertEquals(0, runner.missedTicks());
    }

    @Test
    void aTwoHundredMillisecondStallSkipsFortyNinePeriodsAndKeepsThePhase() {
        ManualClock clock = new ManualClock();
        long start = clock.now;
        List<long[]> calls = new ArrayList<>();
        LoopRunner runner = new LoopRunner((now, deadline, missed, prev) -> {
            calls.add(new long[] {deadline - start, missed});
            if (calls.size() == 2) {
                clock.now += 200_000_000L; // the second tick stalls for 200 ms
            }
        }, PERIOD, new JumpingIdle(), clock, TickTimingRecorder.NONE);
        runner.runFor(3);
        // tick 2 at 8 ms ends at 208 ms: deadlines 12..208 ms (50 of them) are late by ≥ 1 period except the last
        assertEquals(8_000_000L, calls.get(1)[0]);
        assertEquals(208_000_000L, calls.get(2)[0]);
        assertEquals(49, calls.get(2)[1]);
        assertEquals(49, runner.missedTicks());
    }

    @Test
    void timingIsRecordedAgainstTheOriginalDeadlineWithThePeriodAsExpectedInterval() {
        ManualClock clock = new ManualClock();
        JumpingIdle idle = new JumpingIdle();
        idle.latenessNs = 30_000L;
        List<long[]> samples = new ArrayList<>();
        LoopRunner runner = new LoopRunner((now, deadline, missed, prev) -> clock.now += 2_000L, PERIOD, idle, clock,
                (late, duration, period) -> samples.add(new long[] {late, duration, period}));
        runner.runFor(2);
        assertEquals(30_000L, samples.get(0)[0]);
        assertEquals(2_000L, samples.get(0)[1]);
        assertEquals(PERIOD, samples.get(0)[2]);
        assertEquals(30_000L, runner.maxLatenessNs());
    }

    @Test
    void aThrowingTickIsCountedAndTheLoopGoesOn() {
        ManualClock clock = new ManualClock();
        int[] calls = {0};
        LoopRunner runner = new LoopRunner((now, deadline, missed, prev) -> {
            if (++calls[0] == 1) {
                throw new IllegalStateException("boom");
            }
        }, PERIOD, new JumpingIdle(), clock, TickTimingRecorder.NONE);
        runner.runFor(3);
        assertEquals(3, calls[0]);
        assertEquals(1, runner.tickErrors());
        assertEquals("boom", runner.firstTickError().getMessage());
    }

    @Test
    void realIdleStrategiesNeverReturnBeforeTheDeadline() {
        for (String name : new String[] {"park-spin", "park", "sleep", "busy-spin"}) {
            IdleStrategy idle = IdleStrategy.byName(name, IdleStrategy.DEFAULT_SPIN_WINDOW_NS);
            long deadline = System.nanoTime() + 300_000L;
            idle.idleUntil(deadline, NanoClock.SYSTEM);
            assertTrue(System.nanoTime() >= deadline, name);
        }
    }

    @Test
    void unknownIdleStrategyNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdleStrategy.byName("yield", 0));
        assertTrue(e.getMessage().contains("park-spin") && e.getMessage().contains("'yield'"), e.getMessage());
    }

    @Test
    void rateOutsideFiftyToFiveHundredHertzIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoopRunner(
                (a, b, c, d) -> { }, 1_000_000L, IdleStrategy.busySpin(), NanoClock.SYSTEM,
                TickTimingRecorder.NONE));
        assertTrue(e.getMessage().contains("1000000"), e.getMessage());
    }
}
