package io.spikepilot.controller.time;

/**
 * A control rate the flight loop accepts, in Hz, with its period rounded to whole nanoseconds (the loop's and the
 * supervisor's unit). The bounds are the range the loop is built and tested for: the paper's policies run at 100 Hz;
 * 500 Hz (2 ms) is about the shortest period that still leaves a Raspberry Pi room for the link, the network step and
 * telemetry in one tick; below 50 Hz the outer loop is no longer fast against a small quadrotor's attitude response
 * of a few tens of ms. Every check of a rate or a period goes through
 * {@link #acceptsHz} or {@link #acceptsPeriodNs}, so the bounds are written here only.
 */
public final class ControlRate {
    public static final double MIN_HZ = 50;
    public static final double MAX_HZ = 500;
    /** The period of {@link #MAX_HZ}, ns. */
    public static final long MIN_PERIOD_NS = periodNsOf(MAX_HZ);
    /** The period of {@link #MIN_HZ}, ns. */
    public static final long MAX_PERIOD_NS = periodNsOf(MIN_HZ);
    /** The accepted range as it appears in messages. */
    public static final String RANGE_HZ = "[" + (int) MIN_HZ + ", " + (int) MAX_HZ + "]";

    private final double hz;
    private final long periodNs;

    private ControlRate(double hz, long periodNs) {
        this.hz = hz;
        this.periodNs = periodNs;
    }

    /** Whether the loop runs at {@code hz}: in [50, 500], and not NaN. */
    public static boolean acceptsHz(double hz) {
        return hz >= MIN_HZ && hz <= MAX_HZ;
    }

    /** Whether {@code periodNs} is the period of an accepted rate: in [2 ms, 20 ms]. */
    public static boolean acceptsPeriodNs(long periodNs) {
        return periodNs >= MIN_PERIOD_NS && periodNs <= MAX_PERIOD_NS;
    }

    /**
     * The rate {@code hz}, or an exception whose message starts with {@code field} (the caller's name for it, e.g.
     * "flight config: field 'rateHz'") and says what was expected and found.
     */
    public static ControlRate ofHz(String field, double hz) {
        if (!acceptsHz(hz)) {
            throw new IllegalArgumentException(field + " expected a value in " + RANGE_HZ + ", found " + hz);
        }
        return new ControlRate(hz, periodNsOf(hz));
    }

    /** The rate whose period is {@code periodNs}; the message of a refusal names {@code field} and the unit. */
    public static ControlRate ofPeriodNs(String field, long periodNs) {
        if (!acceptsPeriodNs(periodNs)) {
            throw new IllegalArgumentException(field + " expected a period in [" + MIN_PERIOD_NS + ", "
                    + MAX_PERIOD_NS + "] ns (" + RANGE_HZ + " Hz), found " + periodNs + " ns");
        }
        return new ControlRate(1e9 / periodNs, periodNs);
    }

    /** The period of a rate in Hz, rounded to the nearest ns; the loop ticks at exactly this period. */
    public static long periodNsOf(double hz) {
        return Math.round(1e9 / hz);
    }

    public double hz() {
        return hz;
    }

    public long periodNs() {
        return periodNs;
    }

    public double periodS() {
        return periodNs * 1e-9;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlRate r && r.periodNs == periodNs && Double.compare(r.hz, hz) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(periodNs) * 31 + Double.hashCode(hz);
    }

    @Override
    public String toString() {
        return hz + " Hz (" + periodNs + " ns)";
    }
}
