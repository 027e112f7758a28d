package io.spikepilot.controller.snn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's initialisation (paper-spec §2.1): affine weights and biases ~ U(−1/√fan_in, 1/√fan_in) as PyTorch's
 * default, β ~ U(0, 1) and θ ~ U(0, 1) per neuron. Seeded, so a network is named by its sizes and seed.
 */
public final class PaperInit {
    private PaperInit() {
    }

    /**
     * A freshly initialised network.
     *
     * @param layerSizes widths from input to output, e.g. {@code {18, 256, 128, 4}}
     * @param seed       seed of the only random source
     */
    public static SnnNetwork network(int[] layerSizes, long seed, ResetRule resetRule) {
        if (layerSizes.length < 3) {
            throw new IllegalArgumentException("paper init: expected at least 3 layer sizes (input, hidden, output), "
                    + "found " + layerSizes.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> dense = new ArrayList<>();
        List<LifLayer> lif = new ArrayList<>();
        for (int k = 0; k + 1 < layerSizes.length; k++) {
            int in = layerSizes[k];
            int out = layerSizes[k + 1];
            double bound = 1.0 / Math.sqrt(in);
            float[] w = new float[in * out];
            float[] b = new float[out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextDouble(-bound, bound);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextDouble(-bound, bound);
            }
            dense.add(new DenseLayer(in, out, w, b));
            if (k + 2 < layerSizes.length) {
                float[] beta = new float[out];
                float[] theta = new float[out];
                for (int i = 0; i < out; i++) {
                    beta[i] = (float) random.nextDouble();
                    theta[i] = (float) random.nextDouble();
                }
                lif.add(new LifLayer(beta, theta));
            }
        }
        return new SnnNetwork(dense, lif, resetRule);
    }
}
