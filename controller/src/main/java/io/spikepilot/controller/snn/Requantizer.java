package io.spikepilot.controller.snn;

/**
 * Integer rescaling by a real ratio r, as {@code (acc · M + 2^(s−1)) >> s} with a 23-bit multiplier
 * {@code M ∈ [2^22, 2^23)} and shift {@code s ∈ [1, 62]}, so {@code M·2^−s} equals r to 2^−23 relative.
 *
 * <p>Rounding: adding {@code 2^(s−1)} before the arithmetic shift rounds half toward +∞ (−2.5 → −2, 2.5 → 3).
 * Range: with |acc| ≤ 2^31 and M &lt; 2^23 the product stays below 2^54, far inside a {@code long}.
 */
public final class Requantizer {
    /** Fraction bits of the multiplier's leading one. */
    static final int MULTIPLIER_BITS = 22;
    /** Largest ratio representable with shift ≥ 1. */
    public static final double MAX_RATIO = 0x1p21;
    /** Smallest non-zero ratio representable with shift ≤ 62. */
    public static final double MIN_RATIO = 0x1p-40;

    private Requantizer() {
    }

    /**
     * Multiplier for ratio {@code r}: 0 for r = 0, else in [2^22, 2^23).
     *
     * @throws IllegalArgumentException when r is negative, not finite or outside [{@link #MIN_RATIO},
     *                                  {@link #MAX_RATIO}]
     */
    public static int multiplier(double r) {
        if (r == 0.0) {
            return 0;
        }
        check(r);
        int e = Math.getExponent(r);
        long m = Math.round(Math.scalb(r, MULTIPLIER_BITS - e));
        if (m == 1L << (MULTIPLIER_BITS + 1)) {
            m >>= 1;
        }
        return (int) m;
    }

    /** Shift for ratio {@code r}, paired with {@link #multiplier(double)}; 1 for r = 0. */
    public static int shift(double r) {
        if (r == 0.0) {
            return 1;
        }
        check(r);
        int e = Math.getExponent(r);
        long m = Math.round(Math.scalb(r, MULTIPLIER_BITS - e));
        if (m == 1L << (MULTIPLIER_BITS + 1)) {
            e++;
        }
        return MULTIPLIER_BITS - e;
    }

    /** The ratio a multiplier/shift pair represents. */
    public static double ratio(int multiplier, int shift) {
        return Math.scalb((double) multiplier, -shift);
    }

    /** {@code round(acc · M / 2^s)}, half toward +∞. */
    public static long apply(long acc, int multiplier, int shift) {
        return (acc * multiplier + (1L << (shift - 1))) >> shift;
    }

    private static void check(double r) {
        if (!(r >= MIN_RATIO && r <= MAX_RATIO)) {
            throw new IllegalArgumentException("requantizer: expected a ratio in [2^-40, 2^21], found " + r);
        }
    }
}
