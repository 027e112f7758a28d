package io.spikepilot.controller.snn;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a float {@link SnnNetwork} into a {@link FixedPointNetwork} for given {@link QuantizationScales}. Pure
 * arithmetic; choosing the scales from data is the calibrator's job.
 *
 * <p>Per output channel j of affine layer k, with effective weights {@code W'_ji = W_ji · inputScale_i} for the input
 * layer (the input codes carry the scale) and {@code W'_ji = W_ji} for spiking layers (spikes are 0 or 1):
 * <ul>
 *   <li>weight step {@code sw_j = max(max_i |W'_ji| / (2^(bits−1) − 1), Σ_i |W'_ji| · inMax / (2^31 − 1 − n·inMax))},
 *       inMax = 2049 (the split input parts, plus the rounded low pass) or 1 (spikes), the second term guaranteeing the int32 accumulator bound
 *       after rounding;</li>
 *   <li>{@code w_ji = round(W'_ji / sw_j)}; requantisation ratio {@code sw_j · u / t_j} where u = 2^12 for the input
 *       layer (its sum is in units of 2^12 codes) or 1, and t_j is the membrane unit (hidden layers) or 2^−16 (the Q16
 *       tanh argument of the output layer);</li>
 *   <li>hidden layers: t_j is the requested membrane unit snapped down to {@code sw_j · u · 2^e} (e integer), so
 *       the ratio is an exact power of two and {@link FixedPointSnn} rescales with shifts only;</li>
 *   <li>{@code bias_j = round(b_j / t_j)}, {@code θ_j = round(θ_j / t_j)}, {@code β_j = round(β_j · 2^24)}.</li>
 * </ul>
 * All rounding is to nearest (half away from zero, {@link Math#round(double)} on magnitudes).
 */
public final class FixedPointQuantizer {
    private static final double OUTPUT_UNIT = 0x1p-16;

    private FixedPointQuantizer() {
    }

    /**
     * @throws IllegalArgumentException when a value cannot be represented with these scales (the message names the
     *                                  layer, the neuron and the value)
     */
    public static FixedPointNetwork quantize(SnnNetwork net, QuantizationScales scales) {
        int bits = scales.weightBits();
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("quantizer: field 'weight_bits' expected 8 or 16, found " + bits);
        }
        if (scales.membraneScale() == null || scales.membraneScale().length != net.hiddenLayers()) {
            throw new IllegalArgumentException("quantizer: field 'membrane_scale' expected " + net.hiddenLayers()
                    + " layers, found " + (scales.membraneScale() == null ? "null" : scales.membraneScale().length));
        }
        if (scales.inputScale() == null || scales.inputScale().length != net.inputSize()) {
            throw new IllegalArgumentException("quantizer: field 'input_scale' expected " + net.inputSize()
                    + " values, found " + (scales.inputScale() == null ? "null" : scales.inputScale().length));
        }
        int wMax = (1 << (bits - 1)) - 1;
        List<FixedDenseLayer> dense = new ArrayList<>();
        List<FixedLifLayer> lif = new ArrayList<>();
        for (int k = 0; k < net.dense().size(); k++) {
            DenseLayer d = net.dense().get(k);
            boolean hidden = k < net.hiddenLayers();
            int n = d.inputs();
            int out = d.outputs();
            long inMax = k == 0 ? FixedPointNetwork.INPUT_PART_MAX + 1 : 1;
            // The input layer's integer sum is in units of 2^12 input codes (see FixedPointNetwork).
            double accUnit = k == 0 ? (double) (1 << FixedPointNetwork.INPUT_LOW_BITS) : 1.0;
            if (hidden && scales.membraneScale()[k].length != out) {
                throw new IllegalArgumentException("quantizer: membrane_scale of layer " + k + " expected " + out
                        + " values, found " + scales.membraneScale()[k].length);
            }
            int[] w = new int[n * out];
            int[] mult = new int[out];
            int[] shift = new int[out];
            int[] bias = new int[out];
            float[] wScale = new float[out];
            float[] unit = new float[out];
            for (int j = 0; j < out; j++) {
                double rowMax = 0;
                double rowSum = 0;
                for (int i = 0; i < n; i++) {
                    double a = Math.abs(effective(d, scales, k, j, i));
                    rowMax = Math.max(rowMax, a);
                    rowSum += a;
                }
                double sw = Math.max(rowMax / wMax, rowSum * inMax / (Integer.MAX_VALUE - (double) n * inMax));
                if (sw == 0) {
                    sw = 1;
                }
                sw = (float) sw;
                double t = hidden ? scales.membraneScale()[k][j] : OUTPUT_UNIT;
                if (!(t > 0 && Double.isFinite(t))) {
                    throw new IllegalArgumentException("quantizer: membrane_scale of layer " + k + " neuron " + j
                            + " expected a finite positive value, found " + t);
                }
                if (hidden && sw * accUnit / t > Requantizer.MAX_RATIO) {
                    t = sw * accUnit / Requantizer.MAX_RATIO;
                }
                if (hidden) {
                    // Snap the membrane unit down to sw·u·2^e, within a factor 2 of the requested unit (finer, never
                    // coarser), so the requantisation ratio is a power of two and the engine rescales with a shift.
                    double e = Math.floor(StrictMath.log(t / (sw * accUnit)) / StrictMath.log(2));
                    t = Math.scalb(sw * accUnit, (int) e);
                    if (t > scales.membraneScale()[k][j]) {
                        t = t / 2;
                    }
                }
                t = (float) t;
                double ratio = sw * accUnit / t;
                if (ratio > Requantizer.MAX_RATIO || ratio < Requantizer.MIN_RATIO) {
                    throw new IllegalArgumentException(String.format(
                            "quantizer: layer %d channel %d requantisation ratio expected in [2^-40, 2^21], found %s "
                                    + "(weight step %s, target unit %s)", k, j, ratio, sw, t));
                }
                for (int i = 0; i < n; i++) {
                    long q = Math.round(effective(d, scales, k, j, i) / sw);
                    w[j * n + i] = (int) Math.max(-wMax, Math.min(wMax, q));
                }
                mult[j] = Requantizer.multiplier(ratio);
                shift[j] = Requantizer.shift(ratio);
                bias[j] = toInt(d.bias(j) / t, "bias", k, j);
                wScale[j] = (float) sw;
                unit[j] = (float) t;
            }
            dense.add(new FixedDenseLayer(n, out, bits, w, mult, shift, bias, wScale));
            if (hidden) {
                LifLayer l = net.lif().get(k);
                int[] beta = new int[out];
                int[] theta = new int[out];
                for (int j = 0; j < out; j++) {
                    beta[j] = (int) Math.round(l.beta(j) * (double) (1 << FixedLifLayer.BETA_FRACTION_BITS));
                    theta[j] = toInt(l.threshold(j) / (double) unit[j], "threshold", k, j);
                }
                lif.add(new FixedLifLayer(beta, theta, unit));
            }
        }
        return new FixedPointNetwork(scales.inputScale(), scales.inputMaxCode(), dense, lif, net.resetRule());
    }

    private static double effective(DenseLayer d, QuantizationScales s, int k, int j, int i) {
        return k == 0 ? (double) d.weight(j, i) * s.inputScale()[i] : d.weight(j, i);
    }

    private static int toInt(double v, String field, int k, int j) {
        long q = Math.round(v);
        if (q < Integer.MIN_VALUE || q > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "quantizer: %s of layer %d neuron %d expected to fit int32 in its units, found %s units",
                    field, k, j, v));
        }
        return (int) q;
    }
}
