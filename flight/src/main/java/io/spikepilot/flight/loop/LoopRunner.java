package io.spikepilot.flight.loop;

import io.spikepilot.controller.time.ControlRate;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.controller.loop.TickTarget;

/**
 * Runs a {@link TickTarget} at absolute deadlines {@code start + k·period}. Lateness never accumulates: deadlines do
 * not move with the tick's own timing. When a wake-up or a tick runs past one or more whole periods, those periods
 * are skipped and counted, keeping the phase (WPILib's scheduler does the same) instead of firing a burst of
 * catch-up ticks with stale data; the next tick is told how many it missed, so the supervisor can act.
 *
 * <p>Statistics (ticks, missed periods, maximum tick duration and lateness, tick errors) are readable from any
 * thread. A tick that throws a RuntimeException, which the flight controller's contract forbids, is counted and the loop
 * goes on; an Error ends the loop.
 */
public final class LoopRunner implements Runnable {
    private final TickTarget target;
    private final long periodNs;
    private final IdleStrategy idle;
    private final NanoClock clock;
    private final TickTimingRecorder recorder;

    private volatile boolean running = true;
    private volatile long ticks;
    private volatile long missedTicks;
    private volatile long maxTickNs;
    private volatile long maxLatenessNs;
    private volatile long tickErrors;
    private volatile Throwable firstTickError;
    private Thread thread;

    /**
     * @param target   what to tick
     * @param periodNs control period, ns, as {@link ControlRate} accepts it (2-20 ms)
     * @param idle     how to wait between ticks
     * @param clock    monotonic clock
     * @param recorder tick timing sink
     */
    public LoopRunner(TickTarget target, long periodNs, IdleStrategy idle, NanoClock clock,
                      TickTimingRecorder recorder) {
        if (target == null || idle == null || clock == null || recorder == null) {
            throw new IllegalArgumentException("loop runner: target, idle strategy, clock and recorder are required");
        }
        ControlRate.ofPeriodNs("loop runner: field 'periodNs'", periodNs);
        this.target = target;
        this.periodNs = periodNs;
        this.idle = idle;
        this.clock = clock;
        this.recorder = recorder;
    }

    /** Starts the loop on a new thread named {@code name}. */
    public synchronized Thread start(String name) {
        if (thread != null) {
            throw new IllegalStateException("loop runner: already started");
        }
        thread = new Thread(this, name);
        thread.setDaemon(false);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return thread;
    }

    /** Asks the loop to stop after the current tick and waits up to {@code timeoutMs} for it. */
    public void stop(long timeoutMs) throws InterruptedException {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(timeoutMs);
        }
    }

    /** Runs on the calling thread until {@link #stop} (or {@link #runFor} ticks). */
    @Override
    public void run() {
        runFor(Long.MAX_VALUE);
    }

    /** Runs {@code tickCount} ticks (or until stopped) on the calling thread; used by benchmarks and tests. */
    public void runFor(long tickCount) {
        long deadline = clock.nanoTime() + periodNs;
        long missed;
        long previousTickNs = 0;
        long done = 0;
        while (running && done < tickCount) {
            idle.idleUntil(deadline, clock);
            long now = clock.nanoTime();
            long lateness = now - deadline;
            long scheduled = deadline;
            missed = 0;
            if (lateness >= periodNs) {
                long skip = lateness / periodNs;
                deadline += skip * periodNs;
                missed += skip;
            }
            try {
                target.tick(now, deadline, missed, previousTickNs);
            } catch (RuntimeException e) {
                if (firstTickError == null) {
                    firstTickError = e;
                }
                tickErrors++;
            }
            long end = clock.nanoTime();
            previousTickNs = end - now;
            recorder.record(now - scheduled, previousTickNs, periodNs);
            if (previousTickNs > maxTickNs) {
                maxTickNs = previousTickNs;
            }
            if (now - scheduled > maxLatenessNs) {
                maxLatenessNs = now - scheduled;
            }
            if (missed > 0) {
                missedTicks += missed;
            }
            ticks++;
            done++;
            // a tick that overran shows up as lateness at the next wake-up, where the skipping happens
            deadline += periodNs;
        }
    }

    /** Ticks run. */
    public long ticks() {
        return ticks;
    }

    /** Periods skipped because a wake-up or a tick ran late. */
    public long missedTicks() {
        return missedTicks;
    }

    /** Longest tick, ns. */
    public long maxTickNs() {
        return maxTickNs;
    }

    /** Largest wake-up lateness, ns. */
    public long maxLatenessNs() {
        return maxLatenessNs;
    }

    /** Ticks that threw. */
    public long tickErrors() {
        return tickErrors;
    }

    /** The first throwable a tick threw, or null. */
    public Throwable firstTickError() {
        return firstTickError;
    }

    public long periodNs() {
        return periodNs;
    }

    public IdleStrategy idleStrategy() {
        return idle;
    }
}
