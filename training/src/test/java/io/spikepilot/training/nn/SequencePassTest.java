package io.spikepilot.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked whole-sequence passes compute what stepping row by row computes. */
class SequencePassTest {
    private static final int STEPS = 21;

    private static float[] inputs(Network net, long seed) {
        int stride = net.rowStride();
        float[] tape = new float[STEPS * stride];
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < net.inputSize(); i++) {
                tape[t * stride + i] = (float) (2 * random.nextGaussian());
            }
        }
        return tape;
    }

    @Test
    void sequenceForwardIsBitIdenticalToSteppedForward() {
        Network net = Network.spikingActor(18, new int[] {40, 24}, 4);
        net.initialise(31);
        float[] stepped = inputs(net, 32);
        float[] sequence = stepped.clone();
        int stride = net.rowStride();
        for (int t = 0; t < STEPS; t++) {
            net.forward(stepped, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        net.forwardSequence(sequence, STEPS);
        assertArrayEquals(stepped, sequence);
    }

    @Test
    void sequenceBackwardMatchesSteppedBackward() {
        Network net = Network.spikingActor(18, new int[] {40, 24}, 4);
        net.initialise(33);
        float[] tape = inputs(net, 34);
        int stride = net.rowStride();
        net.forwardSequence(tape, STEPS);
        float[] dSeq = new float[tape.length];
        for (int t = 5; t < STEPS; t++) {
            for (int a = 0; a < 4; a++) {
                dSeq[t * stride + net.outputOffset() + a] = 0.1f * (a + 1) * (t % 3 - 1);
            }
        }
        float[] dStep = dSeq.clone();
        float[] gSeq = new float[net.parameterCount()];
        float[] gStep = new float[net.parameterCount()];
        net.backwardSequence(gSeq, tape, dSeq, STEPS);
        for (int t = STEPS - 1; t >= 0; t--) {
            net.backward(gStep, tape, dStep, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        for (int p = 0; p < gSeq.length; p++) {
            assertEquals(gStep[p], gSeq[p], 1e-5f + 1e-5f * Math.abs(gStep[p]), "parameter " + p);
        }
    }

    private static float[] scaledInputs(Network net, long seed, double scale) {
        float[] tape = inputs(net, seed);
        int stride = net.rowStride();
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < net.inputSize(); i++) {
                tape[t * stride + i] *= (float) scale;
            }
        }
        return tape;
    }

    private static double spikeDensity(Network net, float[] tape, int lif) {
        Layer layer = net.lifLayers().get(lif);
        int stride = net.rowStride();
        long spikes = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < layer.outputSize(); j++) {
                spikes += tape[t * stride + layer.outOffset + j] != 0f ? 1 : 0;
            }
        }
        return spikes / (double) (STEPS * layer.outputSize());
    }

    @Test
    void denseSpikeTrainsTakeTheDenseKernelAndStayBitIdentical() {
        // strong inputs make most neurons fire: the next layer sees spikes above the sparse threshold (30 %)
        Network net = Network.spikingActor(18, new int[] {40, 24}, 4);
        net.initialise(35);
        float[] stepped = scaledInputs(net, 36, 8.0);
        float[] sequence = stepped.clone();
        int stride = net.rowStride();
        for (int t = 0; t < STEPS; t++) {
            net.forward(stepped, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        net.forwardSequence(sequence, STEPS);
        assertTrue(spikeDensity(net, sequence, 0) > Kernels.SPARSE_DENSITY, "layer 1 density "
                + spikeDensity(net, sequence, 0));
        assertArrayEquals(stepped, sequence);
    }

    @Test
    void sparseSpikeTrainsTakeTheSparseKernelAndStayBitIdentical() {
        Network net = Network.spikingActor(18, new int[] {40, 24}, 4);
        net.initialise(37);
        float[] stepped = scaledInputs(net, 38, 0.5);
        float[] sequence = stepped.clone();
        int stride = net.rowStride();
        for (int t = 0; t < STEPS; t++) {
            net.forward(stepped, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        net.forwardSequence(sequence, STEPS);
        double density = spikeDensity(net, sequence, 0);
        assertTrue(density > 0 && density < Kernels.SPARSE_DENSITY, "layer 1 density " + density);
        assertArrayEquals(stepped, sequence);
    }

    @Test
    void mlpSequencePassesMatchSteppedPassesAtSizesThatLeaveTails() {
        // 37 and 11 are not multiples of 16 or 8, 21 rows not a multiple of 4 or 6: every tail path runs
        Network net = Network.mlp(13, new int[] {37, 11}, 1, true, false);
        net.initialise(39);
        float[] stepped = inputs(net, 40);
        float[] sequence = stepped.clone();
        int stride = net.rowStride();
        for (int t = 0; t < STEPS; t++) {
            net.forward(stepped, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        net.forwardSequence(sequence, STEPS);
        assertArrayEquals(stepped, sequence);
        float[] dSeq = new float[sequence.length];
        for (int t = 0; t < STEPS; t++) {
            dSeq[t * stride + net.outputOffset()] = 0.05f * (t % 5 - 2);
        }
        float[] dStep = dSeq.clone();
        float[] gSeq = new float[net.parameterCount()];
        float[] gStep = new float[net.parameterCount()];
        net.backwardSequence(gSeq, sequence, dSeq, STEPS);
        for (int t = STEPS - 1; t >= 0; t--) {
            net.backward(gStep, stepped, dStep, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        for (int p = 0; p < gSeq.length; p++) {
            assertEquals(gStep[p], gSeq[p], 1e-5f + 1e-5f * Math.abs(gStep[p]), "parameter " + p);
        }
    }
}
