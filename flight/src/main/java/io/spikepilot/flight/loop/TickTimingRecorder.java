package io.spikepilot.flight.loop;

/**
 * Receives the runner's timing of every tick, on the loop thread: must not block or allocate. The HdrHistogram
 * implementation (with coordinated-omission correction) is {@code flight.record.HdrTickTimingRecorder}; the runner
 * sees only this interface, so it runs without a histogram ({@link #NONE}) in benches and tests.
 */
public interface TickTimingRecorder {
    /** Records nothing. */
    TickTimingRecorder NONE = (latenessNs, durationNs, periodNs) -> { };

    /**
     * @param latenessNs wake time minus the originally scheduled deadline, ns (includes skipped periods after a stall)
     * @param durationNs time spent in the tick, ns
     * @param periodNs   the control period, ns (the expected interval between samples)
     */
    void record(long latenessNs, long durationNs, long periodNs);
}
