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
 *       accumulators ({@code acc[j] += w[i][j]}); silent neurons cost nothing.</li>
 *   <li>LIF (per neuron, 64-bit then saturated to int32, counted):
 *       {@code I = ((acc·M + 2^(s−1)) >> s) + b};
 *       subtract-delayed: {@code r = U > θ; U = ((β·U + 2^23) >> 24) + I − (r ? θ : 0); S = U > θ};
 *       zero-immediate: {@code U = ((β·U + 2^23) >> 24) + I; S = U > θ; if S then U = 0}.
 *       The decay rounds half toward +∞.</li>
 *   <li>Output: {@code z = ((acc·M + 2^(s−1)) >> s) + b} in Q16, {@code a = }{@link TanhTable#tanhQ16}.</li>
 * </ol>
 * Allocation-free, never throws, never blocks.
 */
public final class FixedPointSnn implements Policy {
    private static final int BETA_SHIFT = FixedLifLayer.BETA_FRACTION_BITS;
    private static final long BETA_HALF = 1L << (BETA_SHIFT - 1);
    private static final int LOW_BITS = FixedPointNetwork.INPUT_LOW_BITS;
    private static final int LOW_HALF = 1 << (LOW_BITS - 1);

    private final FixedPointNetwork network;
    private final int layers;
    private final int[] inputs;
    private final int[] outputs;
    private final float[] inverseInputScale;
    private final int inputMaxCode;
    /**
     * Weight columns per layer, {@code column[k][i][j] = w_ji}: one array per input so the inner loops add two arrays
     * at offset 0, which HotSpot's C2 (JDK 17) vectorises; a single column-major array walked at an invariant offset
     * is not vectorised by it.
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

    private final int[] inputCode;
    private final int[][] acc;
    /** Rescaled sums of the layer being updated (scratch). */
    private final long[] current;
    /** Low-part accumulators of the input layer. */
    private final int[] accLow;
    private final int[][] membrane;
    /** Indices of the neurons of each hidden layer that spiked this step, the first {@code spikeCount[k]} valid. */
    private final int[][] spikeIndex;
    private final int[] spikeCount;
    private final long[] totalSpikes;
    /** Q16 tanh arguments of the last step's outputs. */
    private final long[] outputArgument;
    private long saturationEvents;
    private long steps;

    public FixedPointSnn(FixedPointNetwork network) {
        this.network = network;
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
            int[][] cols = new int[n][m];
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
            acc[k] = new int[m];
        }
        int hidden = network.hiddenLayers();
        beta = new int[hidden][];
        threshold = new int[hidden][];
        membrane = new int[hidden][];
        spikeIndex = new int[hidden][];
        for (int k = 0; k < hidden; k++) {
            beta[k] = network.lif().get(k).betaShared();
            threshold[k] = network.lif().get(k).thresholdShared();
            membrane[k] = new int[outputs[k]];
            spikeIndex[k] = new int[outputs[k]];
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
        }
    }

    @Override
    public long saturationEvents() {
        return saturationEvents;
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        quantizeInputs(observation, observationOffset);
        denseInput();
        lif(0);
        int last = layers - 1;
        for (int k = 1; k < layers; k++) {
            spikingInput(k);
            if (k < last) {
                lif(k);
            }
        }
        output(action, actionOffset);
        steps++;
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

    private void denseInput() {
        int[] hi = acc[0];
        int[] lo = accLow;
        int[][] cols = column[0];
        int m = outputs[0];
        Arrays.fill(hi, 0);
        Arrays.fill(lo, 0);
        for (int i = 0; i < inputCode.length; i++) {
            int q = inputCode[i];
            if (q == 0) {
                continue;
            }
            int qHi = (q + LOW_HALF) >> LOW_BITS;
            int qLo = q - (qHi << LOW_BITS);
            int[] w = cols[i];
            for (int j = 0; j < m; j++) {
                int wj = w[j];
                hi[j] += wj * qHi;
                lo[j] += wj * qLo;
            }
        }
        for (int j = 0; j < m; j++) {
            hi[j] += (lo[j] + LOW_HALF) >> LOW_BITS;
        }
    }

    private void spikingInput(int k) {
        int[] a = acc[k];
        int[][] cols = column[k];
        int m = outputs[k];
        int[] idx = spikeIndex[k - 1];
        int count = spikeCount[k - 1];
        Arrays.fill(a, 0);
        int s = 0;
        // Four spiking inputs per pass: a quarter of the accumulator loads and stores and of the per-loop overhead
        // (0.73 → 0.41 µs for 54 spikes × 128 outputs here). int addition wraps associatively, and every partial sum
        // is bounded by the row's Σ|w| ≤ 2^31 − 1 anyway, so the result is the same as one column at a time.
        for (; s + 3 < count; s += 4) {
            int[] w0 = cols[idx[s]];
            int[] w1 = cols[idx[s + 1]];
            int[] w2 = cols[idx[s + 2]];
            int[] w3 = cols[idx[s + 3]];
            for (int j = 0; j < m; j++) {
                a[j] += (w0[j] + w1[j]) + (w2[j] + w3[j]);
            }
        }
        for (; s < count; s++) {
            int[] w = cols[idx[s]];
            for (int j = 0; j < m; j++) {
                a[j] += w[j];
            }
        }
    }

    /**
     * LIF update of hidden layer {@code k}. Branch-free in the data (reset flag, saturation, spike and zero reset are
     * computed with sign bits and min/max), because at the paper's activity every data-dependent branch would be
     * mispredicted about one time in five.
     */
    private void lif(int k) {
        if (shiftOnly[k]) {
            int[] a = acc[k];
            int[] left = leftShift[k];
            int[] right = rightShift[k];
            long[] rnd = shiftRounding[k];
            long[] cur = current;
            for (int j = 0; j < a.length; j++) {
                cur[j] = (((long) a[j] << left[j]) + rnd[j]) >> right[j];
            }
        } else {
            int[] a = acc[k];
            int[] mult = multiplier[k];
            int[] sh = shift[k];
            long[] rnd = rounding[k];
            long[] cur = current;
            for (int j = 0; j < a.length; j++) {
                cur[j] = ((long) a[j] * mult[j] + rnd[j]) >> sh[j];
            }
        }
        long[] cur = current;
        int[] b = bias[k];
        int[] bt = beta[k];
        int[] th = threshold[k];
        int[] u = membrane[k];
        int[] idx = spikeIndex[k];
        long subtract = subtractDelayed ? 1 : 0;
        int keepOnSpike = subtractDelayed ? -1 : 0;
        int count = 0;
        long saturated = 0;
        for (int j = 0; j < u.length; j++) {
            int m = u[j];
            int theta = th[j];
            long v = (((long) bt[j] * m + BETA_HALF) >> BETA_SHIFT) + cur[j] + b[j];
            // 1 when the previous membrane was above threshold (the delayed reset), else 0
            long reset = (((long) theta - m) >>> 63) & subtract;
            v -= reset * theta;
            long clamped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
            saturated += (clamped ^ v) == 0 ? 0 : 1;
            int next = (int) clamped;
            int fired = (int) (((long) theta - next) >>> 63);
            idx[count] = j;
            count += fired;
            // zero-immediate: a spiking neuron's membrane becomes 0 (mask 0 when fired, −1 otherwise)
            u[j] = next & ((fired - 1) | keepOnSpike);
        }
        saturationEvents += saturated;
        spikeCount[k] = count;
        totalSpikes[k] += count;
    }

    private void output(float[] action, int offset) {
        int k = layers - 1;
        int[] a = acc[k];
        int[] mult = multiplier[k];
        int[] sh = shift[k];
        long[] rnd = rounding[k];
        int[] b = bias[k];
        for (int j = 0; j < a.length; j++) {
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

    /** A state holder sized for this network. */
    public State newState() {
        int[][] m = new int[membrane.length][];
        for (int k = 0; k < m.length; k++) {
            m[k] = new int[membrane[k].length];
        }
        return new State(m);
    }

    /** Copies the membranes into {@code into} (allocation-free). */
    public void snapshot(State into) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(membrane[k], 0, into.membrane[k], 0, membrane[k].length);
        }
    }

    /** Restores the membranes, the whole dynamic state. */
    public void restore(State from) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(from.membrane[k], 0, membrane[k], 0, membrane[k].length);
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
