package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/**
 * Leaky integrate-and-fire layer with snnTorch {@code Leaky} semantics (reset by subtraction, delayed reset), one
 * learnable β and threshold θ per neuron:
 *
 * <pre>
 *   R_t = H(U_{t−1} − θ)                       reset flag from the previous membrane, detached
 *   U_t = clamp(β, 0, 1)·U_{t−1} + I_t − R_t·θ  evaluated as (β·U + I), then − θ only when R_t = 1
 *   S_t = H(U_t − θ)                            strict: U_t = θ does not spike
 * </pre>
 *
 * <p>Backward uses the fast-sigmoid surrogate ∂S/∂U = 1/(1 + k|U − θ|)² with slope k ({@link #setSlope}). Gradient
 * choices, following what autograd does for snnTorch's graph: the reset <em>flag</em> R is detached, but the θ it
 * multiplies is not, so ∂U_t/∂θ = −R_t in addition to ∂S_t/∂θ = −surrogate; ∂U_t/∂β = U_{t−1} inside [0, 1] and 0
 * outside (the clamp); ∂U_t/∂U_{t−1} = clamp(β) (the flag contributes nothing).
 *
 * <p>The float operations are those of {@code io.spikepilot.controller.snn.FloatSnn}, one by one, so an exported
 * policy reproduces the training forward pass to the bit. The cache holds U_t per row; U_{t−1} is read from the previous row (0 when there is none).
 */
public final class Lif extends Layer {
    private float slope = 1f;
    private SpikeForward spikeForward = SpikeForward.HEAVISIDE;

    public Lif(int size) {
        super(size, size);
    }

    @Override
    public int parameterCount() {
        return 2 * inputSize;
    }

    /** Flat index of β_j (stored unclamped; the forward pass clamps). */
    public int betaIndex(int neuron) {
        return paramOffset + neuron;
    }

    /** Flat index of θ_j. */
    public int thresholdIndex(int neuron) {
        return paramOffset + inputSize + neuron;
    }

    /** Slope k of the surrogate; ≥ 0. */
    public void setSlope(float k) {
        if (!(k >= 0f) || Float.isInfinite(k)) {
            throw new IllegalArgumentException("LIF surrogate slope must be finite and ≥ 0, found " + k);
        }
        slope = k;
    }

    public float slope() {
        return slope;
    }

    public void setSpikeForward(SpikeForward mode) {
        spikeForward = mode;
    }

    /** β ~ U(0, 1) and θ ~ U(0, 1) per neuron, as snnTorch's learnable-β/threshold actor is initialised. */
    @Override
    void initialise(float[] params, SplittableRandom random) {
        for (int j = 0; j < inputSize; j++) {
            params[betaIndex(j)] = (float) random.nextDouble();
        }
        for (int j = 0; j < inputSize; j++) {
            params[thresholdIndex(j)] = (float) random.nextDouble();
        }
    }

    @Override
    int cacheSize() {
        return inputSize;
    }

    static float clampBeta(float beta) {
        return beta < 0f ? 0f : (beta > 1f ? 1f : beta);
    }

    @Override
    void forward(float[] params, float[] tape, int row, int previousRow) {
        int n = inputSize;
        int in = row + inOffset;
        int out = row + outOffset;
        int u = row + cacheOffset;
        int b0 = paramOffset;
        int t0 = paramOffset + n;
        boolean heaviside = spikeForward == SpikeForward.HEAVISIDE;
        for (int j = 0; j < n; j++) {
            float theta = params[t0 + j];
            float previous = previousRow < 0 ? 0f : tape[previousRow + cacheOffset + j];
            float mem = clampBeta(params[b0 + j]) * previous + tape[in + j];
            if (previous > theta) {
                mem = mem - theta;
            }
            tape[u + j] = mem;
            float x = mem - theta;
            tape[out + j] = heaviside ? (x > 0f ? 1f : 0f) : x / (1f + slope * Math.abs(x));
        }
    }

    /** clamp(β, 0, 1) and the clamp's gradient mask (1 inside [0, 1], 0 outside), refreshed with the parameters. */
    private float[] clampedBeta = new float[0];
    private float[] betaGradientMask = new float[0];

    @Override
    void parametersChanged(float[] params) {
        if (clampedBeta.length != inputSize) {
            clampedBeta = new float[inputSize];
            betaGradientMask = new float[inputSize];
        }
        for (int j = 0; j < inputSize; j++) {
            float raw = params[paramOffset + j];
            clampedBeta[j] = clampBeta(raw);
            betaGradientMask[j] = raw >= 0f && raw <= 1f ? 1f : 0f;
        }
    }

    @Override
    void backward(float[] params, float[] grads, float[] tape, float[] dtape, int row, int previousRow,
            boolean inputGradient) {
        int n = inputSize;
        int b0 = paramOffset;
        int t0 = paramOffset + n;
        float k = slope;
        float[] beta = clampedBeta;
        float[] mask = betaGradientMask;
        int mem = row + cacheOffset;
        int spikeGrad = row + outOffset;
        int current = row + inOffset;
        boolean first = previousRow < 0;
        int prev = first ? 0 : previousRow + cacheOffset;
        for (int j = 0; j < n; j++) {
            float theta = params[t0 + j];
            float previous = first ? 0f : tape[prev + j];
            float x = tape[mem + j] - theta;
            float den = 1f + k * Math.abs(x);
            float surrogateSpike = dtape[spikeGrad + j] / (den * den);
            // dtape at the cache slot already holds dL/dU_t carried back from step t+1.
            float dMem = dtape[mem + j] + surrogateSpike;
            dtape[current + j] += dMem;
            float reset = previous > theta ? 1f : 0f;
            grads[t0 + j] += -surrogateSpike - reset * dMem;
            grads[b0 + j] += mask[j] * (dMem * previous);
            if (!first) {
                dtape[prev + j] += beta[j] * dMem;
            }
        }
    }

    @Override
    void forwardSequence(float[] params, float[] tape, int steps, int stride) {
        Kernels.lifForward(tape, inOffset, outOffset, cacheOffset, stride, steps, clampedBeta, params,
                paramOffset + inputSize, inputSize, spikeForward == SpikeForward.FAST_SIGMOID, slope);
    }

    @Override
    void backwardSequence(float[] params, float[] grads, float[] tape, float[] dtape, int steps, int stride,
            boolean inputGradient) {
        Kernels.lifBackward(tape, dtape, inOffset, outOffset, cacheOffset, stride, steps, clampedBeta,
                betaGradientMask, params, grads, paramOffset, paramOffset + inputSize, inputSize, slope);
    }
}
