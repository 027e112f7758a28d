package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.Policy;
import java.util.Arrays;

/**
 * The integer-only flight runtime of a {@link FixedPointNetwork}. Deterministic to the bit on every JVM and CPU:
 * between the input boundary and the output boundary every operation is on {@code int}/{@code long}.
 *
 * <p>Per step:
 * <ol>
 *   <li>Input boundary (the only float arithmetic besides the output conversion): {@code q_i = clamp(round(x_i ·
 *       (1/inputScale_i)), ±inputMaxCode)}, float32 multiply and {@link Math#round(float)}; NaN becomes 0, a clamp
 *       counts one saturation event.</li>
 *   <li>Input layer: dense integer MACs, walked column-major (one input at a time over all outputs) so the inner loop
 *       is a vectorisable {@code hi[j] += w[i][j]·q_hi; lo[j] += w[i][j]·q_lo} over the split 24-bit input code
 *       (see {@link FixedPointNetwork}); inputs equal to 0 are skipped. The sum is
 *       {@code acc = hi + ((lo + 2^11) >> 12)}.</li>
 *   <li>Spiking layers: event-driven; for each input neuron that spiked this step, its weight column is added to the
 *       accumulators ({@code acc[j] += w[i][j]}); silent neurons cost nothing. The scalar kernel updates a wide layer
 *       by the change instead when fewer inputs changed than spiked: last step's sum, plus the columns of inputs that
 *       started spiking, minus those that stopped (same integers).</li>
 *   <li>LIF (per neuron, 64-bit then saturated to int32, counted):
 *       {@code I = ((acc·M + 2^(s−1)) >> s) + b};
 *       subtract-delayed: {@code r = U > θ; U = ((β·U + 2^23) >> 24) + I − (r ? θ : 0); S = U > θ};
 *       zero-immediate: {@code U = ((β·U + 2^23) >> 24) + I; S = U > θ; if S then U = 0}.
 *       The decay rounds half toward +∞. This is the definition; the engine computes it in int32 lanes (which C2
 *       vectorises) whenever every current, bias and threshold of the layer is within ±2^28 and every membrane
 *       within ±2^29 (±2^28 on the vector kernel), where the
 *       two give the same bits and nothing can saturate, and in 64 bits otherwise (see {@code lifFast}).</li>
 *   <li>Output: {@code z = ((acc·M + 2^(s−1)) >> s) + b} in Q16, {@code a = }{@link TanhTable#tanhQ16}.</li>
 * </ol>
 * Allocation-free, never throws, never blocks.
 */
public final class FixedPointSnn implements Policy {
    private static final int BETA_SHIFT = FixedLifLayer.BETA_FRACTION_BITS;
    private static final long BETA_HALF = 1L << (BETA_SHIFT - 1);
    private static final int LOW_BITS = FixedPointNetwork.INPUT_LOW_BITS;
    private static final int LOW_HALF = 1 << (LOW_BITS - 1);
    /** Fast-path bound on |membrane|, |current|, |bias| and |θ|: four such terms sum to at most 2^30. */
    static final int FAST_BOUND_BITS = 28;
    static final int FAST_BOUND = 1 << FAST_BOUND_BITS;
    /**
     * The scalar fast path's bound on |membrane|, twice the vector kernel's: the shipped x500 policy's 128-wide layer
     * has membranes and currents beyond 2^28 in four steps of five (they then took the 64-bit path); with
     * |U| < 2^29 and |I|, |b|, |θ| ≤ 2^28 every int32 sum is still exact (see lifFast).
     */
    static final int SCALAR_MEMBRANE_BITS = 29;
    /** β·U in int32 lanes: β and U are split into 12-bit low parts and the rest. */
    static final int BETA_SPLIT_BITS = 12;
    static final int MEMBRANE_SPLIT_BITS = 12;
    static final int MEMBRANE_LOW_MASK = (1 << MEMBRANE_SPLIT_BITS) - 1;
    static final int BETA_HALF_INT = 1 << (BETA_SHIFT - 1);
    /** Largest per-neuron shifts of the vector LIF: (acc << 28) of an acc within its limit, and acc + 2^29. */
    private static final int VECTOR_MAX_LEFT_SHIFT = 28;
    private static final int VECTOR_MAX_RIGHT_SHIFT = 30;
    /**
     * Narrowest spiking layer that accumulates deltas: for the few outputs of an action layer a column costs little
     * next to the pass that finds the changed inputs.
     */
    private static final int DELTA_MIN_OUTPUTS = 16;
    /** Largest common right shift of a layer's currents on the fast path: (acc mod 2^R)·2^e stays below 2^31. */
    private static final int MAX_COMMON_SHIFT = 15;

    private final FixedPointNetwork network;
    private final StepKernel kernel;
    private final boolean vector;
    private final int layers;
    private final int[] inputs;
    private final int[] outputs;
    private final float[] inverseInputScale;
    private final int inputMaxCode;
    /**
     * Weight columns per layer, {@code column[k][i][j] = w_ji}: one array per input so the inner loops add two arrays
     * at offset 0, which HotSpot's C2 (JDK 17) vectorises; a single column-major array walked at an invariant offset
     * is not vectorised by it. The input layer has one extra all-zero column (index = inputs) for padding.
     */
    private final int[][][] column;
    private final int[][] multiplier;
    private final int[][] shift;
    private final long[][] rounding;
    /**
     * Per layer, whether every multiplier is 2^22 (power-of-two ratios, as the quantizer produces for hidden layers);
     * then {@code (acc·2^22 + 2^(s−1)) >> s} equals {@code ((acc << left) + rnd) >> right} with
     * {@code left = max(0, 22 − s)}, {@code right = max(0, s − 22)}, {@code rnd = right > 0 ? 2^(right−1) : 0},
     * bit for bit, without the multiply.
     */
    private final boolean[] shiftOnly;
    private final int[][] leftShift;
    private final int[][] rightShift;
    private final long[][] shiftRounding;
    private final int[][] bias;
    private final int[][] beta;
    private final int[][] threshold;
    private final boolean subtractDelayed;

