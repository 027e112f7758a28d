package io.spikepilot.controller.snn;

import java.util.List;

/**
 * An integer-only spiking network, the flying form of an {@link SnnNetwork}. Observations are quantised once at the
 * input boundary: {@code q_i = clamp(round(x_i / inputScale_i), −inputMaxCode, inputMaxCode)}, codes of up to 24 bits
 * ({@link #MAX_INPUT_CODE}). Each code is split as {@code q = q_hi·2^12 + q_lo} with {@code q_hi, q_lo ∈ [−2048, 2048]}
 * so the input layer runs as two int32 passes; its sum in units of {@code 2^12} codes is
 * {@code acc_hi + ((acc_lo + 2^11) >> 12)} (the low pass rounded half toward +∞), and the input layer's requantisation
 * ratio is expressed in those units. Every hidden layer's membrane is an int32 in its own per-neuron units; the output
 * layer produces a Q16 tanh argument.
 *
 * <p>The constructor proves the int32 accumulators cannot overflow: for the input layer
 * {@code max_j Σ_i |w_ji| · 2049 ≤ 2^31 − 1} (parts up to 2048, plus the rounded low pass), for spiking layers {@code max_j Σ_i |w_ji| ≤ 2^31 − 1}. Membrane
 * updates are computed in 64 bits and saturated (counted) to int32.
 */
public final class FixedPointNetwork {
    /** Bits of the low part of an input code. */
    public static final int INPUT_LOW_BITS = 12;
    /** Largest input code magnitude: both parts of the split stay in [−2048, 2048]. */
    public static final int MAX_INPUT_CODE = (1 << 23) - (1 << (INPUT_LOW_BITS - 1));
    /** Largest |part| of a split input code. */
    static final int INPUT_PART_MAX = 1 << (INPUT_LOW_BITS - 1);
    private final float[] inputScale;
    private final int inputMaxCode;
    private final List<FixedDenseLayer> dense;
    private final List<FixedLifLayer> lif;
    private final ResetRule resetRule;

    public FixedPointNetwork(float[] inputScale, int inputMaxCode, List<FixedDenseLayer> dense, List<FixedLifLayer> lif,
                             ResetRule resetRule) {
        if (dense == null || lif == null || resetRule == null || inputScale == null) {
            throw new IllegalArgumentException("fixed network: expected input scales, layers and a reset rule, found null");
        }
        if (dense.size() < 2 || lif.size() != dense.size() - 1) {
            throw new IllegalArgumentException("fixed network: expected ≥ 2 affine layers and one LIF layer fewer, found "
                    + dense.size() + " and " + lif.size());
        }
        if (inputScale.length != dense.get(0).inputs()) {
            throw new IllegalArgumentException("fixed network: field 'input_scale' expected " + dense.get(0).inputs()
                    + " values, found " + inputScale.length);
        }
        for (int i = 0; i < inputScale.length; i++) {
            if (!(inputScale[i] > 0 && Float.isFinite(inputScale[i]) && Float.isFinite(1.0f / inputScale[i]))) {
                throw new IllegalArgumentException("fixed network: field 'input_scale' expected finite positive values "
                        + "with a finite inverse, found " + inputScale[i] + " at index " + i);
            }
        }
        if (inputMaxCode < 1 || inputMaxCode > MAX_INPUT_CODE) {
            throw new IllegalArgumentException("fixed network: field 'input_max_code' expected a value in [1, "
                    + MAX_INPUT_CODE + "], found " + inputMaxCode);
        }
        for (int k = 0; k < dense.size(); k++) {
            if (k > 0 && dense.get(k).inputs() != dense.get(k - 1).outputs()) {
                throw new IllegalArgumentException(String.format(
                        "fixed network: layer %d expected %d inputs (outputs of layer %d), found %d",
                        k, dense.get(k - 1).outputs(), k - 1, dense.get(k).inputs()));
            }
            if (k < lif.size() && lif.get(k).size() != dense.get(k).outputs()) {
                throw new IllegalArgumentException(String.format(
                        "fixed network: LIF layer %d expected %d neurons, found %d", k, dense.get(k).outputs(),
                        lif.get(k).size()));
            }
            long bound = dense.get(k).maxRowAbsSum() * (k == 0 ? INPUT_PART_MAX + 1 : 1);
            if (bound > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(String.format(
                        "fixed network: layer %d accumulator bound expected ≤ 2147483647 (no int32 overflow), found %d",
                        k, bound));
            }
        }
        this.inputScale = inputScale.clone();
        this.inputMaxCode = inputMaxCode;
        this.dense = List.copyOf(dense);
        this.lif = List.copyOf(lif);
        this.resetRule = resetRule;
    }

    /** Real value of one input code, per input. */
    public float[] inputScales() {
        return inputScale.clone();
    }

    public int inputMaxCode() {
        return inputMaxCode;
    }

    public List<FixedDenseLayer> dense() {
        return dense;
    }

    public List<FixedLifLayer> lif() {
        return lif;
    }

    public ResetRule resetRule() {
        return resetRule;
    }

    public int hiddenLayers() {
        return lif.size();
    }

    /** Layer widths from input to output. */
    public int[] layerSizes() {
        int[] sizes = new int[dense.size() + 1];
        sizes[0] = dense.get(0).inputs();
        for (int k = 0; k < dense.size(); k++) {
            sizes[k + 1] = dense.get(k).outputs();
        }
        return sizes;
    }
}
