package io.spikepilot.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Lif;
import io.spikepilot.training.nn.Network;
import org.junit.jupiter.api.Test;

/** The slope study's actor: reset at every call, passes summed, tanh once; checked against hand arithmetic. */
class FrameStackedSnnActorTest {
    /** 1 input → 1 LIF neuron → 1 output, 3 passes: W₁ 0.6, β 0.5, θ 1, readout W₂ 2, b₂ 0.1. */
    private static FrameStackedSnnActor tiny() {
        FrameStackedSnnActor a = new FrameStackedSnnActor(1, new int[] {1}, 1, 3);
        Network n = a.network();
        float[] p = n.parameters();
        java.util.Arrays.fill(p, 0f);
        Layer in = n.layers().get(0);
        Lif lif = (Lif) n.layers().get(1);
        Layer out = n.layers().get(2);
        p[in.parameterOffset()] = 0.6f;
        p[lif.betaIndex(0)] = 0.5f;
        p[lif.thresholdIndex(0)] = 1f;
        p[out.parameterOffset()] = 2f;
        p[out.parameterOffset() + 1] = 0.1f;
        n.parametersChanged();
        return a;
    }

    @Test
    void threePassesFromZeroMembranesSumTheReadoutThenSquash() {
        // membrane 0.6, 0.9, 1.05: one spike, on the third pass; readouts 0.1, 0.1, 2.1 → a = tanh(2.3)
        FrameStackedSnnActor a = tiny();
        float[] action = new float[1];
        a.guide().act(0, new float[] {1f}, 0, action, 0);
        assertEquals(Math.tanh(2.3), action[0], 1e-6);
        // nothing carries over: the same input gives the same action, however often it is asked
        float[] again = new float[1];
        a.guide().act(0, new float[] {1f}, 0, again, 0);
        assertEquals(action[0], again[0]);
        // input 0.5: membranes 0.3, 0.45, 0.525, no spike → tanh(0.3)
        a.guide().act(0, new float[] {0.5f}, 0, again, 0);
        assertEquals(Math.tanh(0.3), again[0], 1e-6);
    }

    @Test
    void aBatchIsEveryRowOnItsOwnAndTheReadoutGradientIsExact() {
        FrameStackedSnnActor a = tiny();
        float[] batch = new float[2];
        a.forward(new float[] {1f, 0.5f}, 2, batch);
        assertEquals(Math.tanh(2.3), batch[0], 1e-6);
        assertEquals(Math.tanh(0.3), batch[1], 1e-6);
        float[] grads = new float[a.network().parameterCount()];
        a.backward(new float[] {1f, 0f}, 2, grads);
        int out = a.network().layers().get(2).parameterOffset();
        double d = 1 - Math.tanh(2.3) * Math.tanh(2.3);
        // ∂a/∂b₂ = (1 − a²)·passes; ∂a/∂W₂ = (1 − a²)·Σₜ sₜ = (1 − a²)·1
        assertEquals(3 * d, grads[out + 1], 1e-6);
        assertEquals(d, grads[out], 1e-6);
    }

    @Test
    void aCopyHasTheSameParametersAndItsOwnBuffers() {
        FrameStackedSnnActor a = tiny();
        TransitionActor b = a.copy();
        assertArrayEquals(a.network().parameters(), b.network().parameters());
        float[] x = new float[1];
        float[] y = new float[1];
        a.forward(new float[] {1f}, 1, x);
        b.forward(new float[] {1f}, 1, y);
        assertEquals(x[0], y[0]);
        assertEquals(3, ((FrameStackedSnnActor) b).passes());
    }

    @Test
    void passesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameStackedSnnActor(146, new int[] {256, 128}, 4, 0));
        assertEquals("frame-stacked SNN: field 'passes': expected ≥ 1, found 0", e.getMessage());
    }
}
