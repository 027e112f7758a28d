package io.spikepilot.controller.snn;

import java.util.Arrays;

/**
 * A float32 affine map {@code y = W·x + b} with {@code W} stored row-major as {@code [outputs][inputs]}, the layout of
 * {@code torch.nn.Linear.weight} and of the policy file. Immutable: the constructor copies and validates.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final float[] weight;
    private final float[] bias;

    /**
     * @param inputs  number of inputs, ≥ 1
     * @param outputs number of outputs, ≥ 1
     * @param weight  {@code outputs × inputs} values, row-major, all finite
     * @param bias    {@code outputs} values, all finite
     */
    public DenseLayer(int inputs, int outputs, float[] weight, float[] bias) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("dense layer: expected inputs ≥ 1 and outputs ≥ 1, found " + inputs
                    + " and " + outputs);
        }
        requireLength("weight", weight, (long) inputs * outputs);
        requireLength("bias", bias, outputs);
        requireFinite("weight", weight);
        requireFinite("bias", bias);
        this.inputs = inputs;
        this.outputs = outputs;
        this.weight = weight.clone();
        this.bias = bias.clone();
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Weight at row {@code out}, column {@code in}. */
    public float weight(int out, int in) {
        return weight[out * inputs + in];
    }

    public float bias(int out) {
        return bias[out];
    }

    /** A copy of the row-major weights. */
    public float[] weights() {
        return weight.clone();
    }

    /** A copy of the biases. */
    public float[] biases() {
        return bias.clone();
    }

    float[] weightsShared() {
        return weight;
    }

    float[] biasesShared() {
        return bias;
    }

    static void requireLength(String field, float[] values, long expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(String.format("dense layer: field '%s' expected %d values, found %s",
                    field, expected, values == null ? "null" : Integer.toString(values.length)));
        }
    }

    static void requireFinite(String field, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format(
                        "dense layer: field '%s' expected finite values, found %s at index %d", field, values[i], i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer d && d.inputs == inputs && Arrays.equals(d.weight, weight)
                && Arrays.equals(d.bias, bias);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weight) + Arrays.hashCode(bias);
    }
}