    /*
     * The int32 fast path of the LIF update (see lifFast). It is used for a hidden layer when the layer is eligible
     * (shift-only requantisation, |bias|, |θ| ≤ 2^28, the layer's common right shift ≤ 15); per step, every neuron
     * whose membrane is in [−2^29, 2^29) and whose accumulator is within its limit gets its result from int32 lanes,
     * where all sums provably stay inside ±2^31 and nothing can saturate, which C2 vectorises on AVX2 and NEON; the
     * others (none, or a few) are recomputed in 64 bits (patchOutliers). Layers that are not eligible take the 64-bit
     * path (lifExact).
     */
    private final boolean[] fastCapable;
    /** β = betaHigh·2^12 + betaLow, both parts in [0, 4096]. */
    private final int[][] betaHigh;
    private final int[][] betaLow;
    /**
     * Fast-path current with one shift count per layer (C2 vectorises shifts by a loop-invariant count only):
     * {@code (acc >> R)·f + (((acc & (2^R − 1))·f + currentHalf) >> R)} with R = currentShift, f = currentFactor.
     */
    private final int[][] currentFactor;
    private final int[] currentShift;
    private final int[] currentHalf;
    /** Largest |acc| per neuron for which the fast-path current stays within ±2^28. */
    private final int[][] accLimit;
    /**
     * Whether every membrane of the layer is in [−2^b, 2^b) with b = membraneBits[k] (the fast path's precondition:
     * 28 for the vector kernel's layers, 29 for the scalar one's).
     */
    private final boolean[] membraneInRange;
    private final int[] membraneBits;
    /**
     * Per fast-path layer of the scalar kernel, the neurons whose membrane is outside [−2^29, 2^29) (the first
     * {@code outlierCount[k]}), and a mask that is 0 for them and −1 for the others: their int32 result is not exact,
     * so each step recomputes them in 64 bits and leaves them out of the range check.
     */
    private final int[][] outlier;
    private final int[] outlierCount;
    private final int[][] outlierMask;
    /** Updates per hidden layer that took the 64-bit path. */
    private final long[] exactUpdates;
    /** Steps per layer whose sum the scalar kernel updated by the change (a delta layer's other steps sum afresh). */
    private final long[] deltaUpdates;
    /**
     * Per hidden layer, 1 where the neuron spiked in the last step, else 0 (written by both LIF paths). Swapped with
     * {@link #inSum} by a delta layer, so never cache the array.
     */
    private final int[][] fired;
    /*
     * Delta accumulation of the scalar kernel's spiking layers (delta[k] for layer k ≥ 1): a neuron that spiked in
     * the last step and spikes again adds the same weight column again, so instead of summing the columns of all
     * spiking inputs, acc[k] keeps last step's sum and adds the columns of inputs that started spiking and subtracts
     * those of inputs that stopped, whichever needs fewer columns. About half the spikes of the paper network and of
     * the shipped policies repeat from one step to the next (BENCHMARKS.md). Exact: int addition wraps
     * associatively, and every sum it stands for is a subset sum of a row, bounded by Σ|w| ≤ 2^31 − 1.
     */
    private final boolean[] delta;
    /** Per delta layer k, indexed by hidden layer k − 1: 1 where the neuron's column is in acc[k]. */
    private final int[][] inSum;
    /** Per delta layer k: {@code signedColumn[k][2i] = −w_i}, {@code [2i + 1] = w_i}, {@code [2n]} all zero. */
    private final int[][][] signedColumn;
    /** Per delta layer k, indexed by hidden layer k − 1: the signed-column indices of the inputs that changed. */
    private final int[][] changed;
    /** Scratch of the fast path: the rescaled input currents. */
    private final int[] currentInt;
    /** Non-zero input codes of the step: their index and split parts. */
    private final int[] activeInput;
    private final int[] activeHigh;
    private final int[] activeLow;

    private final int[] inputCode;
    private final int[][] acc;
    /** Rescaled sums of the layer being updated (scratch). */
    private final long[] current;
    /** Low-part accumulators of the input layer. */
    private final int[] accLow;
    /** Membranes per hidden layer; swapped with {@link #spareMembrane} by the fast path, so never cache the array. */
    private final int[][] membrane;
    private final int[][] spareMembrane;
    /** Indices of the neurons of each hidden layer that spiked this step, the first {@code spikeCount[k]} valid. */
    private final int[][] spikeIndex;
    private final int[] spikeCount;
    private final long[] totalSpikes;
    /** Q16 tanh arguments of the last step's outputs. */
    private final long[] outputArgument;
    private long saturationEvents;
    private long steps;

    /*
     * The vector kernel's data (StepKernel.VECTOR only; null otherwise): weights as one array per layer,
     * weight[i·padded + j], the input layer's in double precision; per hidden layer whether its LIF update can run
     * in vector lanes, its padded constants, and the spike bits of its chunks.
     */
    private final int[] paddedOutputs;
    private final short[] inputWeight;
    private final double[] activeCode;
    private final short[][] flatWeight;
    private final boolean[] vectorCapable;
    private final VectorLayers.LayerConstants[] vectorConstants;
    private final int[][] spikeBits;

    /** The engine with the fastest kernel this JVM offers ({@link StepKernel#best()}). */
    public FixedPointSnn(FixedPointNetwork network) {
        this(network, StepKernel.best());
    }

