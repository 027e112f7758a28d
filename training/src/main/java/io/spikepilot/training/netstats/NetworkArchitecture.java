package io.spikepilot.training.netstats;

import io.spikepilot.controller.snn.LoadedPolicy;
import java.util.Arrays;

/**
 * The shape that the statistics depend on: layer widths from input to output, and whether the hidden layers are LIF
 * neurons (a β, a threshold and a membrane each, binary outputs) or stateless real-valued activations (the ANN
 * guide's tanh). Immutable and validated.
 */
public final class NetworkArchitecture {
    private final int[] layerSizes;
    private final boolean spiking;

    /**
     * @param layerSizes input width, at least one hidden width, output width; every width ≥ 1
     * @param spiking    whether the hidden layers are LIF layers
     */
    public NetworkArchitecture(int[] layerSizes, boolean spiking) {
        if (layerSizes == null || layerSizes.length < 3) {
            throw new IllegalArgumentException("architecture: expected input, ≥ 1 hidden and output widths, found "
                    + (layerSizes == null ? "null" : Arrays.toString(layerSizes)));
        }
        for (int s : layerSizes) {
            if (s < 1) {
                throw new IllegalArgumentException("architecture: expected widths ≥ 1, found "
                        + Arrays.toString(layerSizes));
            }
        }
        this.layerSizes = layerSizes.clone();
        this.spiking = spiking;
    }

    /** A spiking network of these widths, e.g. {@code snn(18, 256, 128, 4)}. */
    public static NetworkArchitecture snn(int... layerSizes) {
        return new NetworkArchitecture(layerSizes, true);
    }

    /** A non-spiking MLP of these widths, e.g. {@code ann(146, 64, 64, 4)}. */
    public static NetworkArchitecture ann(int... layerSizes) {
        return new NetworkArchitecture(layerSizes, false);
    }

    /** The architecture of a loaded (float or fixed-point) spiking policy. */
    public static NetworkArchitecture of(LoadedPolicy policy) {
        return snn(policy.layerSizes());
    }

    public boolean spiking() {
        return spiking;
    }

    /** Number of affine layers (= number of widths − 1). */
    public int affineLayers() {
        return layerSizes.length - 1;
    }

    /** Width {@code k}: 0 the input, {@code affineLayers()} the output. */
    public int width(int k) {
        return layerSizes[k];
    }

    public int inputs() {
        return layerSizes[0];
    }

    public int outputs() {
        return layerSizes[layerSizes.length - 1];
    }

    public int hiddenLayers() {
        return layerSizes.length - 2;
    }

    /** Width of hidden layer {@code h} (0 = the one after the input). */
    public int hiddenWidth(int h) {
        return layerSizes[h + 1];
    }

    /** Neurons over all hidden layers. */
    public int hiddenNeurons() {
        int n = 0;
        for (int h = 0; h < hiddenLayers(); h++) {
            n += hiddenWidth(h);
        }
        return n;
    }

    /** Affine outputs over all layers (one bias each). */
    public int affineOutputs() {
        int n = 0;
        for (int k = 1; k < layerSizes.length; k++) {
            n += layerSizes[k];
        }
        return n;
    }

    /** Widths joined by dashes, e.g. {@code 18-256-128-4}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int s : layerSizes) {
            sb.append(sb.length() == 0 ? "" : "-").append(s);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkArchitecture a && a.spiking == spiking && Arrays.equals(a.layerSizes, layerSizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layerSizes) * 2 + (spiking ? 1 : 0);
    }

    @Override
    public String toString() {
        return (spiking ? "snn " : "ann ") + describe();
    }
}
