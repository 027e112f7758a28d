package io.spikepilot.flight.loop;

import io.spikepilot.controller.loop.NanoClock;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How the loop thread waits for its next deadline. Linux coalesces timer wake-ups (timer slack, 50 µs by default) and
 * parks return late, so the default parks until close to the deadline and spins the rest (anchors C3).
 */
public interface IdleStrategy {
    /** Returns at or after {@code deadlineNs} on {@code clock}. Never allocates. */
    void idleUntil(long deadlineNs, NanoClock clock);

    /** A short name for configs and reports. */
    String name();

    /** Parks until {@code spinWindowNs} before the deadline, then spins with {@link Thread#onSpinWait()}. */
    static IdleStrategy parkThenSpin(long spinWindowNs) {
        if (spinWindowNs < 0 || spinWindowNs > 10_000_000L) {
            throw new IllegalArgumentException(
                    "idle strategy park-spin: spin window expected [0, 10 ms] in ns, found " + spinWindowNs);
        }
        return new IdleStrategy() {
            @Override
            public void idleUntil(long deadlineNs, NanoClock clock) {
                while (true) {
                    long remaining = deadlineNs - clock.nanoTime();
                    if (remaining <= 0) {
                        return;
                    }
                    if (remaining > spinWindowNs) {
                        LockSupport.parkNanos(remaining - spinWindowNs);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }

            @Override
            public String name() {
                return "park-spin";
            }
        };
    }

    /** Parks for the remaining time, again if woken early: cheap on the CPU, late by the timer slack. */
    static IdleStrategy park() {
        return new IdleStrategy() {
            @Override
            public void idleUntil(long deadlineNs, NanoClock clock) {
                long remaining;
                while ((remaining = deadlineNs - clock.nanoTime()) > 0) {
                    LockSupport.parkNanos(remaining);
                }
            }

            @Override
            public String name() {
                return "park";
            }
        };
    }

    /** {@link Thread#sleep(long, int)} for the remaining time (JDK ≤ 20 rounds it to whole milliseconds). */
    static IdleStrategy sleep() {
        return new IdleStrategy() {
            @Override
            public void idleUntil(long deadlineNs, NanoClock clock) {
                long remaining;
                while ((remaining = deadlineNs - clock.nanoTime()) > 0) {
                    try {
                        Thread.sleep(remaining / 1_000_000L, (int) (remaining % 1_000_000L));
                    } catch (InterruptedException e) {
                        // the runner stops through its own flag; keep the interrupt visible to it
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }

            @Override
            public String name() {
                return "sleep";
            }
        };
    }

    /** Spins until the deadline: the lowest lateness, a whole core. */
    static IdleStrategy busySpin() {
        return new IdleStrategy() {
            @Override
            public void idleUntil(long deadlineNs, NanoClock clock) {
                while (deadlineNs - clock.nanoTime() > 0) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public String name() {
                return "busy-spin";
            }
        };
    }

    /** Default spin window of {@link #parkThenSpin}: two timer slacks. */
    long DEFAULT_SPIN_WINDOW_NS = 100_000L;

    /** Parses {@code park-spin}, {@code park}, {@code sleep} or {@code busy-spin}. */
    static IdleStrategy byName(String name, long spinWindowNs) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "park-spin" -> parkThenSpin(spinWindowNs);
            case "park" -> park();
            case "sleep" -> sleep();
            case "busy-spin" -> busySpin();
            default -> throw new IllegalArgumentException(
                    "idle strategy: expected one of [park-spin, park, sleep, busy-spin], found '" + name + "'");
        };
    }
}