    /**
     * The engine with the given kernel; both give the same bits.
     *
     * @throws IllegalArgumentException for {@link StepKernel#VECTOR} in a JVM without {@code jdk.incubator.vector}
     */
    public FixedPointSnn(FixedPointNetwork network, StepKernel kernel) {
        if (kernel == StepKernel.VECTOR && !StepKernel.vectorModulePresent()) {
            throw new IllegalArgumentException("fixed-point SNN: kernel VECTOR needs the JDK module "
                    + StepKernel.VECTOR_MODULE + ", which this JVM was started without");
        }
        this.network = network;
        this.kernel = kernel;
        vector = kernel == StepKernel.VECTOR;
        int lanes = vector ? VectorLayers.LANES : 1;
        layers = network.dense().size();
        inputs = new int[layers];
        outputs = new int[layers];
        column = new int[layers][][];
        multiplier = new int[layers][];
        shift = new int[layers][];
        rounding = new long[layers][];
        shiftOnly = new boolean[layers];
        leftShift = new int[layers][];
        rightShift = new int[layers][];
        shiftRounding = new long[layers][];
        bias = new int[layers][];
        acc = new int[layers][];
        for (int k = 0; k < layers; k++) {
            FixedDenseLayer d = network.dense().get(k);
            int n = d.inputs();
            int m = d.outputs();
            inputs[k] = n;
            outputs[k] = m;
            int[] w = d.weightShared();
            // one more column, all zeros, to pad groups of four inputs
            int[][] cols = new int[n + 1][m];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    cols[i][j] = w[j * n + i];
                }
            }
            column[k] = cols;
            multiplier[k] = d.multiplierShared();
            shift[k] = d.shiftShared();
            rounding[k] = new long[m];
            leftShift[k] = new int[m];
            rightShift[k] = new int[m];
            shiftRounding[k] = new long[m];
            boolean pow2 = true;
            for (int j = 0; j < m; j++) {
                rounding[k][j] = 1L << (shift[k][j] - 1);
                pow2 &= multiplier[k][j] == 1 << Requantizer.MULTIPLIER_BITS;
                int s = shift[k][j] - Requantizer.MULTIPLIER_BITS;
                leftShift[k][j] = Math.max(0, -s);
                rightShift[k][j] = Math.max(0, s);
                shiftRounding[k][j] = s > 0 ? 1L << (s - 1) : 0;
            }
            shiftOnly[k] = pow2;
            bias[k] = d.biasShared();
            acc[k] = new int[padded(m, lanes)];
        }
        int hidden = network.hiddenLayers();
        beta = new int[hidden][];
        threshold = new int[hidden][];
        membrane = new int[hidden][];
        spikeIndex = new int[hidden][];
        for (int k = 0; k < hidden; k++) {
            beta[k] = network.lif().get(k).betaShared();
            threshold[k] = network.lif().get(k).thresholdShared();
            membrane[k] = new int[padded(outputs[k], lanes)];
            spikeIndex[k] = new int[outputs[k] + 3];
        }
        spikeCount = new int[hidden];
        totalSpikes = new long[hidden];
        float[] scale = network.inputScales();
        inverseInputScale = new float[scale.length];
        for (int i = 0; i < scale.length; i++) {
            inverseInputScale[i] = 1.0f / scale[i];
        }
        inputMaxCode = network.inputMaxCode();
        inputCode = new int[inputs[0]];
        int widest = 0;
        for (int m : outputs) {
            widest = Math.max(widest, m);
        }
        current = new long[widest];
        accLow = new int[outputs[0]];
        outputArgument = new long[outputs[layers - 1]];
        subtractDelayed = network.resetRule() == ResetRule.SUBTRACT_DELAYED;
        activeInput = new int[inputs[0] + 3];
        activeHigh = new int[inputs[0] + 3];
        activeLow = new int[inputs[0] + 3];
        fastCapable = new boolean[hidden];
        betaHigh = new int[hidden][];
        betaLow = new int[hidden][];
        currentFactor = new int[hidden][];
        currentShift = new int[hidden];
        currentHalf = new int[hidden];
        accLimit = new int[hidden][];
        membraneInRange = new boolean[hidden];
        spareMembrane = new int[hidden][];
        exactUpdates = new long[hidden];
        fired = new int[hidden][];
        for (int k = 0; k < hidden; k++) {
            int m = outputs[k];
            betaHigh[k] = new int[m];
            betaLow[k] = new int[m];
            currentFactor[k] = new int[m];
            accLimit[k] = new int[m];
            fired[k] = new int[m];
            spareMembrane[k] = new int[padded(m, lanes)];
            membraneInRange[k] = true;
            for (int j = 0; j < m; j++) {
                betaHigh[k][j] = beta[k][j] >> BETA_SPLIT_BITS;
                betaLow[k][j] = beta[k][j] & ((1 << BETA_SPLIT_BITS) - 1);
            }
            boolean capable = shiftOnly[k];
            int commonRight = 0;
            for (int j = 0; j < m; j++) {
                commonRight = Math.max(commonRight, rightShift[k][j]);
                capable &= Math.abs((long) bias[k][j]) <= FAST_BOUND && Math.abs((long) threshold[k][j]) <= FAST_BOUND;
            }
            capable &= commonRight <= MAX_COMMON_SHIFT;
            for (int j = 0; j < m && capable; j++) {
                // acc·2^(left − right) = (acc >> R)·2^e + (acc mod 2^R)·2^e / 2^R with e = R − right + left
                int exponent = commonRight - rightShift[k][j] + leftShift[k][j];
                if (exponent > FAST_BOUND_BITS - 2 || commonRight + exponent > 30) {
                    capable = false;
                } else {
                    currentFactor[k][j] = 1 << exponent;
                    // |acc| ≤ (2^(28−e) − 1)·2^R keeps |acc >> R|·2^e < 2^28, so −2^28 < I ≤ 2^28
                    accLimit[k][j] = (int) Math.min(Integer.MAX_VALUE,
                            ((1L << (SCALAR_MEMBRANE_BITS - 1 - exponent)) - 1) << commonRight);
                }
            }
            fastCapable[k] = capable;
            currentShift[k] = commonRight;
            currentHalf[k] = commonRight > 0 ? 1 << (commonRight - 1) : 0;
        }
        int widestHidden = 0;
        for (int k = 0; k < hidden; k++) {
            widestHidden = Math.max(widestHidden, outputs[k]);
        }
        currentInt = new int[widestHidden];
        delta = new boolean[layers];
        deltaUpdates = new long[layers];
        inSum = new int[hidden][];
        changed = new int[hidden][];
        signedColumn = new int[layers][][];
        for (int k = 1; k < layers; k++) {
            delta[k] = !vector && outputs[k] >= DELTA_MIN_OUTPUTS;
            if (delta[k]) {
                int n = inputs[k];
                int[][] signed = new int[2 * n + 1][];
                for (int i = 0; i < n; i++) {
                    int[] col = column[k][i];
                    int[] negated = new int[col.length];
                    for (int j = 0; j < col.length; j++) {
                        negated[j] = -col[j];
                    }
                    signed[2 * i] = negated;
                    signed[2 * i + 1] = col;
                }
                signed[2 * n] = column[k][n];
                signedColumn[k] = signed;
                inSum[k - 1] = new int[n];
                changed[k - 1] = new int[n + 3];
            }
        }
        paddedOutputs = new int[layers];
        for (int k = 0; k < layers; k++) {
            paddedOutputs[k] = padded(outputs[k], lanes);
        }
        if (vector) {
            flatWeight = new short[layers][];
            for (int k = 0; k < layers; k++) {
                flatWeight[k] = flatColumns(column[k], inputs[k], paddedOutputs[k]);
            }
            inputWeight = flatWeight[0];
            activeCode = new double[inputs[0]];
            vectorCapable = new boolean[hidden];
            vectorConstants = new VectorLayers.LayerConstants[hidden];
            spikeBits = new int[hidden][];
            for (int k = 0; k < hidden; k++) {
                vectorCapable[k] = vectorCapable(k);
                vectorConstants[k] = vectorCapable[k] ? vectorConstants(k) : null;
                spikeBits[k] = new int[paddedOutputs[k] / lanes];
            }
        } else {
            inputWeight = null;
            activeCode = null;
            flatWeight = null;
            vectorCapable = null;
            vectorConstants = null;
            spikeBits = null;
        }
        membraneBits = new int[hidden];
        outlier = new int[hidden][];
        outlierCount = new int[hidden];
        outlierMask = new int[hidden][];
        for (int k = 0; k < hidden; k++) {
            membraneBits[k] = vector && vectorCapable[k] ? FAST_BOUND_BITS : SCALAR_MEMBRANE_BITS;
            outlier[k] = new int[outputs[k]];
            outlierMask[k] = new int[outputs[k]];
            Arrays.fill(outlierMask[k], -1);
        }
    }

    private static int padded(int n, int lanes) {
        return (n + lanes - 1) / lanes * lanes;
    }

    /** Weights as 16-bit columns, {@code flat[i·paddedOutputs + j] = w_ji} (FixedDenseLayer bounds |w| ≤ 32767). */
    private static short[] flatColumns(int[][] cols, int n, int paddedOutputs) {
        short[] flat = new short[n * paddedOutputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols[i].length; j++) {
                flat[i * paddedOutputs + j] = (short) cols[i][j];
            }
        }
        return flat;
    }

    /**
     * Whether hidden layer k's LIF update can run in vector lanes: shift-only requantisation with shifts the lanes
     * hold without overflow, and |bias|, |θ| ≤ 2^28 as on the scalar fast path.
     */
    private boolean vectorCapable(int k) {
        boolean capable = shiftOnly[k];
        for (int j = 0; j < outputs[k] && capable; j++) {
            capable = leftShift[k][j] <= VECTOR_MAX_LEFT_SHIFT && rightShift[k][j] <= VECTOR_MAX_RIGHT_SHIFT
                    && Math.abs((long) bias[k][j]) <= FAST_BOUND && Math.abs((long) threshold[k][j]) <= FAST_BOUND;
        }
        return capable;
    }

    /**
     * Padded per-neuron constants of the vector LIF update. The accumulator limit keeps {@code acc << left} and
     * {@code acc + rnd} inside int32 and |I| ≤ 2^28: 2^(28 − left) without a right shift, else
     * min(2^30, 2^(27 + right)), for which |I| ≤ 2^27 + 1.
     */
    private VectorLayers.LayerConstants vectorConstants(int k) {
        int m = outputs[k];
        int p = paddedOutputs[k];
        int[] left = new int[p];
        int[] right = new int[p];
        int[] rnd = new int[p];
        int[] limit = new int[p];
        for (int j = 0; j < m; j++) {
            left[j] = leftShift[k][j];
            right[j] = rightShift[k][j];
            rnd[j] = (int) shiftRounding[k][j];
            limit[j] = right[j] == 0 ? 1 << (FAST_BOUND_BITS - left[j])
                    : (int) Math.min(1L << 30, 1L << (FAST_BOUND_BITS - 1 + right[j]));
        }
        return new VectorLayers.LayerConstants(p, left, right, rnd, limit, Arrays.copyOf(betaHigh[k], p),
                Arrays.copyOf(betaLow[k], p), Arrays.copyOf(bias[k], p), Arrays.copyOf(threshold[k], p));
    }

    /** Which kernel this engine steps with. */
    public StepKernel kernel() {
        return kernel;
    }

    public FixedPointNetwork network() {
        return network;
    }

    @Override
    public int observationSize() {
        return inputs[0];
    }

    @Override
    public int actionSize() {
        return outputs[layers - 1];
    }

    @Override
    public void reset() {
        for (int k = 0; k < membrane.length; k++) {
            Arrays.fill(membrane[k], 0);
            spikeCount[k] = 0;
            membraneInRange[k] = true;
            outlierCount[k] = 0;
            Arrays.fill(outlierMask[k], -1);
        }
    }

    @Override
    public long saturationEvents() {
        return saturationEvents;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        quantizeInputs(observation, observationOffset);
        if (vector) {
            denseInputVector();
        } else {
            denseInput();
        }
        lif(0);
        int last = layers - 1;
        for (int k = 1; k < layers; k++) {
            if (vector) {
                VectorLayers.spikingInput(flatWeight[k], paddedOutputs[k], spikeIndex[k - 1], spikeCount[k - 1],
                        acc[k]);
            } else if (delta[k]) {
                spikingDelta(k);
            } else {
                spikingInput(k);
            }
            if (k < last) {
                lif(k);
            }
        }
        output(action, actionOffset);
        steps++;
    }

    private void lif(int k) {
        if (vector && vectorCapable[k]) {
            if (membraneInRange[k] && lifVector(k)) {
                return;
            }
        } else if (fastCapable[k]) {
            lifFast(k);
            return;
        }
        lifExact(k);
        membraneInRange[k] = inFastRange(membrane[k], membraneBits[k]);
        exactUpdates[k]++;
    }

    /** Whether every value is in [−2^b, 2^b): then {@code u + 2^b} (wrapping) is in [0, 2^(b+1)) for all of them. */
    private static boolean inFastRange(int[] u, int b) {
        int bound = 1 << b;
        int bits = 0;
        for (int j = 0; j < u.length; j++) {
            bits |= u[j] + bound;
        }
        return (bits >>> (b + 1)) == 0;
    }

    private void quantizeInputs(float[] observation, int offset) {
        int max = inputMaxCode;
        for (int i = 0; i < inputCode.length; i++) {
            int q = Math.round(observation[offset + i] * inverseInputScale[i]);
            if (q > max) {
                q = max;
                saturationEvents++;
            } else if (q < -max) {
                q = -max;
                saturationEvents++;
            }
            inputCode[i] = q;
        }
    }

    private void denseInputVector() {
        int[] code = inputCode;
        int[] active = activeInput;
        double[] value = activeCode;
        int n = 0;
        for (int i = 0; i < code.length; i++) {
            int q = code[i];
            if (q != 0) {
                active[n] = i;
                value[n] = q;
                n++;
            }
        }
        VectorLayers.denseInput(inputWeight, paddedOutputs[0], active, value, n, acc[0]);
    }

    /** The vector form of {@link #lifFast}; the new membranes replace the old ones only when every check passed. */
    private boolean lifVector(int k) {
        int[] next = spareMembrane[k];
        int[] bits = spikeBits[k];
        if (!VectorLayers.lif(vectorConstants[k], acc[k], membrane[k], next, bits, subtractDelayed)) {
            return false;
        }
        spareMembrane[k] = membrane[k];
        membrane[k] = next;
        int[] idx = spikeIndex[k];
        int count = 0;
        int lanes = VectorLayers.LANES;
        for (int c = 0; c < bits.length; c++) {
            int b = bits[c];
            while (b != 0) {
                idx[count++] = c * lanes + Integer.numberOfTrailingZeros(b);
                b &= b - 1;
            }
        }
        spikeCount[k] = count;
        totalSpikes[k] += count;
        return true;
    }

    private void denseInput() {
        int[] hi = acc[0];
        int[] lo = accLow;
        int[][] cols = column[0];
        int[] code = inputCode;
        int[] active = activeInput;
        int[] qHi = activeHigh;
        int[] qLo = activeLow;
        int m = outputs[0];
        int n = 0;
        for (int i = 0; i < code.length; i++) {
            int q = code[i];
            if (q != 0) {
                int h = (q + LOW_HALF) >> LOW_BITS;
                active[n] = i;
                qHi[n] = h;
                qLo[n] = q - (h << LOW_BITS);
                n++;
            }
        }
        // pad to a multiple of four with the zero column (code 0): a loop for a remainder would be another loop
        // shape, and C2 leaves the fused two-part one scalar
        int zero = code.length;
        while ((n & 3) != 0) {
            active[n] = zero;
            qHi[n] = 0;
            qLo[n] = 0;
            n++;
        }
        Arrays.fill(hi, 0);
        Arrays.fill(lo, 0);
        // Four inputs per pass: a quarter of the accumulator loads and stores. The high and low parts get a loop each
        // because C2 only vectorises loop bodies small enough to unroll. int arithmetic wraps associatively and the
        // final sums are bounded (FixedPointNetwork), so the grouping does not change the result.
        for (int s = 0; s < n; s += 4) {
            int[] w0 = cols[active[s]];
            int[] w1 = cols[active[s + 1]];
            int[] w2 = cols[active[s + 2]];
            int[] w3 = cols[active[s + 3]];
            int h0 = qHi[s];
            int h1 = qHi[s + 1];
            int h2 = qHi[s + 2];
            int h3 = qHi[s + 3];
            for (int j = 0; j < m; j++) {
                hi[j] += (w0[j] * h0 + w1[j] * h1) + (w2[j] * h2 + w3[j] * h3);
            }
            int l0 = qLo[s];
            int l1 = qLo[s + 1];
            int l2 = qLo[s + 2];
            int l3 = qLo[s + 3];
            for (int j = 0; j < m; j++) {
                lo[j] += (w0[j] * l0 + w1[j] * l1) + (w2[j] * l2 + w3[j] * l3);
            }
        }
        for (int j = 0; j < m; j++) {
            hi[j] += (lo[j] + LOW_HALF) >> LOW_BITS;
        }
    }

    /**
     * A spiking layer from scratch: the columns of the inputs that spiked, four per pass (a quarter of the accumulator
     * loads and stores and of the per-loop overhead; eight per pass measured slower with C2 of JDK 17), the list
     * padded to a multiple of four with the all-zero column so there is one loop shape, and the first pass storing
     * rather than adding. int addition wraps associatively, and every partial sum is bounded by the row's
     * Σ|w| ≤ 2^31 − 1 anyway, so the result is the same as one column at a time.
     */
    private void spikingInput(int k) {
        int[] idx = spikeIndex[k - 1];
        int count = spikeCount[k - 1];
        if (count == 0) {
            Arrays.fill(acc[k], 0);
            return;
        }
        int zero = inputs[k];
        int padded = count;
        while ((padded & 3) != 0) {
            idx[padded++] = zero;
        }
        sumColumns(column[k], idx, padded, acc[k], outputs[k], true);
    }

    /**
     * A delta layer (see {@link #delta}): the signed columns of the inputs whose spike changed since the sum in
     * acc[k] was formed, or the sum from scratch when fewer inputs spiked than changed.
     */
    private void spikingDelta(int k) {
        int h = k - 1;
        int[] now = fired[h];
        int[] before = inSum[h];
        int[] list = changed[h];
        int n = inputs[k];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int f = now[i];
            list[count] = (i << 1) | f;
            count += f ^ before[i];
        }
        // the flags of this step describe acc[k] after either branch
        inSum[h] = now;
        fired[h] = before;
        if (count >= spikeCount[h]) {
            spikingInput(k);
            return;
        }
        int zero = 2 * n;
        while ((count & 3) != 0) {
            list[count++] = zero;
        }
        sumColumns(signedColumn[k], list, count, acc[k], outputs[k], false);
        deltaUpdates[k]++;
    }

    /** {@code a (=|+=) Σ cols[index[s]]} over {@code count} indices, a multiple of four (and ≥ 4 to store). */
    private static void sumColumns(int[][] cols, int[] index, int count, int[] a, int m, boolean store) {
        int s = 0;
        if (store) {
            int[] w0 = cols[index[0]];
            int[] w1 = cols[index[1]];
            int[] w2 = cols[index[2]];
            int[] w3 = cols[index[3]];
            for (int j = 0; j < m; j++) {
                a[j] = (w0[j] + w1[j]) + (w2[j] + w3[j]);
            }
            s = 4;
        }
        for (; s < count; s += 4) {
            int[] w0 = cols[index[s]];
            int[] w1 = cols[index[s + 1]];
            int[] w2 = cols[index[s + 2]];
            int[] w3 = cols[index[s + 3]];
            for (int j = 0; j < m; j++) {
                a[j] += (w0[j] + w1[j]) + (w2[j] + w3[j]);
            }
        }
    }

    /**
     * The LIF update of hidden layer {@code k} in int32 lanes, bit for bit the result of {@link #lifExact} for every
     * neuron whose preconditions hold; the few whose old membrane is out of range or whose accumulator is beyond its
     * limit are then recomputed one by one ({@link #patchOutliers}).
     *
     * <p>Why it is exact, with |U| ≤ 2^29 (checked after every step), |I| ≤ 2^28 (checked here through accLimit),
     * |b|, |θ| ≤ 2^28 (checked at construction):
     * <ul>
     *   <li>decay: with U = H·2^12 + L (L in [0, 4096), |H| ≤ 2^17) and β = βh·2^12 + βl,
     *       {@code ⌊(β·U + 2^23) / 2^24⌋ = βh·H + ⌊(βh·L + βl·H + ⌊(βl·L + 2^23) / 2^12⌋) / 2^12⌋}
     *       (nested floor division), and every product and sum here stays below 2^30;</li>
     *   <li>current: with acc = h·2^R + l (l in [0, 2^R)) and e = R − right + left,
     *       {@code ⌊(acc·2^left + 2^(right−1)) / 2^right⌋ = h·2^e + ⌊(l·2^e + 2^(R−1)) / 2^R⌋} (the second term is 0
     *       for R = 0, else in [0, 2^e]), with l·2^e < 2^30 and |h·2^e| < 2^28 under the accumulator limit;</li>
     *   <li>the new membrane is the decay (at most 2^29) plus three terms of at most 2^28, below 5·2^28, so it
     *       cannot saturate and θ − v (below 6·2^28) cannot overflow: spike and reset flags are sign bits.</li>
     * </ul>
     * Small loops rather than one: HotSpot's C2 only vectorises loop bodies small enough to unroll. The spike list
     * is built last, from the spike flags, as its running count is the one serial dependency.
     */
    private void lifFast(int k) {
        int[] a = acc[k];
        int[] factor = currentFactor[k];
        int[] c = currentInt;
        int n = outputs[k];
        int shiftR = currentShift[k];
        int lowMask = (1 << shiftR) - 1;
        int half = currentHalf[k];
        for (int j = 0; j < n; j++) {
            int x = a[j];
            int f = factor[j];
            c[j] = (x >> shiftR) * f + (((x & lowMask) * f + half) >> shiftR);
        }
        int[] u = membrane[k];
        int[] bh = betaHigh[k];
        int[] bl = betaLow[k];
        // the new membranes go to the spare array; they replace the old ones only once the checks below pass
        int[] d = spareMembrane[k];
        for (int j = 0; j < n; j++) {
            int m = u[j];
            int mHi = m >> MEMBRANE_SPLIT_BITS;
            int mLo = m & MEMBRANE_LOW_MASK;
            int bHi = bh[j];
            int bLo = bl[j];
            d[j] = bHi * mHi + ((bHi * mLo + bLo * mHi + ((bLo * mLo + BETA_HALF_INT) >> BETA_SPLIT_BITS))
                    >> (BETA_SHIFT - BETA_SPLIT_BITS));
        }
        int[] b = bias[k];
        int[] th = threshold[k];
        // −1 keeps the delayed subtraction (U > θ), 0 drops it (zero-immediate)
        int delayedMask = subtractDelayed ? -1 : 0;
        int[] f = fired[k];
        int keepOnSpike = subtractDelayed ? -1 : 0;
        for (int j = 0; j < n; j++) {
            int theta = th[j];
            int v = d[j] + c[j] + b[j] - (((theta - u[j]) >> 31) & theta & delayedMask);
            int spike = (theta - v) >>> 31;
            f[j] = spike;
            d[j] = v & ((spike - 1) | keepOnSpike);
        }
        // the neurons whose old membrane was out of range, in 64 bits
        int[] list = outlier[k];
        int listed = outlierCount[k];
        long saturated = 0;
        for (int s = 0; s < listed; s++) {
            int j = list[s];
            saturated += exactNeuron(k, j, u[j], exactCurrent(k, j), d, f);
        }
        // One reduction for both checks over the other neurons (C2 on JDK 17 reduces horizontally in every vector
        // iteration, so fewer is better, and it vectorises a loop that reduces or one that stores, not one that does
        // both): bits 30–31 stay clear iff every |acc| is within its limit (limit − |acc| ≥ 0, shifted into
        // [0, 2^30)) and every new membrane is in [−2^29, 2^29). A new membrane out of range does not make this step
        // wrong, only the next step's int32 result of that neuron: rescan lists it.
        int[] mask = outlierMask[k];
        int[] limit = accLimit[k];
        int check = 0;
        for (int j = 0; j < n; j++) {
            check |= ((d[j] + (1 << SCALAR_MEMBRANE_BITS)) | ((limit[j] - Math.abs(a[j])) >> 1)) & mask[j];
        }
        if ((check >>> (SCALAR_MEMBRANE_BITS + 1)) != 0) {
            saturated += rescan(k, u, d, f);
            exactUpdates[k]++;
        } else if (listed > 0) {
            int kept = 0;
            for (int s = 0; s < listed; s++) {
                int j = list[s];
                if (outOfScalarRange(d[j])) {
                    list[kept++] = j;
                } else {
                    mask[j] = -1;
                }
            }
            outlierCount[k] = kept;
            exactUpdates[k]++;
        }
        saturationEvents += saturated;
        spareMembrane[k] = u;
        membrane[k] = d;
        int[] idx = spikeIndex[k];
        int count = 0;
        for (int j = 0; j < n; j++) {
            idx[count] = j;
            count += f[j];
        }
        spikeCount[k] = count;
        totalSpikes[k] += count;
    }

    /**
     * The slow part of a fast-path step, taken only when the range check failed: recomputes in 64 bits the neurons
     * not yet recomputed whose accumulator is beyond its limit, and lists anew the neurons whose new membrane is out
     * of range. Listing them, rather than sending the whole layer to the 64-bit path, matters because a few neurons
     * can live there for good: the shipped x500 policy has neurons with β = 1 that integrate to the int32 limit.
     * Returns the saturations of the neurons it recomputed.
     */
    private long rescan(int k, int[] u, int[] d, int[] f) {
        int[] a = acc[k];
        int[] limit = accLimit[k];
        int[] mask = outlierMask[k];
        int[] list = outlier[k];
        long saturated = 0;
        int count = 0;
        for (int j = 0; j < outputs[k]; j++) {
            // mask 0: listed, so already recomputed (its old membrane was out of range)
            if (mask[j] != 0 && Math.abs((long) a[j]) > limit[j]) {
                saturated += exactNeuron(k, j, u[j], exactCurrent(k, j), d, f);
            }
            boolean out = outOfScalarRange(d[j]);
            mask[j] = out ? 0 : -1;
            list[count] = j;
            count += out ? 1 : 0;
        }
        outlierCount[k] = count;
        return saturated;
    }

    /** Lists the neurons of fast-path layer k whose membrane is out of the scalar kernel's range (after restore). */
    private void listOutliers(int k) {
        int[] mask = outlierMask[k];
        int[] list = outlier[k];
        int count = 0;
        for (int j = 0; j < outputs[k]; j++) {
            boolean out = outOfScalarRange(membrane[k][j]);
            mask[j] = out ? 0 : -1;
            list[count] = j;
            count += out ? 1 : 0;
        }
        outlierCount[k] = count;
    }

    private static boolean outOfScalarRange(int u) {
        return ((u + (1 << SCALAR_MEMBRANE_BITS)) >>> (SCALAR_MEMBRANE_BITS + 1)) != 0;
    }

    /** The rescaled current of neuron j of a shift-only layer, in 64 bits. */
    private long exactCurrent(int k, int j) {
        return (((long) acc[k][j] << leftShift[k][j]) + shiftRounding[k][j]) >> rightShift[k][j];
    }

    /**
     * LIF update of hidden layer {@code k} in 64 bits with saturation, the definition of the arithmetic. Branch-free
     * in the data (reset flag, saturation, spike and zero reset are computed with sign bits and min/max), because
     * at the paper's activity every data-dependent branch would be mispredicted about one time in five.
     */
    private void lifExact(int k) {
        if (shiftOnly[k]) {
            int[] a = acc[k];
            int[] left = leftShift[k];
            int[] right = rightShift[k];
            long[] rnd = shiftRounding[k];
            long[] cur = current;
            for (int j = 0; j < outputs[k]; j++) {
                cur[j] = (((long) a[j] << left[j]) + rnd[j]) >> right[j];
            }
        } else {
            int[] a = acc[k];
            int[] mult = multiplier[k];
            int[] sh = shift[k];
            long[] rnd = rounding[k];
            long[] cur = current;
            for (int j = 0; j < outputs[k]; j++) {
                cur[j] = ((long) a[j] * mult[j] + rnd[j]) >> sh[j];
            }
        }
        long[] cur = current;
        int[] u = membrane[k];
        int[] idx = spikeIndex[k];
        int[] flag = fired[k];
        int count = 0;
        long saturated = 0;
        for (int j = 0; j < outputs[k]; j++) {
            saturated += exactNeuron(k, j, u[j], cur[j], u, flag);
            idx[count] = j;
            count += flag[j];
        }
        saturationEvents += saturated;
        spikeCount[k] = count;
        totalSpikes[k] += count;
    }

    /**
     * One neuron's LIF update in 64 bits, the definition: from membrane {@code m} and rescaled current
     * {@code current}, writes the new membrane to {@code out[j]} and the spike to {@code flag[j]}; returns 1 if the
     * membrane saturated, else 0.
     */
    private int exactNeuron(int k, int j, int m, long current, int[] out, int[] flag) {
        int theta = threshold[k][j];
        long v = (((long) beta[k][j] * m + BETA_HALF) >> BETA_SHIFT) + current + bias[k][j];
        // 1 when the previous membrane was above threshold (the delayed reset), else 0
        long reset = (((long) theta - m) >>> 63) & (subtractDelayed ? 1 : 0);
        v -= reset * theta;
        long clamped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        int next = (int) clamped;
        int spiked = (int) (((long) theta - next) >>> 63);
        flag[j] = spiked;
        // zero-immediate: a spiking neuron's membrane becomes 0 (mask 0 when fired, −1 otherwise)
        out[j] = next & ((spiked - 1) | (subtractDelayed ? -1 : 0));
        return clamped == v ? 0 : 1;
    }

    private void output(float[] action, int offset) {
        int k = layers - 1;
        int[] a = acc[k];
        int[] mult = multiplier[k];
        int[] sh = shift[k];
        long[] rnd = rounding[k];
        int[] b = bias[k];
        for (int j = 0; j < outputs[k]; j++) {
            long z = (((long) a[j] * mult[j] + rnd[j]) >> sh[j]) + b[j];
            outputArgument[j] = z;
            action[offset + j] = TanhTable.tanhQ16(z);
        }
    }

    @Override
    public int hiddenLayers() {
        return membrane.length;
    }

    /** Neurons of hidden layer {@code k} that spiked in the last step. */
    @Override
    public int lastSpikeCount(int k) {
        return spikeCount[k];
    }

    @Override
    public int layerWidth(int k) {
        return membrane[k].length;
    }

    @Override
    public void lastSpikes(int k, long[] bits, int offset, int words) {
        Arrays.fill(bits, offset, offset + words, 0L);
        int[] idx = spikeIndex[k];
        int limit = words << 6;
        for (int n = 0; n < spikeCount[k]; n++) {
            int i = idx[n];
            if (i < limit) {
                bits[offset + (i >>> 6)] |= 1L << i;
            }
        }
    }

    @Override
    public float membranePotential(int k, int i) {
        return membrane[k][i] * network.lif().get(k).membraneScale(i);
    }

    /** Index of the {@code n}-th neuron (ascending) of hidden layer {@code k} that spiked in the last step. */
    public int lastSpikeIndex(int k, int n) {
        return spikeIndex[k][n];
    }

    /** Spikes of hidden layer {@code k} summed over all steps since construction. */
    public long totalSpikes(int k) {
        return totalSpikes[k];
    }

    public long steps() {
        return steps;
    }

    /** Updates of hidden layer {@code k} computed by the 64-bit path rather than the int32 fast path (same bits). */
    long exactUpdates(int k) {
        return exactUpdates[k];
    }

    /** Steps in which layer {@code k}'s sum was updated by the change of its inputs' spikes (scalar kernel). */
    long deltaUpdates(int k) {
        return deltaUpdates[k];
    }

    /** Membrane of neuron {@code i} of hidden layer {@code k}, in that neuron's membrane units. */
    public int membrane(int k, int i) {
        return membrane[k][i];
    }

    /** Input code of observation value {@code i} in the last step. */
    public int inputCode(int i) {
        return inputCode[i];
    }

    /** Q16 tanh argument of output {@code j} in the last step. */
    public long outputArgumentQ16(int j) {
        return outputArgument[j];
    }

    /** A state holder sized for this network (the same for both kernels: the vector one's padding is not state). */
    public State newState() {
        int[][] m = new int[membrane.length][];
        for (int k = 0; k < m.length; k++) {
            m[k] = new int[outputs[k]];
        }
        return new State(m);
    }

    /** Copies the membranes into {@code into} (allocation-free). */
    public void snapshot(State into) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(membrane[k], 0, into.membrane[k], 0, outputs[k]);
        }
    }

    /** Restores the membranes, the whole dynamic state. */
    public void restore(State from) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(from.membrane[k], 0, membrane[k], 0, outputs[k]);
            membraneInRange[k] = inFastRange(membrane[k], membraneBits[k]);
            listOutliers(k);
        }
    }

    /** The dynamic state of a {@link FixedPointSnn}: int32 membranes per hidden layer. */
    public static final class State {
        final int[][] membrane;

        State(int[][] membrane) {
            this.membrane = membrane;
        }

        public int membrane(int k, int i) {
            return membrane[k][i];
        }
    }
}
