package io.spikepilot.controller.loop;

/** What the runner calls once per period; {@link FlightController} in flight, anything in benchmarks. */
@FunctionalInterface
public interface TickTarget {
    /**
     * @param nowNs          time the tick runs at
     * @param deadlineNs     deadline it was scheduled for (after skipping missed periods)
     * @param missedTicks    periods skipped just before this tick
     * @param previousTickNs duration of the previous tick
     */
    void tick(long nowNs, long deadlineNs, long missedTicks, long previousTickNs);
}
