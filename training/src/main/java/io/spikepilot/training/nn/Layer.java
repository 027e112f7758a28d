package io.spikepilot.training.nn;

import java.util.SplittableRandom;

/**
 * One layer of a feed-forward stack stepped once per time step. Activations live in a tape row laid out by
 * {@link Network}: the layer reads {@code inputSize} values at {@code inOffset} and writes {@code outputSize} values at
 * {@code outOffset}; a layer with state (LIF) keeps {@link #cacheSize()} more values per row. Parameters are a slice of
 * the network's flat vector starting at {@code paramOffset}.
 *
 * <p>Forward and backward never allocate: every array is passed in.
 */
public abstract class Layer {
    final int inputSize;
    final int outputSize;
    int paramOffset;
    int inOffset;
    int outOffset;
    int cacheOffset;

    Layer(int inputSize, int outputSize) {
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + ": sizes must be positive, found in=" + inputSize + " out=" + outputSize);
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    public final int inputSize() {
        return inputSize;
    }

    public final int outputSize() {
        return outputSize;
    }

    /** Index of this layer's first parameter in the network's flat vector. */
    public final int parameterOffset() {
        return paramOffset;
    }

    public abstract int parameterCount();

    /** Extra per-row values the layer keeps for its backward pass or its state. */
    int cacheSize() {
        return 0;
    }

    /** Draws the initial parameters (the layer's own seeded stream). */
    abstract void initialise(float[] params, SplittableRandom random);

    /** Called after every parameter update, before the next forward pass (e.g. to refresh a transposed copy). */
    void parametersChanged(float[] params) {
    }

    /**
     * Computes this layer at the tape row starting at {@code row}; {@code previousRow} is the previous time step's row
     * or −1 when this is the first step (zero state).
     */
    abstract void forward(float[] params, float[] tape, int row, int previousRow);

    /**
     * Adds this layer's parameter gradients into {@code grads} and its input gradient into {@code dtape} (at the
     * input offset of {@code row}, skipped when {@code inputGradient} is false). Gradients flowing to the previous time
     * step are added at {@code previousRow}.
     */
    abstract void backward(float[] params, float[] grads, float[] tape, float[] dtape, int row, int previousRow,
            boolean inputGradient);

    /**
     * Forward over a whole sequence of {@code steps} rows {@code stride} apart, starting from zero state. Layers
     * without time coupling override this to reuse their weights across several steps; the result is bit-identical
     * to stepping {@link #forward} row by row.
     */
    void forwardSequence(float[] params, float[] tape, int steps, int stride) {
        for (int t = 0; t < steps; t++) {
            forward(params, tape, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
    }

    /** Backward over a whole sequence, last step first (the upstream gradients of all steps are already in place). */
    void backwardSequence(float[] params, float[] grads, float[] tape, float[] dtape, int steps, int stride,
            boolean inputGradient) {
        for (int t = steps - 1; t >= 0; t--) {
            backward(params, grads, tape, dtape, t * stride, t == 0 ? -1 : (t - 1) * stride, inputGradient);
        }
    }
}
