package io.spikepilot.training.nn;

import io.spikepilot.training.bptt.SequenceRegression;
import io.spikepilot.training.bptt.SequenceSet;
import java.util.SplittableRandom;

/** Central finite differences of the sequence MSE loss with respect to every parameter, for gradient checks. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    static SequenceSet randomSet(long seed, int count, int length, int inputs, int outputs, double inputScale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * length * inputs];
        float[] y = new float[count * length * outputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((2 * random.nextDouble() - 1) * inputScale);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (2 * random.nextDouble() - 1);
        }
        return new SequenceSet(length, inputs, outputs, x, y);
    }

    static int[] all(int count) {
        int[] b = new int[count];
        for (int i = 0; i < count; i++) {
            b[i] = i;
        }
        return b;
    }

    /** Asserts analytic ≈ numeric for every parameter: |a − n| ≤ absolute + relative·|n|. */
    static void check(Network network, SequenceSet set, int warmup, float epsilon, double absolute, double relative) {
        int[] batch = all(set.count());
        try (SequenceRegression regression =
                new SequenceRegression(network, set.length(), warmup, set.count(), 2, 1)) {
            float[] analytic = new float[network.parameterCount()];
            float[] scratch = new float[network.parameterCount()];
            regression.lossAndGradient(set, batch, batch.length, analytic);
            float[] params = network.parameters();
            for (int p = 0; p < params.length; p++) {
                float original = params[p];
                params[p] = original + epsilon;
                network.parametersChanged();
                double plus = regression.lossAndGradient(set, batch, batch.length, scratch);
                params[p] = original - epsilon;
                network.parametersChanged();
                double minus = regression.lossAndGradient(set, batch, batch.length, scratch);
                params[p] = original;
                network.parametersChanged();
                double numeric = (plus - minus) / (2.0 * epsilon);
                double error = Math.abs(analytic[p] - numeric);
                if (error > absolute + relative * Math.abs(numeric)) {
                    throw new AssertionError("parameter " + p + ": analytic " + analytic[p] + " vs numeric " + numeric);
                }
            }
        }
    }
}
