package io.spikepilot.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.training.nn.Network;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkPolicySpikeCountTest {
    private static Network actor(long seed) {
        Network net = Network.spikingActor(18, new int[] {48, 24}, 4);
        net.initialise(seed);
        return net;
    }

    private static void randomObservation(SplittableRandom random, float[] obs) {
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) (random.nextGaussian() * (i < 3 ? 0.5 : 1.0));
        }
    }

    @Test
    void reportsOneHiddenLayerPerLifLayer() {
        assertEquals(2, new NetworkPolicy(actor(1)).hiddenLayers());
        assertEquals(0, new NetworkPolicy(Network.mlp(18, new int[] {16, 8}, 4, true, true)).hiddenLayers());
    }

    @Test
    void spikeCountsEqualTheRuntimeSnnsStepByStep() {
        Network net = actor(2);
        Policy training = new NetworkPolicy(net);
        FloatSnn runtime = new FloatSnn(SnnExport.toSnnNetwork(net));
        SplittableRandom random = new SplittableRandom(9);
        float[] obs = new float[18];
        float[] action = new float[4];
        long[] total = new long[2];
        for (int episode = 0; episode < 2; episode++) {
            training.reset();
            runtime.reset();
            for (int t = 0; t < 150; t++) {
                randomObservation(random, obs);
                training.step(obs, 0, action, 0);
                runtime.step(obs, 0, action, 0);
                for (int k = 0; k < 2; k++) {
                    assertEquals(runtime.lastSpikeCount(k), training.lastSpikeCount(k),
                            "episode " + episode + " step " + t + " layer " + k);
                    total[k] += training.lastSpikeCount(k);
                }
            }
        }
        // only meaningful if both layers fire, and not all the time
        for (int k = 0; k < 2; k++) {
            assertTrue(total[k] > 300 && total[k] < 300L * (k == 0 ? 48 : 24), "layer " + k + ": " + total[k]);
        }
    }

    @Test
    void noSpikesBeforeTheFirstStepAndAfterAReset() {
        Policy policy = new NetworkPolicy(actor(3));
        assertEquals(0, policy.lastSpikeCount(0));
        float[] obs = new float[18];
        float[] action = new float[4];
        SplittableRandom random = new SplittableRandom(1);
        int spikes = 0;
        for (int t = 0; t < 20; t++) {
            randomObservation(random, obs);
            policy.step(obs, 0, action, 0);
            spikes += policy.lastSpikeCount(0);
        }
        assertTrue(spikes > 0, "the first layer should have fired in 20 steps");
        policy.reset();
        assertEquals(0, policy.lastSpikeCount(0));
        assertEquals(0, policy.lastSpikeCount(1));
    }

    @Test
    void readingSpikeCountsAllocatesNothing() {
        Policy policy = new NetworkPolicy(actor(4));
        float[] obs = new float[18];
        float[] action = new float[4];
        int[] sink = new int[1];
        assertEquals(0L, AllocationMeter.bytesAllocatedBy(() -> {
            policy.step(obs, 0, action, 0);
            sink[0] += policy.lastSpikeCount(0) + policy.lastSpikeCount(1);
        }, 20_000, 1000));
    }
}
