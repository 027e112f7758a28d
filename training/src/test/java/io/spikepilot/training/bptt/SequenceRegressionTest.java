package io.spikepilot.training.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceRegressionTest {
    private static SequenceSet randomSet(long seed, int count, int length, int inputs, int outputs) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * length * inputs];
        float[] y = new float[count * length * outputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * random.nextGaussian());
        }
        return new SequenceSet(length, inputs, outputs, x, y);
    }

    private static int[] indices(int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = n - 1 - i;
        }
        return b;
    }

    @Test
    void gradientIsBitIdenticalForOneAndTwoWorkers() {
        Network net = Network.spikingActor(6, new int[] {16, 8}, 2);
        net.initialise(21);
        SequenceSet set = randomSet(22, 9, 20, 6, 2);
        float[] one = new float[net.parameterCount()];
        float[] two = new float[net.parameterCount()];
        double lossOne;
        double lossTwo;
        try (SequenceRegression r = new SequenceRegression(net, 20, 10, 9, 2, 1)) {
            lossOne = r.lossAndGradient(set, indices(9), 9, one);
        }
        try (SequenceRegression r = new SequenceRegression(net, 20, 10, 9, 2, 2)) {
            lossTwo = r.lossAndGradient(set, indices(9), 9, two);
        }
        assertArrayEquals(one, two);
        assertEquals(lossOne, lossTwo, 0.0);
    }

    @Test
    void warmupStepsDoNotEnterTheLoss() {
        Network net = Network.spikingActor(3, new int[] {8}, 1);
        net.initialise(23);
        SequenceSet set = randomSet(24, 2, 10, 3, 1);
        float[] g = new float[net.parameterCount()];
        double before;
        try (SequenceRegression r = new SequenceRegression(net, 10, 5, 2, 1, 1)) {
            before = r.lossAndGradient(set, indices(2), 2, g);
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 5; t++) {
                    set.targets()[s * 10 + t] = 1000f;
                }
            }
            assertEquals(before, r.lossAndGradient(set, indices(2), 2, g), 0.0);
        }
    }

    @Test
    void computingAGradientAllocatesNothingAfterWarmUp() {
        Network net = Network.spikingActor(6, new int[] {16, 8}, 2);
        net.initialise(25);
        SequenceSet set = randomSet(26, 4, 12, 6, 2);
        float[] g = new float[net.parameterCount()];
        Adam adam = new Adam(net.parameterCount(), 1e-3f);
        int[] batch = indices(4);
        try (SequenceRegression r = new SequenceRegression(net, 12, 6, 4, 2, 1)) {
            // the Vector API kernels allocate a box per vector until C2 has compiled them: a long warm-up, and on a
            // loaded machine (C2's queue backed up) more of it, up to five rounds, until a measured round is clean
            Runnable step = () -> {
                r.lossAndGradient(set, batch, 4, g);
                adam.step(net.parameters(), g);
                net.parametersChanged();
            };
            long bytes = -1;
            for (int round = 0; round < 5 && bytes != 0; round++) {
                bytes = AllocationMeter.bytesAllocatedBy(step, 20_000, 50);
            }
            assertEquals(0L, bytes, "bytes allocated by 50 gradient steps after up to 100,000 of warm-up");
        }
    }

    @Test
    void adamOnBpttLowersTheLossOfASpikingNetwork() {
        Network net = Network.spikingActor(4, new int[] {32, 16}, 2);
        net.initialise(27);
        net.setSlope(2f);
        SequenceSet set = randomSet(28, 8, 30, 4, 2);
        for (int i = 0; i < set.targets().length; i++) {
            set.targets()[i] = i % 2 == 0 ? 0.3f : -0.2f;
        }
        float[] g = new float[net.parameterCount()];
        Adam adam = new Adam(net.parameterCount(), 1e-2f);
        double first;
        double last;
        try (SequenceRegression r = new SequenceRegression(net, 30, 15, 8, 4, 2)) {
            first = r.lossAndGradient(set, indices(8), 8, g);
            last = first;
            for (int step = 0; step < 60; step++) {
                last = r.lossAndGradient(set, indices(8), 8, g);
                adam.step(net.parameters(), g);
                net.parametersChanged();
            }
        }
        assertTrue(last < 0.1 * first, "loss went from " + first + " to " + last);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        Network net = Network.spikingActor(4, new int[] {8}, 2);
        try (SequenceRegression r = new SequenceRegression(net, 10, 5, 2, 1, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.lossAndGradient(randomSet(1, 2, 10, 3, 2), indices(2), 2, new float[net.parameterCount()]));
            assertEquals("sequence set shape (10, 3, 2) does not match the network (10, 4, 2)", e.getMessage());
        }
    }
}
