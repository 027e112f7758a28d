package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/** Element-wise max(0, x); backward passes the gradient where the output is positive (0 at x = 0, as PyTorch). */
public final class Relu extends Layer {
    public Relu(int size) {
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
            float x = tape[in + j];
            tape[out + j] = x > 0f ? x : 0f;
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
            if (tape[out + j] > 0f) {
                dtape[in + j] += dtape[out + j];
            }
        }
    }

    @Override
    void forwardSequence(float[] params, float[] tape, int steps, int stride) {
        Kernels.reluForward(tape, inOffset, outOffset, stride, steps, inputSize);
    }

    @Override
    void backwardSequence(float[] params, float[] grads, float[] tape, float[] dtape, int steps, int stride,
            boolean inputGradient) {
        if (inputGradient) {
            Kernels.reluBackward(tape, dtape, inOffset, outOffset, stride, steps, inputSize);
        }
    }
}
