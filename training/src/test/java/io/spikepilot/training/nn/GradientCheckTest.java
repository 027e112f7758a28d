package io.spikepilot.training.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikepilot.training.bptt.SequenceRegression;
import io.spikepilot.training.bptt.SequenceSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
    @Test
    void linearMatchesFiniteDifferences() {
        Network net = new Network(List.of(new Linear(5, 3)));
        net.initialise(1);
        FiniteDifferences.check(net, FiniteDifferences.randomSet(2, 4, 1, 5, 3, 1.0), 0, 1e-2f, 1e-4, 1e-3);
    }

    @Test
    void tanhMlpMatchesFiniteDifferences() {
        Network net = Network.mlp(4, new int[] {6, 5}, 3, false, true);
        net.initialise(3);
        FiniteDifferences.check(net, FiniteDifferences.randomSet(4, 5, 1, 4, 3, 1.5), 0, 1e-2f, 2e-4, 2e-3);
    }

    @Test
    void reluMlpMatchesFiniteDifferences() {
        Network net = Network.mlp(4, new int[] {7, 6}, 2, true, false);
        net.initialise(5);
        FiniteDifferences.check(net, FiniteDifferences.randomSet(6, 5, 1, 4, 2, 1.5), 0, 1e-3f, 2e-4, 2e-3);
    }

    @Test
    void lifSurrogateBackwardMatchesFiniteDifferencesOfTheSmoothForward() {
        Network net = Network.spikingActor(3, new int[] {5, 4}, 2);
        net.initialise(7);
        net.setSpikeForward(SpikeForward.FAST_SIGMOID);
        net.setSlope(2f);
        FiniteDifferences.check(net, FiniteDifferences.randomSet(8, 3, 8, 3, 2, 1.0), 3, 1e-3f, 5e-4, 1e-2);
    }

    @Test
    void lifGradientThroughSteepSlopeMatchesFiniteDifferences() {
        Network net = Network.spikingActor(3, new int[] {4}, 2);
        net.initialise(11);
        net.setSpikeForward(SpikeForward.FAST_SIGMOID);
        net.setSlope(10f);
        FiniteDifferences.check(net, FiniteDifferences.randomSet(12, 2, 6, 3, 2, 1.0), 2, 2e-4f, 5e-4, 2e-2);
    }

    @Test
    void betaOutsideTheUnitIntervalGetsNoGradient() {
        Network net = Network.spikingActor(2, new int[] {3}, 1);
        net.initialise(13);
        Lif lif = net.lifLayers().get(0);
        net.parameters()[lif.betaIndex(0)] = 1.3f;
        net.parameters()[lif.betaIndex(1)] = -0.2f;
        net.parametersChanged();
        SequenceSet set = FiniteDifferences.randomSet(14, 2, 5, 2, 1, 2.0);
        float[] grads = new float[net.parameterCount()];
        try (SequenceRegression r = new SequenceRegression(net, 5, 1, 2, 1, 1)) {
            r.lossAndGradient(set, FiniteDifferences.all(2), 2, grads);
        }
        assertEquals(0f, grads[lif.betaIndex(0)]);
        assertEquals(0f, grads[lif.betaIndex(1)]);
    }

    @Test
    void mismatchedLayerSizesAreRejectedWithBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Network(List.of(new Linear(3, 4), new Lif(5))));
        assertEquals("layer 1 (Lif) expects 5 inputs but layer 0 gives 4", e.getMessage());
    }
}
