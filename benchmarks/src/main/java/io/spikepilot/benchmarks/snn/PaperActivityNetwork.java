package io.spikepilot.benchmarks.snn;

import io.spikepilot.controller.snn.DenseLayer;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.LifLayer;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's 18-256-128-4 network (paper initialisation, seeded) with thresholds scaled by one common factor, found
 * by bisection, so that a given fraction of hidden (neuron, step) pairs is silent on the benchmark's observation
 * sequence: the paper reports ~79 % silent neurons for its trained controller.
 */
final class PaperActivityNetwork {
    static final int[] SIZES = {18, 256, 128, 4};

    private PaperActivityNetwork() {
    }

    /** Smooth seeded observations shaped like the paper's 18 inputs, {@code steps × 18}. */
    static float[] observations(long seed, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[steps * 18];
        double[] pos = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
        double[] vel = new double[3];
        double[] rate = new double[3];
        double roll = 0;
        double pitch = 0;
        double yaw = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 3; i++) {
                rate[i] = 0.95 * rate[i] + r.nextDouble(-0.6, 0.6);
                vel[i] = 0.97 * vel[i] + r.nextDouble(-0.15, 0.15);
                pos[i] = 0.995 * pos[i] + 0.01 * vel[i];
            }
            roll = 0.98 * roll + 0.01 * rate[0];
            pitch = 0.98 * pitch + 0.01 * rate[1];
            yaw += 0.01 * rate[2];
            double cr = Math.cos(roll), sr = Math.sin(roll), cp = Math.cos(pitch), sp = Math.sin(pitch);
            double cy = Math.cos(yaw), sy = Math.sin(yaw);
            double[] m = {cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr, sy * cp, sy * sp * sr + cy * cr,
                sy * sp * cr - cy * sr, -sp, cp * sr, cp * cr};
            int o = t * 18;
            for (int i = 0; i < 3; i++) {
                out[o + i] = (float) pos[i];
                out[o + 12 + i] = (float) vel[i];
                out[o + 15 + i] = (float) rate[i];
            }
            for (int i = 0; i < 9; i++) {
                out[o + 3 + i] = (float) m[i];
            }
        }
        return out;
    }

    /** Fraction of hidden (neuron, step) pairs without a spike when {@code net} runs over {@code obs}. */
    static double silentFraction(SnnNetwork net, float[] obs) {
        FloatSnn snn = new FloatSnn(net);
        float[] a = new float[4];
        long spikes = 0;
        int steps = obs.length / 18;
        for (int t = 0; t < steps; t++) {
            snn.step(obs, t * 18, a, 0);
            spikes += snn.lastSpikeCount(0) + snn.lastSpikeCount(1);
        }
        return 1.0 - spikes / (double) (steps * (SIZES[1] + SIZES[2]));
    }

    /** The seeded network with thresholds scaled so that {@code silent} of the hidden activity is silent. */
    static SnnNetwork withSilentFraction(long seed, double silent, float[] obs) {
        SnnNetwork base = PaperInit.network(SIZES, seed, ResetRule.SUBTRACT_DELAYED);
        double lo = 0.01;
        double hi = 4.0;
        SnnNetwork best = base;
        for (int i = 0; i < 30; i++) {
            double mid = Math.sqrt(lo * hi);
            best = scaled(base, mid);
            if (silentFraction(best, obs) < silent) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return best;
    }

    private static SnnNetwork scaled(SnnNetwork base, double factor) {
        List<LifLayer> lif = new ArrayList<>();
        for (LifLayer l : base.lif()) {
            float[] th = l.thresholds();
            for (int i = 0; i < th.length; i++) {
                th[i] = (float) (th[i] * factor);
            }
            lif.add(new LifLayer(l.betas(), th));
        }
        List<DenseLayer> dense = base.dense();
        return new SnnNetwork(dense, lif, base.resetRule());
    }
}
