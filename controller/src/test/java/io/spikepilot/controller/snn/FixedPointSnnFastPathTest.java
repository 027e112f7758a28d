package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's int32 LIF path must give the bits of the 64-bit definition in every case: these tests drive it into
 * and out of its preconditions (membranes beyond ±2^28, saturating membranes, large accumulators, biases and
 * thresholds beyond 2^28, per-neuron shifts in both directions, β = 0 and β = 1) and compare every step with
 * {@link IntegerReference}.
 */
class FixedPointSnnFastPathTest {
    private static final int ONE_Q24 = 1 << FixedLifLayer.BETA_FRACTION_BITS;
    private static final int POW2_MULTIPLIER = 1 << Requantizer.MULTIPLIER_BITS;

    @Test
    void calibratedPaperNetworkRunsEveryUpdateOnTheFastPath() {
        SnnNetwork net = PaperInit.network(FixedPointSnnTest.PAPER, 5, ResetRule.SUBTRACT_DELAYED);
        FixedPointSnn snn = new FixedPointSnn(FixedPointSnnTest.calibrated(net, 5, 16));
        SmoothObservations obs = new SmoothObservations(6);
        float[] o = new float[18];
        float[] a = new float[4];
        for (int t = 0; t < 2000; t++) {
            obs.next(o);
            snn.step(o, 0, a, 0);
        }
        assertEquals(0, snn.exactUpdates(0));
        assertEquals(0, snn.exactUpdates(1));
    }

    @Test
    void membranesBeyondTheFastRangeTakeTheExactPathAndComeBack() {
        SnnNetwork net = PaperInit.network(FixedPointSnnTest.PAPER, 7, ResetRule.SUBTRACT_DELAYED);
        FixedPointNetwork q = FixedPointSnnTest.calibrated(net, 7, 16);
        FixedPointSnn snn = new FixedPointSnn(q);
        IntegerReference plain = new IntegerReference(q);
        FixedPointSnn.State state = snn.newState();
        // neuron 3 of layer 0 far beyond 2^28, neuron 4 at the int32 limit (the update saturates)
        state.membrane[0][3] = 1 << 30;
        state.membrane[0][4] = Integer.MAX_VALUE;
        state.membrane[1][0] = Integer.MIN_VALUE;
        snn.restore(state);
        plain.setMembrane(0, 3, 1 << 30);
        plain.setMembrane(0, 4, Integer.MAX_VALUE);
        plain.setMembrane(1, 0, Integer.MIN_VALUE);
        SmoothObservations obs = new SmoothObservations(8);
        float[] o = new float[18];
        float[] a = new float[4];
        float[] b = new float[4];
        obs.next(o);
        snn.step(o, 0, a, 0);
        plain.step(o, b);
        assertArrayEquals(b, a);
        assertSameState(plain, snn, q, 0);
        assertEquals(1, snn.exactUpdates(0));
        assertEquals(1, snn.exactUpdates(1));
        for (int t = 1; t < 200; t++) {
            obs.next(o);
            snn.step(o, 0, a, 0);
            plain.step(o, b);
            assertArrayEquals(b, a, "step " + t);
            assertSameState(plain, snn, q, t);
        }
        // β < 1 decays the injected membranes back into range: the fast path takes over again
        assertTrue(snn.exactUpdates(0) < 100, "exact updates of layer 0: " + snn.exactUpdates(0));
        assertTrue(snn.exactUpdates(1) < 100, "exact updates of layer 1: " + snn.exactUpdates(1));
    }

