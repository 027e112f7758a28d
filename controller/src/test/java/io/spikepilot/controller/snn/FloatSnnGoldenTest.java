package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed traces of a 1-1-1 network (identity input weight, identity readout) under snnTorch {@code Leaky}
 * semantics. All values are exact binary fractions, so float32 reproduces them exactly.
 */
class FloatSnnGoldenTest {
    /** 1 input → 1 LIF neuron → 1 output, all weights 1 and biases 0. */
    static SnnNetwork single(float beta, float threshold, ResetRule rule) {
        return new SnnNetwork(
                List.of(new DenseLayer(1, 1, new float[] {1f}, new float[] {0f}),
                        new DenseLayer(1, 1, new float[] {1f}, new float[] {0f})),
                List.of(new LifLayer(new float[] {beta}, new float[] {threshold})), rule);
    }

    private static float[] membraneTrace(SnnNetwork net, float input, int steps, boolean[] spikes) {
        FloatSnn snn = new FloatSnn(net);
        float[] trace = new float[steps];
        float[] obs = {input};
        float[] act = new float[1];
        for (int t = 0; t < steps; t++) {
            snn.step(obs, 0, act, 0);
            trace[t] = snn.membrane(0, 0);
            spikes[t] = snn.spiked(0, 0);
        }
        return trace;
    }

    @Test
    void subtractResetIsAppliedOneStepAfterTheSpike() {
        boolean[] spikes = new boolean[6];
        float[] u = membraneTrace(single(0.5f, 1.0f, ResetRule.SUBTRACT_DELAYED), 0.75f, 6, spikes);
        // t1: 0.75; t2: 0.375+0.75 = 1.125 > 1 fires; t3: 0.5625+0.75−1 = 0.3125 (an immediate reset would give
        // 0.5·(1.125−1)+0.75 = 0.8125); t4: 0.90625; t5: 1.203125 fires; t6: 0.6015625+0.75−1 = 0.3515625
        assertEquals(List.of(0.75f, 1.125f, 0.3125f, 0.90625f, 1.203125f, 0.3515625f), boxed(u));
        assertEquals(List.of(false, true, false, false, true, false), boxed(spikes));
    }

    @Test
    void zeroResetClearsTheMembraneInTheSpikingStep() {
        boolean[] spikes = new boolean[4];
        float[] u = membraneTrace(single(0.5f, 1.0f, ResetRule.ZERO_IMMEDIATE), 0.75f, 4, spikes);
        assertEquals(List.of(0.75f, 0.0f, 0.75f, 0.0f), boxed(u));
        assertEquals(List.of(false, true, false, true), boxed(spikes));
    }

    @Test
    void membraneExactlyAtThresholdDoesNotFire() {
        boolean[] spikes = new boolean[3];
        float[] u = membraneTrace(single(0.0f, 1.0f, ResetRule.SUBTRACT_DELAYED), 1.0f, 3, spikes);
        // β = 0: U = I = 1 every step, never > 1, and no reset is ever subtracted
        assertEquals(List.of(1.0f, 1.0f, 1.0f), boxed(u));
        assertEquals(List.of(false, false, false), boxed(spikes));
    }

    @Test
    void membraneOneUlpAboveThresholdFires() {
        boolean[] spikes = new boolean[2];
        float above = Math.nextUp(1.0f);
        float[] u = membraneTrace(single(0.0f, 1.0f, ResetRule.SUBTRACT_DELAYED), above, 2, spikes);
        assertEquals(List.of(above, above - 1.0f), boxed(u));
        assertEquals(List.of(true, false), boxed(spikes));
    }

    @Test
    void betaAboveOneIsClampedToOne() {
        boolean[] spikes = new boolean[3];
        float[] u = membraneTrace(single(1.5f, 10.0f, ResetRule.SUBTRACT_DELAYED), 0.25f, 3, spikes);
        // β 1.5 acts as 1: 0.25, 0.5, 0.75 (unclamped would give 0.25, 0.625, 1.1875)
        assertEquals(List.of(0.25f, 0.5f, 0.75f), boxed(u));
    }

    @Test
    void betaBelowZeroIsClampedToZero() {
        boolean[] spikes = new boolean[3];
        float[] u = membraneTrace(single(-0.5f, 10.0f, ResetRule.SUBTRACT_DELAYED), 0.25f, 3, spikes);
        assertEquals(List.of(0.25f, 0.25f, 0.25f), boxed(u));
    }

    @Test
    void outputIsTanhOfTheReadoutOfThisStepsSpikes() {
        FloatSnn snn = new FloatSnn(single(0.5f, 1.0f, ResetRule.SUBTRACT_DELAYED));
        float[] act = new float[1];
        snn.step(new float[] {0.75f}, 0, act, 0);
        assertEquals(0.0f, act[0]);
        snn.step(new float[] {0.75f}, 0, act, 0);
        assertEquals((float) Math.tanh(1.0), act[0]);
    }

    @Test
    void negativeThresholdSubtractsFromTheFirstStepAsSnnTorchDoes() {
        boolean[] spikes = new boolean[2];
        // U0 = 0 > θ = −0.25, so the very first step already subtracts θ: 0 + 0.5 + 0.25 = 0.75
        float[] u = membraneTrace(single(0.5f, -0.25f, ResetRule.SUBTRACT_DELAYED), 0.5f, 2, spikes);
        assertEquals(List.of(0.75f, 1.125f), boxed(u));
    }

    static List<Float> boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return List.of(b);
    }

    static List<Boolean> boxed(boolean[] v) {
        Boolean[] b = new Boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return List.of(b);
    }
}
