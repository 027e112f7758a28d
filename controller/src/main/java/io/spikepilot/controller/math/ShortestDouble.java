package io.spikepilot.controller.math;

import java.math.BigInteger;

/**
 * Writes a {@code double} as the shortest decimal that reads back to the same bits, in {@link Double#toString}'s
 * layout ({@code 123.45}, {@code 0.001}, {@code 1.0E-5}, {@code 1.0E7}, {@code NaN}, {@code -Infinity}), without
 * allocating.
 *
 * <p>Why not {@code StringBuilder.append(double)}: on JDK 17 it goes through {@code FloatingDecimal}, which allocates
 * big integers for most doubles with a full mantissa (hundreds of bytes a number), and a recorder formatting a trace
 * row per tick then fills the young generation and brings the collections that stop the control loop. JDK 19 replaced
 * that code by Raffaello Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020), which this class
 * implements from the paper, so its text is JDK 19+'s {@code Double.toString} on any JDK. Where JDK 17 printed more
 * digits than needed or not the closest ones (JDK 17 writes 1e23 as {@code 9.999999999999999E22} and
 * 5.789836472979741E16 as {@code 5.7898364729797408E16}; about 0.3 % of random bit patterns, none seen between 10^-3
 * and 10^7, where a flight's numbers live) this prints the shortest; both read back to the same double.
 *
 * <p>The 617 128-bit powers of ten are computed once when the class loads, with {@link BigInteger}.
 */
public final class ShortestDouble {
    /** Significand bits with the hidden one. */
    private static final int P = 53;
    /** Exponent of the smallest subnormal's unit. */
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final long T_MASK = C_MIN - 1;
    private static final int BQ_MASK = 0x7ff;
    /** Subnormals below this significand have fewer than 17 digits' room: scaled by 10 first (the paper's c_tiny). */
    private static final long C_TINY = 3;
    /** Digits of precision the output is padded to before trailing zeros are cut. */
    private static final int H = 17;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final long[] G = powersOfTen();
    private static final long[] POW10 = new long[H + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= H; i++) {
            POW10[i] = 10 * POW10[i - 1];
        }
    }

    private ShortestDouble() {
    }

    /**
     * Appends the shortest round-trip text of {@code v} to {@code sb}; allocation-free once {@code sb} has room for
     * 24 more characters.
     */
    public static StringBuilder append(StringBuilder sb, double v) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            return sb.append(t != 0 ? "NaN" : bits > 0 ? "Infinity" : "-Infinity");
        }
        if (bits < 0) {
            sb.append('-');
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                // an integer below 2^53: its digits are exact, no search needed
                long f = c >> mq;
                if (f << mq == c) {
                    return digits(sb, f, 0);
                }
            }
            return decimal(sb, -mq, c, 0);
        }
        if (t != 0) {
            return t < C_TINY ? decimal(sb, Q_MIN, 10 * t, -1) : decimal(sb, Q_MIN, t, 0);
        }
        return sb.append("0.0");
    }

    /**
     * The shortest decimal in the rounding interval of c·2^q, closest to it when two qualify (ties to an even digit):
     * the Schubfach search, with v, its interval bounds and the candidates all scaled by 4 (two guard bits).
     */
    private static StringBuilder decimal(StringBuilder sb, int q, long c, int dk) {
        int out = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            // a power of two: the interval below is half as wide as the one above
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);

        long s = vb >> 2;
        if (s >= 100) {
            // one digit fewer: the multiples of ten just below and above v
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return digits(sb, upin ? sp10 : tp10, k);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            return digits(sb, uin ? s : tt, k + dk);
        }
        long cmp = vb - ((s + tt) << 1);
        return digits(sb, cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : tt, k + dk);
    }

    /** ⌊g·cp / 2^127⌋ rounded to odd (its low bit set when any dropped bit is), g = g1·2^63 + g0. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (((z & MASK_63) + MASK_63) >>> 63);
    }

    /** Writes f·10^e in Double.toString's layout: plain for 10^-3 ≤ |v| < 10^7, else d.ddd...E±n. */
    private static StringBuilder digits(StringBuilder sb, long f, int e) {
        int len = floorLog10Pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len++;
        }
        // now f·10^e = 0.d1 d2 ... d_len · 10^(e + len); cut the trailing zeros off the digits
        int exp = e + len;
        while (len > 1 && f % 10 == 0) {
            f /= 10;
            len--;
        }
        if (0 < exp && exp <= 7) {
            // the integer part, then the fraction (at least one digit)
            appendDigits(sb, f, len, 0, Math.min(exp, len));
            for (int i = len; i < exp; i++) {
                sb.append('0');
            }
            sb.append('.');
            if (len > exp) {
                appendDigits(sb, f, len, exp, len);
            } else {
                sb.append('0');
            }
        } else if (-3 < exp && exp <= 0) {
            sb.append("0.");
            for (int i = exp; i < 0; i++) {
                sb.append('0');
            }
            appendDigits(sb, f, len, 0, len);
        } else {
            appendDigits(sb, f, len, 0, 1);
            sb.append('.');
            if (len > 1) {
                appendDigits(sb, f, len, 1, len);
            } else {
                sb.append('0');
            }
            sb.append('E');
            int x = exp - 1;
            if (x < 0) {
                sb.append('-');
                x = -x;
            }
            if (x >= 100) {
                sb.append((char) ('0' + x / 100));
            }
            if (x >= 10) {
                sb.append((char) ('0' + x / 10 % 10));
            }
            sb.append((char) ('0' + x % 10));
        }
        return sb;
    }

    /** Appends digits [from, to) of the len-digit number f, most significant first. */
    private static void appendDigits(StringBuilder sb, long f, int len, int from, int to) {
        for (int i = from; i < to; i++) {
            sb.append((char) ('0' + f / POW10[len - 1 - i] % 10));
        }
    }

    /** ⌊log10(2^e)⌋ for |e| ≤ 5456721. */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** ⌊log10(3/4 · 2^e)⌋ for |e| ≤ 2^20. */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) ((e * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /** ⌊log2(10^e)⌋ for |e| ≤ 1838394. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * For k in [K_MIN, K_MAX]: g = ⌊10^-k · 2^(125 - ⌊log2 10^-k⌋)⌋ + 1, a 126-bit over-estimate of 10^-k scaled into
     * [2^125, 2^126), stored as (g >> 63, g mod 2^63) pairs.
     */
    private static long[] powersOfTen() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int e = -k;
            int shift = 125 - floorLog2Pow10(e);
            BigInteger scaled;
            if (e >= 0) {
                BigInteger p = BigInteger.TEN.pow(e);
                scaled = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
            } else {
                // 10^e·2^shift = 2^shift / 10^-e with shift > 0 here
                scaled = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(-e));
            }
            scaled = scaled.add(BigInteger.ONE);
            g[2 * (k - K_MIN)] = scaled.shiftRight(63).longValueExact();
            g[2 * (k - K_MIN) + 1] = scaled.and(mask63).longValueExact();
        }
        return g;
    }
}
