package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/**
 * Fully connected layer y = W·x + b. Parameters are stored input-major (Wᵀ, {@code [in][out]}) followed by b, so the
 * row-by-row forward pass is one contiguous axpy per non-zero input — spiking inputs are mostly zero and are skipped.
 * A transposed copy and the kernels' panel layouts ({@link Panels}) are refreshed after every parameter update.
 *
 * <p>Operation order, shared with the float runtime so that exported policies reproduce training bit for bit:
 * {@code y[o] = 0}, then {@code y[o] = y[o] + W[o][i]·x[i]} for i in increasing order, then {@code y[o] = y[o] + b[o]}
 * (bias last), no fused multiply-add — the order of {@code io.spikepilot.controller.snn.FloatSnn}. Skipping an input
 * equal to zero leaves every partial sum unchanged: the sum starts at +0 and can never become −0. A layer built
 * {@code fused} (MLP critics, never exported) uses fused multiply-adds in the same order instead.
 *
 * <p>The whole-sequence passes run on {@link Kernels} (Vector API): the forward pass bit-identical to stepping row by
 * row, the backward pass equal to it up to float rounding (other summation orders). Inputs with fewer than 30 %
 * non-zeros (spike trains) take the kernels that skip zeros in the forward pass and the weight gradient.
 */
public final class Linear extends Layer {
    private final float[] weightsOutMajor;

    private final boolean fused;

    /** A layer with the float runtime's exact operation order (exportable). */
    public Linear(int inputSize, int outputSize) {
        this(inputSize, outputSize, false);
    }

    /**
     * {@code fused}: sum with fused multiply-adds, {@code y[o] = fma(W[o][i], x[i], y[o])} in ascending i, bias last —
     * faster, and the same bits stepped or over a sequence, but not the float runtime's order: only for networks that
     * are never exported (critics).
     */
    public Linear(int inputSize, int outputSize, boolean fused) {
        super(inputSize, outputSize);
        weightsOutMajor = new float[inputSize * outputSize];
        this.fused = fused;
    }

    /** The weights in the kernels' panel layouts ({@link Panels}). */
    private float[] forwardPanels = new float[0];
    private float[] transposedPanels = new float[0];

    public boolean fused() {
        return fused;
    }

    @Override
    public int parameterCount() {
        return inputSize * outputSize + outputSize;
    }

    /** Flat index of W[o][i]. */
    public int weightIndex(int output, int input) {
        return paramOffset + input * outputSize + output;
    }

    /** Flat index of b[o]. */
    public int biasIndex(int output) {
        return paramOffset + inputSize * outputSize + output;
    }

    /** PyTorch's default: W and b ~ U(−1/√fan_in, +1/√fan_in). */
    @Override
    void initialise(float[] params, SplittableRandom random) {
        double bound = 1.0 / Math.sqrt(inputSize);
        for (int o = 0; o < outputSize; o++) {
            for (int i = 0; i < inputSize; i++) {
                params[weightIndex(o, i)] = (float) ((2.0 * random.nextDouble() - 1.0) * bound);
            }
        }
        for (int o = 0; o < outputSize; o++) {
            params[biasIndex(o)] = (float) ((2.0 * random.nextDouble() - 1.0) * bound);
        }
    }

    @Override
    void parametersChanged(float[] params) {
        int in = inputSize;
        int out = outputSize;
        for (int i = 0; i < in; i++) {
            int src = paramOffset + i * out;
            for (int o = 0; o < out; o++) {
                weightsOutMajor[o * in + i] = params[src + o];
            }
        }
        forwardPanels = Panels.packForward(params, paramOffset, paramOffset + in * out, in, out, forwardPanels);
        transposedPanels = Panels.packTransposed(weightsOutMajor, in, out, transposedPanels);
    }

    @Override
    void forward(float[] params, float[] tape, int row, int previousRow) {
        int out = outputSize;
        int y = row + outOffset;
        java.util.Arrays.fill(tape, y, y + out, 0f);
        int x = row + inOffset;
        for (int i = 0; i < inputSize; i++) {
            float xi = tape[x + i];
            if (xi == 0f) {
                continue;
            }
            int w = paramOffset + i * out;
            if (fused) {
                for (int o = 0; o < out; o++) {
                    tape[y + o] = Math.fma(params[w + o], xi, tape[y + o]);
                }
            } else {
                for (int o = 0; o < out; o++) {
                    tape[y + o] += params[w + o] * xi;
                }
            }
        }
        int b = paramOffset + inputSize * out;
        for (int o = 0; o < out; o++) {
            tape[y + o] += params[b + o];
        }
    }

    @Override
    void backward(float[] params, float[] grads, float[] tape, float[] dtape, int row, int previousRow,
            boolean inputGradient) {
        int out = outputSize;
        int in = inputSize;
        int dy = row + outOffset;
        int gb = paramOffset + in * out;
        for (int o = 0; o < out; o++) {
            grads[gb + o] += dtape[dy + o];
        }
        int x = row + inOffset;
        for (int i = 0; i < in; i++) {
            float xi = tape[x + i];
            if (xi == 0f) {
                continue;
            }
            int gw = paramOffset + i * out;
            for (int o = 0; o < out; o++) {
                grads[gw + o] += dtape[dy + o] * xi;
            }
        }
        if (!inputGradient) {
            return;
        }
        float[] w = weightsOutMajor;
        for (int o = 0; o < out; o++) {
            float d = dtape[dy + o];
            if (d == 0f) {
                continue;
            }
            int wr = o * in;
            for (int i = 0; i < in; i++) {
                dtape[x + i] += w[wr + i] * d;
            }
        }
    }

