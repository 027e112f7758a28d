package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.testing.AllocationMeter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatSnnTest {
    static final int[] PAPER = {18, 256, 128, 4};

    static float[] randomObservation(SplittableRandom r) {
        float[] o = new float[18];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) r.nextDouble(-1.5, 1.5);
        }
        return o;
    }

    @Test
    void paperNetworkHasTheLayerSizes18_256_128_4() {
        SnnNetwork net = PaperInit.network(PAPER, 1, ResetRule.SUBTRACT_DELAYED);
        assertArrayEquals(PAPER, net.layerSizes());
        assertEquals(2, net.hiddenLayers());
    }

    @Test
    void deeperNetworksStepAndKeepActionsInsideMinusOneOne() {
        FloatSnn snn = new FloatSnn(PaperInit.network(new int[] {5, 16, 12, 8, 3}, 2, ResetRule.SUBTRACT_DELAYED));
        SplittableRandom r = new SplittableRandom(3);
        float[] act = new float[3];
        long spikes = 0;
        for (int t = 0; t < 200; t++) {
            float[] obs = new float[5];
            for (int i = 0; i < 5; i++) {
                obs[i] = (float) r.nextDouble(-2, 2);
            }
            snn.step(obs, 0, act, 0);
            for (float a : act) {
                assertTrue(a >= -1f && a <= 1f);
            }
        }
        for (int k = 0; k < 3; k++) {
            spikes += snn.totalSpikes(k);
        }
        assertEquals(3, snn.hiddenLayers());
        assertTrue(spikes > 0, "a random network driven for 200 steps spikes somewhere");
    }

    @Test
    void restoringASnapshotReplaysTheSameActions() {
        FloatSnn snn = new FloatSnn(PaperInit.network(PAPER, 4, ResetRule.SUBTRACT_DELAYED));
        SplittableRandom r = new SplittableRandom(5);
        float[][] obs = new float[70][];
        for (int t = 0; t < obs.length; t++) {
            obs[t] = randomObservation(r);
        }
        float[] act = new float[4];
        for (int t = 0; t < 50; t++) {
            snn.step(obs[t], 0, act, 0);
        }
        FloatSnn.State saved = snn.newState();
        snn.snapshot(saved);
        float[] first = new float[80];
        for (int t = 50; t < 70; t++) {
            snn.step(obs[t], 0, first, (t - 50) * 4);
        }
        snn.restore(saved);
        float[] second = new float[80];
        for (int t = 50; t < 70; t++) {
            snn.step(obs[t], 0, second, (t - 50) * 4);
        }
        assertArrayEquals(first, second);
    }

    @Test
    void resetReturnsToTheInitialTrajectory() {
        FloatSnn snn = new FloatSnn(PaperInit.network(PAPER, 6, ResetRule.SUBTRACT_DELAYED));
        float[] obs = randomObservation(new SplittableRandom(7));
        float[] a1 = new float[4];
        float[] a2 = new float[4];
        snn.step(obs, 0, a1, 0);
        for (int t = 0; t < 30; t++) {
            snn.step(obs, 0, a2, 0);
        }
        snn.reset();
        snn.step(obs, 0, a2, 0);
        assertArrayEquals(a1, a2);
    }

    @Test
    void spikeCountsPerLayerMatchTheSpikeFlags() {
        FloatSnn snn = new FloatSnn(PaperInit.network(PAPER, 8, ResetRule.SUBTRACT_DELAYED));
        float[] act = new float[4];
        SplittableRandom r = new SplittableRandom(9);
        for (int t = 0; t < 10; t++) {
            snn.step(randomObservation(r), 0, act, 0);
        }
        for (int k = 0; k < 2; k++) {
            int n = 0;
            for (int i = 0; i < PAPER[k + 1]; i++) {
                n += snn.spiked(k, i) ? 1 : 0;
            }
            assertEquals(n, snn.lastSpikeCount(k));
        }
    }

    @Test
    void observationAndActionOffsetsAreHonoured() {
        SnnNetwork net = PaperInit.network(PAPER, 10, ResetRule.SUBTRACT_DELAYED);
        float[] obs = randomObservation(new SplittableRandom(11));
        float[] padded = new float[25];
        System.arraycopy(obs, 0, padded, 7, 18);
        float[] a = new float[4];
        float[] b = new float[9];
        new FloatSnn(net).step(obs, 0, a, 0);
        new FloatSnn(net).step(padded, 7, b, 5);
        assertArrayEquals(a, java.util.Arrays.copyOfRange(b, 5, 9));
    }

    @Test
    void networkRejectsMismatchedLayerChain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SnnNetwork(
                List.of(new DenseLayer(2, 3, new float[6], new float[3]), new DenseLayer(4, 1, new float[4], new float[1])),
                List.of(new LifLayer(new float[3], new float[3])), ResetRule.SUBTRACT_DELAYED));
        assertEquals("network: layer 1 expected 3 inputs (outputs of layer 0), found 4", e.getMessage());
    }

    @Test
    void denseLayerRejectsNanWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseLayer(1, 2, new float[] {0f, Float.NaN}, new float[2]));
        assertEquals("dense layer: field 'weight' expected finite values, found NaN at index 1", e.getMessage());
    }

    @Test
    void stepAllocatesNothingOver100000Steps() {
        FloatSnn snn = new FloatSnn(PaperInit.network(PAPER, 12, ResetRule.SUBTRACT_DELAYED));
        float[] obs = randomObservation(new SplittableRandom(13));
        float[] act = new float[4];
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            obs[0] = -obs[0];
            snn.step(obs, 0, act, 0);
        }, 20_000, 100_000);
        assertEquals(0, bytes);
    }
}
