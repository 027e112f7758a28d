package io.spikepilot.controller.snn;

import java.util.List;

/**
 * A float32 spiking network {@code Linear → LIF → … → Linear → LIF → Linear → tanh}: {@code dense.size()} affine
 * layers, a LIF layer after every one but the last, and tanh on the output. Immutable and validated: the layer sizes
 * chain, the LIF layers match the affine outputs, every value is finite.
 */
public final class SnnNetwork {
    private final List<DenseLayer> dense;
    private final List<LifLayer> lif;
    private final ResetRule resetRule;

    /**
     * @param dense     affine layers in order, at least two (one hidden spiking layer)
     * @param lif       one LIF layer per affine layer except the last
     * @param resetRule reset rule of every LIF neuron
     */
    public SnnNetwork(List<DenseLayer> dense, List<LifLayer> lif, ResetRule resetRule) {
        if (dense == null || lif == null || resetRule == null) {
            throw new IllegalArgumentException("network: expected dense layers, LIF layers and a reset rule, found null");
        }
        if (dense.size() < 2) {
            throw new IllegalArgumentException("network: expected at least 2 affine layers (one hidden LIF layer), found "
                    + dense.size());
        }
        if (lif.size() != dense.size() - 1) {
            throw new IllegalArgumentException("network: expected " + (dense.size() - 1) + " LIF layers for "
                    + dense.size() + " affine layers, found " + lif.size());
        }
        for (int k = 1; k < dense.size(); k++) {
            if (dense.get(k).inputs() != dense.get(k - 1).outputs()) {
                throw new IllegalArgumentException(String.format(
                        "network: layer %d expected %d inputs (outputs of layer %d), found %d",
                        k, dense.get(k - 1).outputs(), k - 1, dense.get(k).inputs()));
            }
        }
        for (int k = 0; k < lif.size(); k++) {
            if (lif.get(k).size() != dense.get(k).outputs()) {
                throw new IllegalArgumentException(String.format(
                        "network: LIF layer %d expected %d neurons (outputs of affine layer %d), found %d",
                        k, dense.get(k).outputs(), k, lif.get(k).size()));
            }
        }
        this.dense = List.copyOf(dense);
        this.lif = List.copyOf(lif);
        this.resetRule = resetRule;
    }

    /** Affine layers, input side first. */
    public List<DenseLayer> dense() {
        return dense;
    }

    /** LIF layers; {@code lif().get(k)} follows {@code dense().get(k)}. */
    public List<LifLayer> lif() {
        return lif;
    }

    public ResetRule resetRule() {
        return resetRule;
    }

    public int inputSize() {
        return dense.get(0).inputs();
    }

    public int outputSize() {
        return dense.get(dense.size() - 1).outputs();
    }

    /** Number of hidden (spiking) layers. */
    public int hiddenLayers() {
        return lif.size();
    }

    /** Layer widths from input to output, e.g. {@code [18, 256, 128, 4]}. */
    public int[] layerSizes() {
        int[] sizes = new int[dense.size() + 1];
        sizes[0] = inputSize();
        for (int k = 0; k < dense.size(); k++) {
            sizes[k + 1] = dense.get(k).outputs();
        }
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnnNetwork n && n.dense.equals(dense) && n.lif.equals(lif) && n.resetRule == resetRule;
    }

    @Override
    public int hashCode() {
        return dense.hashCode() * 31 + lif.hashCode();
    }
}
