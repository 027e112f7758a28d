package io.spikepilot.tools;

import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.flight.loop.TickTimingRecorder;
import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;
import io.spikepilot.flight.SyntheticFlight;
import io.spikepilot.flight.record.HdrTickTimingRecorder;

/**
 * The flight loop run in real time on this computer with a {@link SyntheticFlight}: compiles the tick back to back in
 * simulated time, settles the runner for a second, then measures wake-up lateness, tick duration and the bytes the
 * loop thread allocates. What {@code bench-loop} prints per idle strategy and what {@code doctor} compares with the
 * control period.
 */
final class LoopBench {
    /**
     * One measured run.
     *
     * @param ticks           ticks run while measuring
     * @param missedTicks     deadlines skipped because a tick or a wake-up came too late
     * @param latenessNs      wake-up lateness (coordinated-omission corrected), ns
     * @param tickNs          tick durations, ns
     * @param allocatedBytes  bytes allocated by the loop thread while measuring
     */
    record Result(long ticks, long missedTicks, Histogram latenessNs, Histogram tickNs, long allocatedBytes) {
        double bytesPerTick() {
            return (double) allocatedBytes / Math.max(1, ticks);
        }
    }

    private LoopBench() {
    }

    /** Runs {@code flight} on the calling thread: {@code warmupTicks} compiled, then {@code seconds} measured. */
    static Result measure(SyntheticFlight flight, IdleStrategy strategy, int warmupTicks, double seconds) {
        long simNow = flight.engage();
        for (int i = 0; i < warmupTicks; i++) {
            flight.updateState(simNow);
            flight.controller().tick(simNow);
            simNow += flight.periodNs();
        }
        double rateHz = 1e9 / flight.periodNs();
        HdrTickTimingRecorder recorder = new HdrTickTimingRecorder();
        LoopRunner runner = new LoopRunner((now, deadline, missed, previous) -> {
            flight.updateState(now);
            flight.controller().tick(now, deadline, missed, previous);
        }, flight.periodNs(), strategy, NanoClock.SYSTEM, recorder);
        // a short unmeasured real-time run settles the runner itself
        new LoopRunner((now, deadline, missed, previous) -> {
            flight.updateState(now);
            flight.controller().tick(now, deadline, missed, previous);
        }, flight.periodNs(), strategy, NanoClock.SYSTEM, TickTimingRecorder.NONE).runFor(Math.round(rateHz));
        long ticks = Math.max(1, Math.round(seconds * rateHz));
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        recorder.latenessInterval();
        recorder.durationInterval();
        long before = bean.getThreadAllocatedBytes(threadId);
        runner.runFor(ticks);
        long allocated = bean.getThreadAllocatedBytes(threadId) - before;
        return new Result(runner.ticks(), runner.missedTicks(), recorder.latenessInterval(),
                recorder.durationInterval(), allocated);
    }
}
