package io.spikepilot.flight.record;

import io.spikepilot.flight.loop.TickTimingRecorder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Tick timing into HdrHistogram: wake-up lateness with coordinated-omission correction (a stalled loop is charged
 * for every period it skipped, not just once) and tick duration as measured. The loop thread records wait-free and
 * without allocating (values are clamped to the trackable range); another thread pulls interval histograms.
 */
public final class HdrTickTimingRecorder implements TickTimingRecorder {
    /** Largest recordable value: 10 s in ns. */
    public static final long HIGHEST_NS = 10_000_000_000L;

    private final SingleWriterRecorder lateness = new SingleWriterRecorder(1, HIGHEST_NS, 3);
    private final SingleWriterRecorder duration = new SingleWriterRecorder(1, HIGHEST_NS, 3);
    private final Histogram latenessTotal = new Histogram(1, HIGHEST_NS, 3);
    private final Histogram durationTotal = new Histogram(1, HIGHEST_NS, 3);
    private Histogram latenessRecycled;
    private Histogram durationRecycled;

    @Override
    public void record(long latenessNs, long durationNs, long periodNs) {
        lateness.recordValueWithExpectedInterval(clamp(latenessNs), periodNs);
        duration.recordValue(clamp(durationNs));
    }

    private static long clamp(long v) {
        return v < 0 ? 0 : (v > HIGHEST_NS ? HIGHEST_NS : v);
    }

    /**
     * Lateness since the previous call (or construction), ns; resets the interval. The histogram is valid until the
     * next call, which recycles it (a once-a-second reader allocates nothing).
     */
    public synchronized Histogram latenessInterval() {
        Histogram h = lateness.getIntervalHistogram(latenessRecycled);
        latenessTotal.add(h);
        latenessRecycled = h;
        return h;
    }

    /** Tick durations since the previous call (or construction), ns; resets the interval; valid until the next call. */
    public synchronized Histogram durationInterval() {
        Histogram h = duration.getIntervalHistogram(durationRecycled);
        durationTotal.add(h);
        durationRecycled = h;
        return h;
    }

    /**
     * Lateness since construction, ns (a copy): a periodic reader of the intervals (the soak's sampler) does not take
     * anything away from the flight summary's percentiles.
     */
    public synchronized Histogram latenessSinceStart() {
        latenessInterval();
        return latenessTotal.copy();
    }

    /** Tick durations since construction, ns (a copy); see {@link #latenessSinceStart}. */
    public synchronized Histogram durationSinceStart() {
        durationInterval();
        return durationTotal.copy();
    }
}
