package io.spikepilot.controller.snn;

/**
 * A deliberately plain row-major integer implementation of the fixed-point semantics documented on
 * {@link FixedPointSnn}, used to check the optimised event-driven, column-major engine bit for bit.
 */
final class IntegerReference {
    private final FixedPointNetwork net;
    private final int[][] membrane;
    private final boolean[][] spikes;

    IntegerReference(FixedPointNetwork net) {
        this.net = net;
        membrane = new int[net.hiddenLayers()][];
        spikes = new boolean[net.hiddenLayers()][];
        for (int k = 0; k < membrane.length; k++) {
            membrane[k] = new int[net.lif().get(k).size()];
            spikes[k] = new boolean[membrane[k].length];
        }
    }

    void step(float[] obs, float[] action) {
        float[] scale = net.inputScales();
        long[] in = new long[obs.length];
        for (int i = 0; i < obs.length; i++) {
            long q = Math.round(obs[i] * (1.0f / scale[i]));
            in[i] = Math.max(-net.inputMaxCode(), Math.min(net.inputMaxCode(), q));
        }
        for (int k = 0; k < net.dense().size(); k++) {
            FixedDenseLayer d = net.dense().get(k);
            int[] w = d.weights();
            long[] sum = new long[d.outputs()];
            for (int j = 0; j < d.outputs(); j++) {
                long s = 0;
                for (int i = 0; i < d.inputs(); i++) {
                    long x = k == 0 ? in[i] : (spikes[k - 1][i] ? 1 : 0);
                    s += w[j * d.inputs() + i] * x;
                }
                // input layer: the sum in units of 4096 codes, rounded half toward +inf
                sum[j] = k == 0 ? Math.floorDiv(s + 2048, 4096) : s;
            }
            for (int j = 0; j < d.outputs(); j++) {
                long value = Requantizer.apply(sum[j], d.multipliers()[j], d.shifts()[j]) + d.biases()[j];
                if (k == net.hiddenLayers()) {
                    action[j] = TanhTable.tanhQ16(value);
                    continue;
                }
                FixedLifLayer l = net.lif().get(k);
                int u = membrane[k][j];
                int th = l.thresholds()[j];
                long v = ((long) l.betasQ24()[j] * u + (1L << 23) >> 24) + value;
                if (net.resetRule() == ResetRule.SUBTRACT_DELAYED && u > th) {
                    v -= th;
                }
                int next = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
                spikes[k][j] = next > th;
                if (spikes[k][j] && net.resetRule() == ResetRule.ZERO_IMMEDIATE) {
                    next = 0;
                }
                membrane[k][j] = next;
            }
        }
    }

    int membrane(int k, int i) {
        return membrane[k][i];
    }

    void setMembrane(int k, int i, int value) {
        membrane[k][i] = value;
    }

    boolean spiked(int k, int i) {
        return spikes[k][i];
    }
}
