package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.FixedDenseLayer;
import io.spikepilot.controller.snn.FixedPointNetwork;

/**
 * A cost reference, not a runtime: the straightforward row-major gather an integer SNN step starts as (every output
 * sums over every input, spikes as 0/1 ints, 64-bit input-layer sums), with a plain leaky update. It uses the same
 * integer weights as the engine but none of its rescaling, so its outputs mean nothing; it exists so BENCHMARKS.md can
 * state how this machine compares with the "≈ 6.5 µs naive gather" of the issue.
 */
final class NaiveGatherBaseline implements Policy {
    private final int[][] weight;
    private final int[] inputs;
    private final int[] outputs;
    private final int[][] state;
    private final int[][] activity;
    private final int[] code;

    NaiveGatherBaseline(FixedPointNetwork net) {
        int layers = net.dense().size();
        weight = new int[layers][];
        inputs = new int[layers];
        outputs = new int[layers];
        state = new int[layers][];
        activity = new int[layers][];
        for (int k = 0; k < layers; k++) {
            FixedDenseLayer d = net.dense().get(k);
            weight[k] = d.weights();
            inputs[k] = d.inputs();
            outputs[k] = d.outputs();
            state[k] = new int[d.outputs()];
            activity[k] = new int[d.outputs()];
        }
        code = new int[inputs[0]];
    }

    @Override
    public int observationSize() {
        return inputs[0];
    }

    @Override
    public int actionSize() {
        return outputs[outputs.length - 1];
    }

    @Override
    public void reset() {
        for (int[] s : state) {
            java.util.Arrays.fill(s, 0);
        }
    }

    @Override
    public void step(float[] observation, int offset, float[] action, int actionOffset) {
        for (int i = 0; i < code.length; i++) {
            code[i] = (int) (observation[offset + i] * 1048576f);
        }
        for (int k = 0; k < weight.length; k++) {
            int[] w = weight[k];
            int n = inputs[k];
            int[] in = k == 0 ? code : activity[k - 1];
            int[] u = state[k];
            int[] s = activity[k];
            for (int j = 0; j < outputs[k]; j++) {
                long acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += (long) w[j * n + i] * in[i];
                }
                int v = (int) (acc >> 12) + (u[j] >> 1);
                s[j] = v > 1_000_000 ? 1 : 0;
                u[j] = v;
            }
        }
        int last = weight.length - 1;
        for (int j = 0; j < outputs[last]; j++) {
            action[actionOffset + j] = state[last][j];
        }
    }
}
