package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed integer traces of a 1-1-1 fixed-point network: input code = x·2^20, input weight 2^14 with weight step
 * 2^-14 (so one input is worth x), membrane unit 2^-10, readout weight 1 with ratio 2^16 (one spike = tanh argument 1).
 */
class FixedPointSnnGoldenTest {
    static FixedPointNetwork single(int betaQ24, int threshold, int bias0, ResetRule rule) {
        FixedDenseLayer in = new FixedDenseLayer(1, 1, 16, new int[] {1 << 14},
                new int[] {Requantizer.multiplier(0x1p-12)}, new int[] {Requantizer.shift(0x1p-12)},
                new int[] {bias0}, new float[] {0x1p-14f});
        FixedDenseLayer out = new FixedDenseLayer(1, 1, 16, new int[] {1},
                new int[] {Requantizer.multiplier(0x1p16)}, new int[] {Requantizer.shift(0x1p16)},
                new int[] {0}, new float[] {1f});
        FixedLifLayer lif = new FixedLifLayer(new int[] {betaQ24}, new int[] {threshold}, new float[] {0x1p-10f});
        return new FixedPointNetwork(new float[] {0x1p-20f}, FixedPointNetwork.MAX_INPUT_CODE, List.of(in, out),
                List.of(lif), rule);
    }

    private static int[] trace(FixedPointSnn snn, float x, int steps, boolean[] spiked) {
        int[] u = new int[steps];
        float[] act = new float[1];
        for (int t = 0; t < steps; t++) {
            snn.step(new float[] {x}, 0, act, 0);
            u[t] = snn.membrane(0, 0);
            spiked[t] = snn.lastSpikeCount(0) == 1;
        }
        return u;
    }

    @Test
    void subtractResetIsAppliedOneStepAfterTheSpike() {
        boolean[] s = new boolean[6];
        int[] u = trace(new FixedPointSnn(single(1 << 23, 1024, 0, ResetRule.SUBTRACT_DELAYED)), 0.75f, 6, s);
        // the float golden trace × 1024: 0.75, 1.125, 0.3125, 0.90625, 1.203125, 0.3515625
        assertEquals(List.of(768, 1152, 320, 928, 1232, 360), boxed(u));
        assertEquals(List.of(false, true, false, false, true, false), FloatSnnGoldenTest.boxed(s));
    }

    @Test
    void zeroResetClearsTheMembraneInTheSpikingStep() {
        boolean[] s = new boolean[4];
        int[] u = trace(new FixedPointSnn(single(1 << 23, 1024, 0, ResetRule.ZERO_IMMEDIATE)), 0.75f, 4, s);
        assertEquals(List.of(768, 0, 768, 0), boxed(u));
        assertEquals(List.of(false, true, false, true), FloatSnnGoldenTest.boxed(s));
    }

    @Test
    void membraneExactlyAtThresholdDoesNotFire() {
        boolean[] s = new boolean[3];
        int[] u = trace(new FixedPointSnn(single(0, 1024, 0, ResetRule.SUBTRACT_DELAYED)), 1.0f, 3, s);
        assertEquals(List.of(1024, 1024, 1024), boxed(u));
        assertEquals(List.of(false, false, false), FloatSnnGoldenTest.boxed(s));
    }

    @Test
    void oneUnitAboveThresholdFires() {
        boolean[] s = new boolean[2];
        int[] u = trace(new FixedPointSnn(single(0, 1023, 0, ResetRule.SUBTRACT_DELAYED)), 1.0f, 2, s);
        assertEquals(List.of(1024, 1), boxed(u));
        assertEquals(List.of(true, false), FloatSnnGoldenTest.boxed(s));
    }

    @Test
    void decayRoundsHalfTowardPlusInfinity() {
        FixedPointSnn snn = new FixedPointSnn(single(1 << 23, 1 << 20, 0, ResetRule.SUBTRACT_DELAYED));
        FixedPointSnn.State st = snn.newState();
        float[] act = new float[1];
        st.membrane[0][0] = 3;
        snn.restore(st);
        snn.step(new float[] {0f}, 0, act, 0);
        assertEquals(2, snn.membrane(0, 0));
        st.membrane[0][0] = -3;
        snn.restore(st);
        snn.step(new float[] {0f}, 0, act, 0);
        assertEquals(-1, snn.membrane(0, 0));
    }

    @Test
    void betaOneKeepsTheMembraneExactly() {
        boolean[] s = new boolean[3];
        int[] u = trace(new FixedPointSnn(single(1 << 24, 1 << 20, 0, ResetRule.SUBTRACT_DELAYED)), 0.25f, 3, s);
        assertEquals(List.of(256, 512, 768), boxed(u));
    }

    @Test
    void membraneOverflowSaturatesAndIsCounted() {
        FixedPointSnn snn = new FixedPointSnn(single(1 << 24, 1024, 1 << 30, ResetRule.SUBTRACT_DELAYED));
        boolean[] s = new boolean[2];
        int[] u = trace(snn, 0.75f, 2, s);
        // step 1: 2^30 + 768; step 2: 2^30 + 768 + 2^30 + 768 − 1024 = 2^31 + 512 → clamped to 2^31 − 1
        assertEquals(List.of((1 << 30) + 768, Integer.MAX_VALUE), boxed(u));
        assertEquals(1, snn.saturationEvents());
    }

    @Test
    void inputBeyondTheCodeRangeSaturatesAndIsCounted() {
        FixedPointSnn snn = new FixedPointSnn(single(0, 1 << 30, 0, ResetRule.SUBTRACT_DELAYED));
        float[] act = new float[1];
        snn.step(new float[] {100f}, 0, act, 0);
        assertEquals(FixedPointNetwork.MAX_INPUT_CODE, snn.inputCode(0));
        assertEquals(1, snn.saturationEvents());
    }

    @Test
    void nanInputBecomesCodeZero() {
        FixedPointSnn snn = new FixedPointSnn(single(0, 1 << 30, 0, ResetRule.SUBTRACT_DELAYED));
        float[] act = new float[1];
        snn.step(new float[] {Float.NaN}, 0, act, 0);
        assertEquals(0, snn.inputCode(0));
        assertEquals(0, snn.membrane(0, 0));
    }

    @Test
    void oneSpikeDrivesTheOutputToTanhOfOne() {
        FixedPointSnn snn = new FixedPointSnn(single(1 << 23, 1024, 0, ResetRule.SUBTRACT_DELAYED));
        float[] act = new float[1];
        snn.step(new float[] {0.75f}, 0, act, 0);
        assertEquals(0.0f, act[0]);
        snn.step(new float[] {0.75f}, 0, act, 0);
        assertEquals(65536, snn.outputArgumentQ16(0));
        assertEquals(Math.tanh(1.0), act[0], TanhTable.MAX_ERROR);
    }

    static List<Integer> boxed(int[] v) {
        Integer[] b = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return List.of(b);
    }
}
