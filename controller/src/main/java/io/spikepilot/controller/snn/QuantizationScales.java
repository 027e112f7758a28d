package io.spikepilot.controller.snn;

/**
 * The real-valued choices that turn a float network into a fixed-point one (made by the calibrator from data):
 *
 * @param inputScale    real value of one input code, per input (e.g. max |x_i| seen × headroom / inputMaxCode)
 * @param inputMaxCode  largest input code magnitude, in [1, {@link FixedPointNetwork#MAX_INPUT_CODE}]
 * @param membraneScale per hidden layer, real value of one membrane unit per neuron; the quantizer may enlarge a
 *                      neuron's unit when its weights would otherwise need a requantisation ratio above 2^21
 * @param weightBits    8 or 16
 */
public record QuantizationScales(float[] inputScale, int inputMaxCode, float[][] membraneScale, int weightBits) {
}