    @Test
    void randomNetworksAndStatesMatchTheReferenceBitForBit() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            ResetRule rule = seed % 2 == 0 ? ResetRule.SUBTRACT_DELAYED : ResetRule.ZERO_IMMEDIATE;
            FixedPointNetwork q = randomNetwork(r, rule);
            FixedPointSnn snn = new FixedPointSnn(q);
            IntegerReference plain = new IntegerReference(q);
            int[] sizes = q.layerSizes();
            float[] o = new float[sizes[0]];
            float[] a = new float[sizes[sizes.length - 1]];
            float[] b = new float[a.length];
            float scale = q.inputScales()[0];
            for (int t = 0; t < 300; t++) {
                if (t % 60 == 30) {
                    FixedPointSnn.State state = snn.newState();
                    for (int k = 0; k < q.hiddenLayers(); k++) {
                        for (int j = 0; j < sizes[k + 1]; j++) {
                            int v = injectedMembrane(r);
                            state.membrane[k][j] = v;
                            plain.setMembrane(k, j, v);
                        }
                    }
                    snn.restore(state);
                }
                for (int i = 0; i < o.length; i++) {
                    int kind = r.nextInt(20);
                    // mostly codes of up to 2^22, some exact zeros (skipped inputs), some saturating
                    o[i] = kind == 0 ? 0.0f : kind == 1 ? scale * 3e7f * (r.nextBoolean() ? 1 : -1)
                            : (float) (r.nextGaussian() * scale * (1 << r.nextInt(23)));
                }
                snn.step(o, 0, a, 0);
                plain.step(o, b);
                assertArrayEquals(b, a, "seed " + seed + " step " + t);
                assertSameState(plain, snn, q, t);
            }
        }
    }

    /**
     * The scalar kernel's wide spiking layer is updated by the change of its inputs' spikes in most steps and summed
     * afresh in the others; both, and the sum they carry across reset() and restore(), give the reference's bits.
     */
    @Test
    void spikingLayerUpdatedByTheChangeMatchesTheReferenceThroughResetAndRestore() {
        for (ResetRule rule : ResetRule.values()) {
            FixedPointNetwork q = FixedPointSnnTest.calibrated(
                    PaperInit.network(FixedPointSnnTest.PAPER, 23, rule), 23, 16);
            FixedPointSnn snn = new FixedPointSnn(q, StepKernel.SCALAR);
            IntegerReference plain = new IntegerReference(q);
            SplittableRandom r = new SplittableRandom(24);
            SmoothObservations obs = new SmoothObservations(25);
            int[] sizes = q.layerSizes();
            float[] o = new float[18];
            float[] a = new float[4];
            float[] b = new float[4];
            int steps = 3000;
            for (int t = 0; t < steps; t++) {
                if (t % 500 == 250) {
                    FixedPointSnn.State state = snn.newState();
                    for (int k = 0; k < q.hiddenLayers(); k++) {
                        for (int j = 0; j < sizes[k + 1]; j++) {
                            int v = r.nextInt(-(1 << 24), 1 << 24);
                            state.membrane[k][j] = v;
                            plain.setMembrane(k, j, v);
                        }
                    }
                    snn.restore(state);
                } else if (t % 700 == 350) {
                    snn.reset();
                    for (int k = 0; k < q.hiddenLayers(); k++) {
                        for (int j = 0; j < sizes[k + 1]; j++) {
                            plain.setMembrane(k, j, 0);
                        }
                    }
                }
                obs.next(o);
                snn.step(o, 0, a, 0);
                plain.step(o, b);
                assertArrayEquals(b, a, rule + " step " + t);
                assertSameState(plain, snn, q, t);
            }
            long delta = snn.deltaUpdates(1);
            assertTrue(delta > steps / 2 && delta < steps, rule + ": " + delta + " of " + steps
                    + " steps updated by the change");
            assertEquals(0, snn.deltaUpdates(2), "the 4-wide action layer is always summed afresh");
        }
    }

    @Test
    void decayOfEveryBetaEdgeMatchesThe64BitProduct() {
        int[] betas = {0, 1, 4095, 4096, 4097, ONE_Q24 / 2, ONE_Q24 - 4097, ONE_Q24 - 1, ONE_Q24};
        int[] membranes = {0, 1, -1, 4095, -4096, 4096, 123456789, -123456789, (1 << 28) - 1, -(1 << 28)};
        for (int beta : betas) {
            FixedPointNetwork q = FixedPointSnnGoldenTest.single(beta, 1 << 28, 0, ResetRule.SUBTRACT_DELAYED);
            FixedPointSnn snn = new FixedPointSnn(q);
            for (int u : membranes) {
                FixedPointSnn.State state = snn.newState();
                state.membrane[0][0] = u;
                snn.restore(state);
                snn.step(new float[] {0.0f}, 0, new float[1], 0);
                long expected = ((long) beta * u + (1L << 23)) >> 24;
                assertEquals(expected, snn.membrane(0, 0), "beta " + beta + " membrane " + u);
            }
            assertEquals(0, snn.exactUpdates(0), "beta " + beta);
        }
    }

    private static void assertSameState(IntegerReference plain, FixedPointSnn snn, FixedPointNetwork q, int t) {
        int[] sizes = q.layerSizes();
        for (int k = 0; k < q.hiddenLayers(); k++) {
            int count = 0;
            for (int j = 0; j < sizes[k + 1]; j++) {
                assertEquals(plain.membrane(k, j), snn.membrane(k, j), "step " + t + " layer " + k + " neuron " + j);
                if (plain.spiked(k, j)) {
                    assertEquals(j, snn.lastSpikeIndex(k, count), "step " + t + " layer " + k + " spike " + count);
                    count++;
                }
            }
            assertEquals(count, snn.lastSpikeCount(k), "step " + t + " layer " + k);
        }
    }

    static int injectedMembrane(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0:
                return r.nextInt();
            case 1:
                return r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(16) : Integer.MIN_VALUE + r.nextInt(16);
            case 2:
                return (r.nextBoolean() ? 1 : -1) * ((1 << 28) - 2 + r.nextInt(4));
            default:
                return r.nextInt(-(1 << 24), 1 << 24);
        }
    }

    /**
     * Random widths, 16-bit weights, hidden layers with per-neuron power-of-two ratios in both directions (left
     * shifts up to 6, right shifts up to 12) or, in one network in five, a general multiplier; biases and thresholds
     * mostly small, sometimes beyond 2^28; β anywhere in [0, 1] including both ends.
     */
    static FixedPointNetwork randomNetwork(SplittableRandom r, ResetRule rule) {
        int[] sizes = {2 + r.nextInt(20), 8 + r.nextInt(60), 4 + r.nextInt(40), 1 + r.nextInt(5)};
        List<FixedDenseLayer> dense = new ArrayList<>();
        List<FixedLifLayer> lif = new ArrayList<>();
        boolean hugeParameters = r.nextInt(5) == 0;
        for (int k = 0; k < 3; k++) {
            int n = sizes[k];
            int m = sizes[k + 1];
            boolean hidden = k < 2;
            int[] w = new int[n * m];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(-32767, 32768);
            }
            int[] mult = new int[m];
            int[] shift = new int[m];
            int[] bias = new int[m];
            float[] wScale = new float[m];
            boolean general = !hidden || r.nextInt(5) == 0;
            for (int j = 0; j < m; j++) {
                mult[j] = general ? r.nextInt(POW2_MULTIPLIER, 2 * POW2_MULTIPLIER) : POW2_MULTIPLIER;
                shift[j] = hidden ? Requantizer.MULTIPLIER_BITS + r.nextInt(-6, 13) : 30 + r.nextInt(12);
                bias[j] = hugeParameters && r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(-(1 << 20), 1 << 20);
                wScale[j] = 1e-3f;
            }
            dense.add(new FixedDenseLayer(n, m, 16, w, mult, shift, bias, wScale));
            if (hidden) {
                int[] beta = new int[m];
                int[] theta = new int[m];
                float[] unit = new float[m];
                for (int j = 0; j < m; j++) {
                    int kind = r.nextInt(10);
                    beta[j] = kind == 0 ? 0 : kind == 1 ? ONE_Q24 : r.nextInt(ONE_Q24 + 1);
                    theta[j] = hugeParameters && r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(-(1 << 10), 1 << 24);
                    unit[j] = 1e-6f;
                }
                lif.add(new FixedLifLayer(beta, theta, unit));
            }
        }
        float[] inputScale = new float[sizes[0]];
        java.util.Arrays.fill(inputScale, 1e-6f);
        return new FixedPointNetwork(inputScale, FixedPointNetwork.MAX_INPUT_CODE, dense, lif, rule);
    }
}
