package io.spikepilot.controller.snn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three loops of a {@link FixedPointSnn} step that dominate its time, written with the JDK's incubator Vector API
 * ({@code jdk.incubator.vector}), bit for bit the results of the scalar loops in {@link FixedPointSnn}. Only loaded
 * when {@link StepKernel#VECTOR} is selected, i.e. when the JVM has the module. Every array is padded to a multiple
 * of {@link #LANES} with zeros: a padded neuron gets no current, keeps U = 0 and never crosses its threshold of 0.
 *
 * <p>Why these forms (measured on Zen 2, AVX2, JDK 17): a 256-bit {@code vpmulld} issues every other cycle, a
 * double-precision FMA twice a cycle. So the input layer, 18 × 256 multiplies of 16-bit weights by 24-bit codes, runs
 * in double precision, where every product and partial sum is exact (below 2^44, see {@link #denseInput}); the LIF
 * update keeps the int32 lanes of the scalar fast path but fuses its passes into one, and accumulators stay in
 * registers instead of memory.
 */
final class VectorLayers {
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED;
    /** 16-bit weights for one int vector and for one double vector: a quarter and a half of its width. */
    private static final VectorSpecies<Short> SHORT_FOR_INT =
            VectorSpecies.of(short.class, VectorShape.forBitSize(INT.vectorBitSize() / 2));
    private static final VectorSpecies<Short> SHORT_FOR_DOUBLE =
            VectorSpecies.of(short.class, VectorShape.forBitSize(DOUBLE.vectorBitSize() / 4));
    /** Int lanes of one vector: the padding unit of every per-neuron array. */
    static final int LANES = INT.length();
    private static final int HALF = DOUBLE.length();
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low bits. */
    private static final double ROUNDING_MAGIC = 0x1.8p52;
    private static final double INV_4096 = 0x1p-12;
    /** 2^−13: moves the rounding of {@code (S + 2^11) / 2^12} to a floor that round-to-nearest reproduces. */
    private static final double FLOOR_OFFSET = 0x1p-13;
    /** Lane i takes int lane 2i (mod LANES): the low halves of the doubles' bit patterns, packed to the front. */
    private static final VectorShuffle<Integer> LOW_WORDS = VectorShuffle.fromOp(INT, i -> (2 * i) % LANES);
    private static final VectorMask<Integer> UPPER_HALF = VectorMask.fromLong(INT, ((1L << LANES) - 1) & (-1L << HALF));
    /** Lane i holds 2^i: OR-reducing the masked vector gives the spike bits of a chunk. */
    private static final IntVector LANE_BITS = IntVector.broadcast(INT, 1).lanewise(VectorOperators.LSHL,
            IntVector.zero(INT).addIndex(1));

    private VectorLayers() {
    }

    /** {@code outputs} rounded up to whole vectors. */
    static int padded(int outputs) {
        return (outputs + LANES - 1) / LANES * LANES;
    }

    /**
     * The input layer: {@code acc_j = ⌊(Σ_i w_ji·q_i + 2^11) / 2^12⌋} for the {@code count} non-zero codes, the same
     * integer the scalar path gets from its split 24-bit codes. Exact in double precision: FixedPointNetwork bounds
     * {@code Σ_i |w_ji|·2049 ≤ 2^31 − 1}, so with {@code |q| < 2^23} every partial sum is an integer below 2^43; then
     * {@code z = S·2^−12 + 2^−13} is exact and lies strictly within ½ of the floor, which round-to-nearest (adding
     * 1.5·2^52) returns in the low 32 bits of the double.
     *
     * @param weight {@code weight[i·mPad + j] = w_ji} as doubles
     * @param active indices of the non-zero codes
     * @param code their codes as doubles
     */
    static void denseInput(short[] weight, int mPad, int[] active, double[] code, int count, int[] acc) {
        int j = 0;
        for (; j + 2 * LANES <= mPad; j += 2 * LANES) {
            DoubleVector s0 = DoubleVector.zero(DOUBLE);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int n = 0; n < count; n++) {
                int o = active[n] * mPad + j;
                DoubleVector q = DoubleVector.broadcast(DOUBLE, code[n]);
                s0 = widen(weight, o).fma(q, s0);
                s1 = widen(weight, o + HALF).fma(q, s1);
                s2 = widen(weight, o + 2 * HALF).fma(q, s2);
                s3 = widen(weight, o + 3 * HALF).fma(q, s3);
            }
            packFloor(s0, s1).intoArray(acc, j);
            packFloor(s2, s3).intoArray(acc, j + LANES);
        }
        for (; j < mPad; j += LANES) {
            DoubleVector s0 = DoubleVector.zero(DOUBLE);
            DoubleVector s1 = s0;
            for (int n = 0; n < count; n++) {
                int o = active[n] * mPad + j;
                DoubleVector q = DoubleVector.broadcast(DOUBLE, code[n]);
                s0 = widen(weight, o).fma(q, s0);
                s1 = widen(weight, o + HALF).fma(q, s1);
            }
            packFloor(s0, s1).intoArray(acc, j);
        }
    }

    private static DoubleVector widen(short[] weight, int offset) {
        return (DoubleVector) ShortVector.fromArray(SHORT_FOR_DOUBLE, weight, offset)
                .convertShape(VectorOperators.S2D, DOUBLE, 0);
    }

    private static IntVector widen(short[] weight, int offset, VectorSpecies<Integer> species) {
        return (IntVector) ShortVector.fromArray(SHORT_FOR_INT, weight, offset).convertShape(VectorOperators.S2I,
                species, 0);
    }

    /** ⌊(S + 2^11) / 2^12⌋ of the lanes of {@code low} then {@code high}, as one vector of ints. */
    private static IntVector packFloor(DoubleVector low, DoubleVector high) {
        IntVector a = low.fma(INV_4096, FLOOR_OFFSET).add(ROUNDING_MAGIC).reinterpretAsInts().rearrange(LOW_WORDS);
        IntVector b = high.fma(INV_4096, FLOOR_OFFSET).add(ROUNDING_MAGIC).reinterpretAsInts().rearrange(LOW_WORDS);
        return a.blend(b, UPPER_HALF);
    }

    /**
     * A spiking layer: {@code acc_j = Σ w_ji} over the {@code count} inputs that spiked. int addition wraps
     * associatively and the row bound Σ|w| ≤ 2^31 − 1 holds, so any grouping gives the scalar result.
     *
     * @param weight {@code weight[i·mPad + j] = w_ji}
     */
    static void spikingInput(short[] weight, int mPad, int[] spiked, int count, int[] acc) {
        int j = 0;
        for (; j + 4 * LANES <= mPad; j += 4 * LANES) {
            IntVector a0 = IntVector.zero(INT);
            IntVector a1 = a0;
            IntVector a2 = a0;
            IntVector a3 = a0;
            for (int s = 0; s < count; s++) {
                int o = spiked[s] * mPad + j;
                a0 = a0.add(widen(weight, o, INT));
                a1 = a1.add(widen(weight, o + LANES, INT));
                a2 = a2.add(widen(weight, o + 2 * LANES, INT));
                a3 = a3.add(widen(weight, o + 3 * LANES, INT));
            }
            a0.intoArray(acc, j);
            a1.intoArray(acc, j + LANES);
            a2.intoArray(acc, j + 2 * LANES);
            a3.intoArray(acc, j + 3 * LANES);
        }
        for (; j < mPad; j += LANES) {
            IntVector a0 = IntVector.zero(INT);
            IntVector a1 = a0;
            int s = 0;
            for (; s + 1 < count; s += 2) {
                a0 = a0.add(widen(weight, spiked[s] * mPad + j, INT));
                a1 = a1.add(widen(weight, spiked[s + 1] * mPad + j, INT));
            }
            if (s < count) {
                a0 = a0.add(widen(weight, spiked[s] * mPad + j, INT));
            }
            a0.add(a1).intoArray(acc, j);
        }
    }

    /**
     * The int32 LIF update of one hidden layer in one pass, the same arithmetic as the scalar fast path
     * ({@code FixedPointSnn.lifFast}, where the exactness argument is) except that the current uses per-neuron shift
     * counts, which vector lanes allow: {@code I = ((acc << left) + rnd) >> right}. New membranes go to {@code next}
     * and the spike bits of chunk c to {@code spikeBits[c]}; returns false when an accumulator is beyond its limit or
     * a new membrane leaves [−2^28, 2^28), and the caller recomputes the step in 64 bits.
     */
    static boolean lif(LayerConstants c, int[] acc, int[] membrane, int[] next, int[] spikeBits,
                       boolean subtractDelayed) {
        IntVector check = IntVector.zero(INT);
        IntVector zero = check;
        for (int j = 0, chunk = 0; j < c.padded; j += LANES, chunk++) {
            IntVector a = IntVector.fromArray(INT, acc, j);
            IntVector current = a.lanewise(VectorOperators.LSHL, IntVector.fromArray(INT, c.leftShift, j))
                    .add(IntVector.fromArray(INT, c.rounding, j))
                    .lanewise(VectorOperators.ASHR, IntVector.fromArray(INT, c.rightShift, j));
            IntVector u = IntVector.fromArray(INT, membrane, j);
            IntVector uHigh = u.lanewise(VectorOperators.ASHR, FixedPointSnn.MEMBRANE_SPLIT_BITS);
            IntVector uLow = u.and(FixedPointSnn.MEMBRANE_LOW_MASK);
            IntVector bHigh = IntVector.fromArray(INT, c.betaHigh, j);
            IntVector bLow = IntVector.fromArray(INT, c.betaLow, j);
            IntVector lowProduct = bLow.mul(uLow).add(FixedPointSnn.BETA_HALF_INT)
                    .lanewise(VectorOperators.ASHR, FixedPointSnn.BETA_SPLIT_BITS);
            IntVector decay = bHigh.mul(uHigh).add(bHigh.mul(uLow).add(bLow.mul(uHigh)).add(lowProduct)
                    .lanewise(VectorOperators.ASHR, FixedLifLayer.BETA_FRACTION_BITS - FixedPointSnn.BETA_SPLIT_BITS));
            IntVector theta = IntVector.fromArray(INT, c.threshold, j);
            IntVector v = decay.add(current).add(IntVector.fromArray(INT, c.bias, j));
            if (subtractDelayed) {
                v = v.sub(zero.blend(theta, u.compare(VectorOperators.GT, theta)));
            }
            VectorMask<Integer> spike = v.compare(VectorOperators.GT, theta);
            if (!subtractDelayed) {
                v = v.blend(zero, spike);
            }
            v.intoArray(next, j);
            check = check.or(v.add(FixedPointSnn.FAST_BOUND))
                    .or(IntVector.fromArray(INT, c.accLimit, j).sub(a.abs()).lanewise(VectorOperators.ASHR, 2));
            spikeBits[chunk] = zero.blend(LANE_BITS, spike).reduceLanes(VectorOperators.OR);
        }
        return (check.reduceLanes(VectorOperators.OR) >>> (FixedPointSnn.FAST_BOUND_BITS + 1)) == 0;
    }

    /** Per-neuron constants of one hidden layer's vector LIF update, padded to whole vectors. */
    static final class LayerConstants {
        final int padded;
        final int[] leftShift;
        final int[] rightShift;
        final int[] rounding;
        final int[] accLimit;
        final int[] betaHigh;
        final int[] betaLow;
        final int[] bias;
        final int[] threshold;

        LayerConstants(int padded, int[] leftShift, int[] rightShift, int[] rounding, int[] accLimit, int[] betaHigh,
                       int[] betaLow, int[] bias, int[] threshold) {
            this.padded = padded;
            this.leftShift = leftShift;
            this.rightShift = rightShift;
            this.rounding = rounding;
            this.accLimit = accLimit;
            this.betaHigh = betaHigh;
            this.betaLow = betaLow;
            this.bias = bias;
            this.threshold = threshold;
        }
    }
}
