package io.spikepilot.telemetry;

import java.util.SplittableRandom;

/**
 * Delays between attempts to reach the broker: exponential from {@code minMs}, doubling up to {@code maxMs}, each
 * drawn uniformly from the upper half of its step ("equal jitter"), so a fleet that lost its broker together does not
 * come back in lockstep, yet no delay is shorter than half a step. The jitter comes from a seeded generator: the same
 * seed gives the same delays, so a run's reconnect timing is reproducible from its log.
 */
final class ReconnectBackoff {
    private final long minMs;
    private final long maxMs;
    private final long seed;
    private final SplittableRandom random;
    private int attempt;

    /**
     * @param minMs first step, ms, at least 10
     * @param maxMs largest step, ms, at least {@code minMs}
     */
    ReconnectBackoff(long minMs, long maxMs, long seed) {
        if (minMs < 10 || maxMs < minMs) {
            throw new IllegalArgumentException("telemetry: reconnect back-off expected 10 <= min <= max ms, found "
                    + minMs + " and " + maxMs);
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The delay before the next attempt, ms, in [step/2, step] with step = min(max, min * 2^attempts). */
    synchronized long nextDelayMs() {
        long step = minMs;
        for (int i = 0; i < attempt && step < maxMs; i++) {
            step = step > maxMs / 2 ? maxMs : step * 2;
        }
        attempt++;
        long half = step / 2;
        return half + random.nextLong(step - half + 1);
    }

    /** After a successful connection: the next loss starts again from the first step. */
    synchronized void reset() {
        attempt = 0;
    }

    long seed() {
        return seed;
    }

    long minMs() {
        return minMs;
    }

    long maxMs() {
        return maxMs;
    }
}
