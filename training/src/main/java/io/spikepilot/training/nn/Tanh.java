package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/**
 * Element-wise tanh, evaluated as {@code (float) StrictMath.tanh(x)} so the result is the same on every JVM and
 * platform (the float runtime uses the same expression). Backward: dy·(1 − y²).
 */
public final class Tanh extends Layer {
    public Tanh(int size) {
        super(size, size);
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    void initialise(float[] params, SplittableRandom random) {
    }

    @Override
    void forward(float[] params, float[] tape, int row, int previousRow) {
        int in = row + inOffset;
        int out = row + outOffset;
        for (int j = 0; j < inputSize; j++) {
            tape[out + j] = (float) StrictMath.tanh(tape[in + j]);
        }
    }

    @Override
    void backward(float[] params, float[] grads, float[] tape, float[] dtape, int row, int previousRow,
            boolean inputGradient) {
        if (!inputGradient) {
            return;
        }
        int in = row + inOffset;
        int out = row + outOffset;
        for (int j = 0; j < inputSize; j++) {
            float y = tape[out + j];
            dtape[in + j] += dtape[out + j] * (1f - y * y);
        }
    }
}
