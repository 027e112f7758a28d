package io.spikepilot.training.export;

import io.spikepilot.controller.snn.DenseLayer;
import io.spikepilot.controller.snn.LifLayer;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Lif;
import io.spikepilot.training.nn.Linear;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.nn.Tanh;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a spiking actor (Linear → LIF, repeated, then Linear → tanh) into the controller's {@link SnnNetwork}:
 * weights row-major {@code [out][in]} as in PyTorch and the policy file, β as trained (the runtime clamps it to
 * [0, 1] exactly as the training forward pass does), thresholds, snnTorch's delayed subtractive reset.
 */
public final class SnnExport {
    private SnnExport() {
    }

    public static SnnNetwork toSnnNetwork(Network network) {
        List<Layer> layers = network.layers();
        int n = layers.size();
        if (n < 4 || n % 2 != 0 || !(layers.get(n - 1) instanceof Tanh) || !(layers.get(n - 2) instanceof Linear)) {
            throw new IllegalArgumentException("export: expected (Linear, LIF)+ then Linear, Tanh; found " + shape(layers));
        }
        float[] p = network.parameters();
        List<DenseLayer> dense = new ArrayList<>();
        List<LifLayer> lif = new ArrayList<>();
        for (int l = 0; l < n - 2; l += 2) {
            if (!(layers.get(l) instanceof Linear) || !(layers.get(l + 1) instanceof Lif)) {
                throw new IllegalArgumentException("export: expected (Linear, LIF)+ then Linear, Tanh; found "
                        + shape(layers));
            }
            dense.add(dense((Linear) layers.get(l), p));
            Lif neuron = (Lif) layers.get(l + 1);
            float[] beta = new float[neuron.inputSize()];
            float[] theta = new float[neuron.inputSize()];
            for (int j = 0; j < beta.length; j++) {
                beta[j] = p[neuron.betaIndex(j)];
                theta[j] = p[neuron.thresholdIndex(j)];
            }
            lif.add(new LifLayer(beta, theta));
        }
        dense.add(dense((Linear) layers.get(n - 2), p));
        return new SnnNetwork(dense, lif, ResetRule.SUBTRACT_DELAYED);
    }

    private static DenseLayer dense(Linear linear, float[] p) {
        int in = linear.inputSize();
        int out = linear.outputSize();
        float[] w = new float[in * out];
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o * in + i] = p[linear.weightIndex(o, i)];
            }
            b[o] = p[linear.biasIndex(o)];
        }
        return new DenseLayer(in, out, w, b);
    }

    private static String shape(List<Layer> layers) {
        StringBuilder s = new StringBuilder();
        for (Layer layer : layers) {
            s.append(s.length() == 0 ? "" : ", ").append(layer.getClass().getSimpleName());
        }
        return s.toString();
    }
}
