package io.spikepilot.controller.snn;

/**
 * An integer affine layer: {@code weightBits}-bit weights (8 or 16) stored row-major {@code [outputs][inputs]}, with a
 * per-output-channel scale. The integer sum {@code acc_j = Σ_i w_ji·x_i} is brought to the units of the layer it feeds
 * (membrane units of a LIF layer, or the Q16 tanh argument of the output) by {@link Requantizer} with a per-channel
 * multiplier and shift, then the integer bias (already in those units) is added.
 *
 * <p>{@code weightScale} (real value of one weight step per channel) is kept for reports and dequantisation; the step
 * path uses only the integers.
 */
public final class FixedDenseLayer {
    private final int inputs;
    private final int outputs;
    private final int weightBits;
    private final int[] weight;
    private final int[] multiplier;
    private final int[] shift;
    private final int[] bias;
    private final float[] weightScale;

    public FixedDenseLayer(int inputs, int outputs, int weightBits, int[] weight, int[] multiplier, int[] shift,
                           int[] bias, float[] weightScale) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("fixed dense layer: expected inputs ≥ 1 and outputs ≥ 1, found "
                    + inputs + " and " + outputs);
        }
        if (weightBits != 8 && weightBits != 16) {
            throw new IllegalArgumentException("fixed dense layer: field 'weight_bits' expected 8 or 16, found "
                    + weightBits);
        }
        requireLength("weight", weight == null ? -1 : weight.length, (long) inputs * outputs);
        requireLength("requant_multiplier", multiplier == null ? -1 : multiplier.length, outputs);
        requireLength("requant_shift", shift == null ? -1 : shift.length, outputs);
        requireLength("bias", bias == null ? -1 : bias.length, outputs);
        requireLength("weight_scale", weightScale == null ? -1 : weightScale.length, outputs);
        int limit = (1 << (weightBits - 1)) - 1;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] < -limit || weight[i] > limit) {
                throw new IllegalArgumentException(String.format(
                        "fixed dense layer: field 'weight' expected values in [%d, %d], found %d at index %d",
                        -limit, limit, weight[i], i));
            }
        }
        for (int j = 0; j < outputs; j++) {
            int m = multiplier[j];
            if (m != 0 && (m < 1 << Requantizer.MULTIPLIER_BITS || m >= 1 << (Requantizer.MULTIPLIER_BITS + 1))) {
                throw new IllegalArgumentException(String.format(
                        "fixed dense layer: field 'requant_multiplier' expected 0 or a value in [2^22, 2^23), "
                                + "found %d at index %d", m, j));
            }
            if (shift[j] < 1 || shift[j] > 62) {
                throw new IllegalArgumentException(String.format(
                        "fixed dense layer: field 'requant_shift' expected a value in [1, 62], found %d at index %d",
                        shift[j], j));
            }
            if (!(weightScale[j] > 0 && Float.isFinite(weightScale[j]))) {
                throw new IllegalArgumentException(String.format(
                        "fixed dense layer: field 'weight_scale' expected a finite positive value, found %s at index %d",
                        weightScale[j], j));
            }
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.weightBits = weightBits;
        this.weight = weight.clone();
        this.multiplier = multiplier.clone();
        this.shift = shift.clone();
        this.bias = bias.clone();
        this.weightScale = weightScale.clone();
    }

    private static void requireLength(String field, long found, long expected) {
        if (found != expected) {
            throw new IllegalArgumentException(String.format("fixed dense layer: field '%s' expected %d values, found %s",
                    field, expected, found < 0 ? "null" : Long.toString(found)));
        }
    }

    /** Largest Σ_i |w_ji| over output channels j: the accumulator bound for inputs of magnitude ≤ 1. */
    long maxRowAbsSum() {
        long max = 0;
        for (int j = 0; j < outputs; j++) {
            long s = 0;
            for (int i = 0; i < inputs; i++) {
                s += Math.abs(weight[j * inputs + i]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public int weightBits() {
        return weightBits;
    }

    /** Row-major integer weights (copy). */
    public int[] weights() {
        return weight.clone();
    }

    public int[] multipliers() {
        return multiplier.clone();
    }

    public int[] shifts() {
        return shift.clone();
    }

    public int[] biases() {
        return bias.clone();
    }

    public float[] weightScales() {
        return weightScale.clone();
    }

    int[] weightShared() {
        return weight;
    }

    int[] multiplierShared() {
        return multiplier;
    }

    int[] shiftShared() {
        return shift;
    }

    int[] biasShared() {
        return bias;
    }
}
