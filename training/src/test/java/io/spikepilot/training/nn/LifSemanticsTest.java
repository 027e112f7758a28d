package io.spikepilot.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed single-neuron sequences: reset by subtraction, delayed and detached, strict threshold. */
class LifSemanticsTest {
    private static final float BETA = 0.5f;
    private static final float THETA = 1.0f;

    private final Lif lif = new Lif(1);
    private final Network net = new Network(List.of(lif));
    private final int stride = net.rowStride();

    LifSemanticsTest() {
        net.parameters()[lif.betaIndex(0)] = BETA;
        net.parameters()[lif.thresholdIndex(0)] = THETA;
        net.parametersChanged();
        net.setSlope(1f);
    }

    private float[] run(float... currents) {
        float[] tape = new float[currents.length * stride];
        for (int t = 0; t < currents.length; t++) {
            tape[t * stride] = currents[t];
            net.forward(tape, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        return tape;
    }

    private float membrane(float[] tape, int t) {
        return tape[t * stride + lif.cacheOffset];
    }

    private float spike(float[] tape, int t) {
        return tape[t * stride + lif.outOffset];
    }

    @Test
    void membraneFollowsDelayedSubtractiveReset() {
        float[] tape = run(0.8f, 0.9f, 0.3f, 0.0f);
        // U0 = 0.8; U1 = 0.4 + 0.9 = 1.3 (spike); U2 = 0.65 + 0.3 − 1 = −0.05 (reset from U1); U3 = −0.025.
        assertArrayEquals(new float[] {0.8f, 1.3f, -0.05f, -0.025f},
                new float[] {membrane(tape, 0), membrane(tape, 1), membrane(tape, 2), membrane(tape, 3)}, 1e-6f);
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f},
                new float[] {spike(tape, 0), spike(tape, 1), spike(tape, 2), spike(tape, 3)});
    }

    @Test
    void membraneExactlyAtThresholdDoesNotSpikeNorReset() {
        float[] tape = run(1.0f, 0.0f);
        assertEquals(0f, spike(tape, 0));
        // no reset at step 1 because U0 = θ is not above θ
        assertEquals(0.5f, membrane(tape, 1));
    }

    @Test
    void backwardCarriesMembraneGradientThroughBetaAndThetaThroughTheResetTerm() {
        float[] tape = run(0.8f, 0.9f, 0.3f, 0.0f);
        float[] dtape = new float[tape.length];
        float[] grads = new float[net.parameterCount()];
        dtape[3 * stride + lif.outOffset] = 1f;
        for (int t = 3; t >= 0; t--) {
            net.backward(grads, tape, dtape, t * stride, t == 0 ? -1 : (t - 1) * stride);
        }
        double sg3 = 1.0 / Math.pow(1 + 1.025, 2);
        // dI_t = β^(3−t)·sg3
        assertArrayEquals(new float[] {(float) (0.125 * sg3), (float) (0.25 * sg3), (float) (0.5 * sg3), (float) sg3},
                new float[] {dtape[0], dtape[stride], dtape[2 * stride], dtape[3 * stride]}, 1e-6f);
        // dθ = −sg3 (spike) − R2·dU2 = −sg3 − 0.5·sg3: the reset flag is detached, the θ it multiplies is not
        assertEquals(-1.5 * sg3, grads[lif.thresholdIndex(0)], 1e-6);
        // dβ = Σ dU_t·U_{t−1} = sg3·(−0.05) + 0.5·sg3·1.3 + 0.25·sg3·0.8
        assertEquals(0.8 * sg3, grads[lif.betaIndex(0)], 1e-6);
    }

    @Test
    void surrogatePeaksAtOneOnTheThresholdWithWidthOneOverK() {
        float[] tape = run(1.0f);
        for (float k : new float[] {1f, 10f, 25f, 50f, 100f}) {
            net.setSlope(k);
            float[] dtape = new float[tape.length];
            float[] grads = new float[net.parameterCount()];
            dtape[lif.outOffset] = 1f;
            net.backward(grads, tape, dtape, 0, -1);
            assertEquals(1f, dtape[0], 0f);
        }
        float[] off = run(1.0f + 1f / 50f);
        net.setSlope(50f);
        float[] dtape = new float[off.length];
        dtape[lif.outOffset] = 1f;
        net.backward(new float[net.parameterCount()], off, dtape, 0, -1);
        assertEquals(0.25f, dtape[0], 1e-5f);
    }
}
