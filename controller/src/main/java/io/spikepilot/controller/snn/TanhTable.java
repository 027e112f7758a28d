package io.spikepilot.controller.snn;

/**
 * Integer tanh for the output layer. The argument is a Q16 fixed-point number (z / 65536); the result is read from a
 * table of {@code tanh(k/256)} in Q30 for k = 0..2048 (|z| ≤ 8) with linear interpolation in integers, and converted to
 * float by one exact scaling at the output boundary. Beyond |z| = 8 the result is ±tanh(8).
 *
 * <p>Maximum error against the exact tanh of the Q16 argument, over every Q16 value in [−8, 8] and beyond:
 * {@value #MAX_ERROR} (interpolation error h²/8·max|tanh''| = 1.47e-6 for h = 1/256, plus 1 − tanh(8) = 2.3e-7 for
 * clipped arguments, plus Q30 and float rounding); verified exhaustively by the tests. The table is built with
 * {@link StrictMath#tanh} so it is the same on every JVM.
 */
public final class TanhTable {
    /** Stated bound on |table(z) − tanh(z / 65536)|. */
    public static final double MAX_ERROR = 2.0e-6;
    /** Fraction bits of the argument. */
    public static final int ARGUMENT_FRACTION_BITS = 16;
    /** Largest |argument| tabulated, in Q16: 8.0. */
    public static final int MAX_ARGUMENT = 8 << ARGUMENT_FRACTION_BITS;
    private static final int STEP_BITS = 8;
    private static final int FRACTION_BITS = ARGUMENT_FRACTION_BITS - STEP_BITS;
    private static final int ENTRIES = (8 << STEP_BITS) + 2;
    private static final float Q30_TO_FLOAT = 0x1p-30f;
    private static final int[] TABLE = new int[ENTRIES];

    static {
        for (int k = 0; k < ENTRIES; k++) {
            TABLE[k] = (int) Math.round(StrictMath.tanh(k / 256.0) * (1 << 30));
        }
    }

    private TanhTable() {
    }

    /** tanh of the Q16 argument {@code z}, within {@link #MAX_ERROR}. Allocation-free. */
    public static float tanhQ16(long z) {
        boolean negative = z < 0;
        long a = negative ? -z : z;
        if (a > MAX_ARGUMENT) {
            a = MAX_ARGUMENT;
        }
        int idx = (int) (a >> FRACTION_BITS);
        int frac = (int) (a & ((1 << FRACTION_BITS) - 1));
        int t0 = TABLE[idx];
        int t1 = TABLE[idx + 1];
        int q30 = t0 + (((t1 - t0) * frac + (1 << (FRACTION_BITS - 1))) >> FRACTION_BITS);
        float v = q30 * Q30_TO_FLOAT;
        return negative ? -v : v;
    }
}
