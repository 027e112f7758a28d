package io.spikepilot.training.bptt;

/**
 * Fixed-length sequences of inputs and regression targets in two flat arrays:
 * input of sequence s, step t, element i at {@code (s·length + t)·inputSize + i}, target likewise with targetSize.
 */
public final class SequenceSet {
    private final int length;
    private final int inputSize;
    private final int targetSize;
    private final int count;
    private final float[] inputs;
    private final float[] targets;

    public SequenceSet(int length, int inputSize, int targetSize, float[] inputs, float[] targets) {
        if (length <= 0 || inputSize <= 0 || targetSize <= 0) {
            throw new IllegalArgumentException("sequence length, input size and target size must be positive, found "
                    + length + ", " + inputSize + ", " + targetSize);
        }
        if (inputs.length % (length * inputSize) != 0) {
            throw new IllegalArgumentException("inputs: expected a multiple of length·inputSize = " + length * inputSize
                    + " values, found " + inputs.length);
        }
        count = inputs.length / (length * inputSize);
        if (targets.length != count * length * targetSize) {
            throw new IllegalArgumentException("targets: expected " + count * length * targetSize
                    + " values for " + count + " sequences, found " + targets.length);
        }
        this.length = length;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.inputs = inputs;
        this.targets = targets;
    }

    public int length() {
        return length;
    }

    public int inputSize() {
        return inputSize;
    }

    public int targetSize() {
        return targetSize;
    }

    public int count() {
        return count;
    }

    public float[] inputs() {
        return inputs;
    }

    public float[] targets() {
        return targets;
    }
}
