package io.spikepilot.telemetry;

/**
 * A token bucket over every message that arrives on {@code cmd}, valid or not: a flood costs the vehicle a bounded
 * amount of parsing and answering, whatever it holds. Time comes in, so tests need no sleeping.
 */
final class CommandRate {
    private final double perNs;
    private final double burst;
    private double tokens;
    private long lastNs;
    private boolean started;

    CommandRate(double perS, int burst) {
        this.perNs = perS / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Whether a message arriving at {@code nowNs} (monotonic) is within the rate; takes its token if so. */
    boolean tryTake(long nowNs) {
        if (started) {
            long elapsedNs = Math.max(0, nowNs - lastNs);
            tokens = Math.min(burst, tokens + elapsedNs * perNs);
        }
        started = true;
        lastNs = nowNs;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
