package io.spikepilot.tools.bench;

import org.HdrHistogram.Histogram;

/** What a sampler reads of a running control loop, from another thread. */
public interface LoopGauges {
    /** Ticks run so far. */
    long ticks();

    /** Periods skipped so far (overruns and stalls). */
    long missedTicks();

    /** The loop thread's id, for its allocation counter. */
    long loopThreadId();

    /** The supervisor's mode now (IDLE, PID, SNN, LAND). */
    String mode();

    /** Wake-up lateness since the previous call, ns. */
    Histogram latenessInterval();
}
