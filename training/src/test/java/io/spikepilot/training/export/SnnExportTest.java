package io.spikepilot.training.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.testing.AllocationMeter;
import io.spikepilot.training.nn.Lif;
import io.spikepilot.training.nn.Network;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnnExportTest {
    private static Network trainedLooking(long seed) {
        Network net = Network.spikingActor(18, new int[] {64, 32}, 4);
        net.initialise(seed);
        // push some β outside [0, 1] and some thresholds up, as training does, to exercise the clamp in both runtimes
        Lif lif = net.lifLayers().get(0);
        net.parameters()[lif.betaIndex(0)] = 1.07f;
        net.parameters()[lif.betaIndex(1)] = -0.03f;
        net.parameters()[lif.thresholdIndex(2)] = 1.6f;
        net.parametersChanged();
        return net;
    }

    private static PolicyMetadata metadata() {
        return new PolicyMetadata(100, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE, "test scaling", "x500",
                new PolicyMetadata.Provenance("spikepilot train bc --test", 7, "unknown"), Map.of());
    }

    @Test
    void exportedPolicyReproducesTheTrainingForwardPassBitForBit() throws Exception {
        Network net = trainedLooking(3);
        byte[] file = PolicyFile.toBytes(SnnExport.toSnnNetwork(net), metadata());
        LoadedPolicy loaded = PolicyFile.read(file, "memory");
        Policy runtime = loaded.newPolicy();
        Policy training = new NetworkPolicy(net);
        SplittableRandom random = new SplittableRandom(4);
        float[] obs = new float[18];
        float[] a = new float[4];
        float[] b = new float[4];
        for (int episode = 0; episode < 3; episode++) {
            runtime.reset();
            training.reset();
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < 18; i++) {
                    obs[i] = (float) (random.nextGaussian() * (i < 3 ? 0.5 : 1.0));
                }
                runtime.step(obs, 0, a, 0);
                training.step(obs, 0, b, 0);
                for (int k = 0; k < 4; k++) {
                    assertEquals(Float.floatToRawIntBits(b[k]), Float.floatToRawIntBits(a[k]),
                            "episode " + episode + " step " + t + " action " + k + ": " + b[k] + " vs " + a[k]);
                }
            }
        }
        // the comparison is only meaningful if the network spikes: both layers fire on these inputs
        FloatSnn snn = (FloatSnn) runtime;
        assertTrue(snn.totalSpikes(0) > 1000 && snn.totalSpikes(1) > 1000,
                "spikes " + snn.totalSpikes(0) + ", " + snn.totalSpikes(1));
        assertArrayEquals(new int[] {18, 64, 32, 4}, loaded.layerSizes());
    }

    @Test
    void steppingTheTrainingPolicyAllocatesNothing() {
        Policy training = new NetworkPolicy(trainedLooking(5));
        float[] obs = new float[18];
        float[] a = new float[4];
        assertEquals(0L, AllocationMeter.bytesAllocatedBy(() -> training.step(obs, 0, a, 0), 20_000, 1000));
    }

    @Test
    void steppingMatchesTheSequencePass() {
        Network net = trainedLooking(6);
        Policy training = new NetworkPolicy(net);
        int stride = net.rowStride();
        float[] tape = new float[30 * stride];
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 30; t++) {
            for (int i = 0; i < 18; i++) {
                tape[t * stride + i] = (float) random.nextGaussian();
            }
        }
        float[] inputs = tape.clone();
        net.forwardSequence(tape, 30);
        float[] a = new float[4];
        for (int t = 0; t < 30; t++) {
            training.step(inputs, t * stride, a, 0);
            for (int k = 0; k < 4; k++) {
                assertEquals(tape[t * stride + net.outputOffset() + k], a[k], 0f);
            }
        }
        assertTrue(net.parameterCount() > 0);
    }

    @Test
    void networksThatAreNotSpikingActorsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnnExport.toSnnNetwork(Network.mlp(4, new int[] {8}, 2, true, true)));
        assertEquals("export: expected (Linear, LIF)+ then Linear, Tanh; found Linear, Relu, Linear, Tanh",
                e.getMessage());
    }
}
