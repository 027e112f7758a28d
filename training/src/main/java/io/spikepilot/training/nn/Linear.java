package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/**
 * Fully connected layer y = W·x + b. Parameters are stored input-major (Wᵀ, {@code [in][out]}) followed by b, so the
 * forward pass is one contiguous axpy per non-zero input — spiking inputs are mostly zero and are skipped — and the
 * weight gradient is one contiguous axpy per non-zero input too. The backward input gradient wants {@code [out][in]};
 * a transposed copy is refreshed after every parameter update.
 *
 * <p>Operation order, shared with the float runtime so that exported policies reproduce training bit for bit:
 * {@code y[o] = 0}, then {@code y[o] = y[o] + W[o][i]·x[i]} for i in increasing order, then {@code y[o] = y[o] + b[o]}
 * (bias last), no fused multiply-add — the order of {@code io.spikepilot.controller.snn.FloatSnn}. Skipping an input
 * equal to zero leaves every partial sum unchanged: the sum starts at +0 and can never become −0.
 */
public final class Linear extends Layer {
    private final float[] weightsOutMajor;

    public Linear(int inputSize, int outputSize) {
        super(inputSize, outputSize);
        weightsOutMajor = new float[inputSize * outputSize];
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
            for (int o = 0; o < out; o++) {
                tape[y + o] += params[w + o] * xi;
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

    /** Rows per block in the sequence passes: a block's activations stay in L1 while each weight row is reused. */
    private static final int BLOCK = 8;

    @Override
    void forwardSequence(float[] params, float[] tape, int steps, int stride) {
        int out = outputSize;
        int in = inputSize;
        int bias = paramOffset + in * out;
        for (int t0 = 0; t0 < steps; t0 += BLOCK) {
            int t1 = Math.min(steps, t0 + BLOCK);
            for (int t = t0; t < t1; t++) {
                int y = t * stride + outOffset;
                java.util.Arrays.fill(tape, y, y + out, 0f);
            }
            for (int i = 0; i < in; i++) {
                int w = paramOffset + i * out;
                for (int t = t0; t < t1; t++) {
                    float xi = tape[t * stride + inOffset + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int y = t * stride + outOffset;
                    for (int o = 0; o < out; o++) {
                        tape[y + o] += params[w + o] * xi;
                    }
                }
            }
            for (int t = t0; t < t1; t++) {
                int y = t * stride + outOffset;
                for (int o = 0; o < out; o++) {
                    tape[y + o] += params[bias + o];
                }
            }
        }
    }

    @Override
    void backwardSequence(float[] params, float[] grads, float[] tape, float[] dtape, int steps, int stride,
            boolean inputGradient) {
        int out = outputSize;
        int in = inputSize;
        int gb = paramOffset + in * out;
        float[] w = weightsOutMajor;
        for (int t0 = 0; t0 < steps; t0 += BLOCK) {
            int t1 = Math.min(steps, t0 + BLOCK);
            for (int t = t0; t < t1; t++) {
                int dy = t * stride + outOffset;
                for (int o = 0; o < out; o++) {
                    grads[gb + o] += dtape[dy + o];
                }
            }
            for (int i = 0; i < in; i++) {
                int gw = paramOffset + i * out;
                for (int t = t0; t < t1; t++) {
                    float xi = tape[t * stride + inOffset + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int dy = t * stride + outOffset;
                    for (int o = 0; o < out; o++) {
                        grads[gw + o] += dtape[dy + o] * xi;
                    }
                }
            }
            if (!inputGradient) {
                continue;
            }
            for (int o = 0; o < out; o++) {
                int wr = o * in;
                for (int t = t0; t < t1; t++) {
                    float d = dtape[t * stride + outOffset + o];
                    if (d == 0f) {
                        continue;
                    }
                    int x = t * stride + inOffset;
                    for (int i = 0; i < in; i++) {
                        dtape[x + i] += w[wr + i] * d;
                    }
                }
            }
        }
    }
}