    /** Per-thread lists of non-zero inputs for the sequence passes, grown to the longest sequence seen. */
    private static final class Scratch {
        int steps;
        /** Row r's non-zero input indices, ascending, at {@code nz[r·in …]}. */
        int[] nz = new int[0];
        int[] nzCount = new int[0];
        /** Input i's rows with a non-zero value, ascending, at {@code rowsOf[i·steps …]}. */
        int[] rowsOf = new int[0];
        int[] rowCount = new int[0];
        /** The tape (and its shape) that the last sparse forward pass listed, so its backward pass can reuse the lists. */
        float[] listedTape;
        int listedSteps;
        int listedStride;
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private Scratch scratch(int steps) {
        Scratch s = scratch.get();
        if (s.steps < steps) {
            s.steps = steps;
            s.nz = new int[steps * inputSize];
            s.nzCount = new int[steps];
            s.rowsOf = new int[steps * inputSize];
            s.rowCount = new int[inputSize];
            s.listedTape = null;
        }
        return s;
    }

    /** Lists every row's non-zero inputs into the scratch. */
    private void listNonZero(float[] tape, int steps, int stride, Scratch s) {
        int in = inputSize;
        int[] nz = s.nz;
        for (int r = 0; r < steps; r++) {
            int x = r * stride + inOffset;
            int list = r * in;
            int count = 0;
            // branch-free: with spikes the test is a coin flip per input, and a mispredicted branch costs more
            // than the store that is overwritten
            for (int i = 0; i < in; i++) {
                nz[list + count] = i;
                count += tape[x + i] != 0f ? 1 : 0;
            }
            s.nzCount[r] = count;
        }
        s.listedTape = tape;
        s.listedSteps = steps;
        s.listedStride = stride;
    }

    /** Whether the inputs are sparse enough for the kernels that skip zeros (spikes: yes; observations: no). */
    private boolean sparse(float[] tape, int steps, int stride) {
        long nonZero = Kernels.countNonZero(tape, inOffset, stride, steps, inputSize);
        return nonZero < Kernels.SPARSE_DENSITY * steps * inputSize;
    }

    @Override
    void forwardSequence(float[] params, float[] tape, int steps, int stride) {
        Scratch s = scratch(steps);
        int bias = paramOffset + inputSize * outputSize;
        s.listedTape = null;
        if (fused) {
            Kernels.affineFused(tape, inOffset, stride, params, paramOffset, bias, forwardPanels, inputSize, outputSize,
                    steps, tape, outOffset, stride);
        } else if (sparse(tape, steps, stride)) {
            listNonZero(tape, steps, stride, s);
            Kernels.affineSparse(tape, inOffset, stride, s.nz, s.nzCount, params, paramOffset, bias, inputSize,
                    outputSize, steps, tape, outOffset, stride);
        } else {
            Kernels.affineDense(tape, inOffset, stride, params, paramOffset, bias, forwardPanels, inputSize, outputSize,
                    steps, tape, outOffset, stride);
        }
    }

    @Override
    void backwardSequence(float[] params, float[] grads, float[] tape, float[] dtape, int steps, int stride,
            boolean inputGradient) {
        int in = inputSize;
        int out = outputSize;
        Kernels.biasGradient(dtape, outOffset, stride, out, steps, grads, paramOffset + in * out);
        Scratch s = scratch(steps);
        // the forward pass of this tape listed its inputs if they were sparse (the backward pass follows the forward
        // pass of the same tape); any other tape is measured and listed afresh
        boolean listed = s.listedTape == tape && s.listedSteps == steps && s.listedStride == stride;
        if (listed || sparse(tape, steps, stride)) {
            if (!listed) {
                listNonZero(tape, steps, stride, s);
            }
            int[] rowCount = s.rowCount;
            java.util.Arrays.fill(rowCount, 0);
            int cap = s.steps;
            for (int r = 0; r < steps; r++) {
                int list = r * in;
                for (int k = 0; k < s.nzCount[r]; k++) {
                    int i = s.nz[list + k];
                    s.rowsOf[i * cap + rowCount[i]++] = r;
                }
            }
            Kernels.weightGradientSparse(tape, inOffset, stride, s.rowsOf, rowCount, cap, dtape, outOffset, stride,
                    in, out, grads, paramOffset);
        } else {
            Kernels.weightGradientDense(tape, inOffset, stride, dtape, outOffset, stride, in, out, steps, grads,
                    paramOffset);
        }
        if (inputGradient) {
            Kernels.inputGradient(dtape, outOffset, stride, weightsOutMajor, transposedPanels, in, out, steps, dtape,
                    inOffset, stride);
        }
    }
}
