package io.spikepilot.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InitialisationTest {
    @Test
    void linearWeightsAndBiasesAreUniformWithinOneOverSqrtFanIn() {
        Network net = Network.spikingActor(16, new int[] {64}, 4);
        net.initialise(1);
        Linear first = (Linear) net.layers().get(0);
        float max = 0f;
        double sum = 0;
        for (int o = 0; o < 64; o++) {
            for (int i = 0; i < 16; i++) {
                float w = net.parameters()[first.weightIndex(o, i)];
                max = Math.max(max, Math.abs(w));
                sum += w;
            }
            max = Math.max(max, Math.abs(net.parameters()[first.biasIndex(o)]));
        }
        assertTrue(max <= 0.25f && max > 0.24f, "max |w| = " + max);
        assertEquals(0.0, sum / 1024, 0.02);
    }

    @Test
    void betaAndThresholdAreUniformOnTheUnitInterval() {
        Network net = Network.spikingActor(4, new int[] {500}, 1);
        net.initialise(2);
        Lif lif = net.lifLayers().get(0);
        double meanBeta = 0;
        double meanTheta = 0;
        for (int j = 0; j < 500; j++) {
            float b = net.parameters()[lif.betaIndex(j)];
            float t = net.parameters()[lif.thresholdIndex(j)];
            assertTrue(b >= 0f && b < 1f && t >= 0f && t < 1f);
            meanBeta += b / 500;
            meanTheta += t / 500;
        }
        assertEquals(0.5, meanBeta, 0.05);
        assertEquals(0.5, meanTheta, 0.05);
    }

    @Test
    void sameSeedGivesSameParametersAndAnotherSeedDiffers() {
        Network a = Network.spikingActor(18, new int[] {256, 128}, 4);
        Network b = Network.spikingActor(18, new int[] {256, 128}, 4);
        a.initialise(42);
        b.initialise(42);
        assertArrayEquals(a.parameters(), b.parameters());
        b.initialise(43);
        assertTrue(a.parameters()[0] != b.parameters()[0]);
        assertEquals(18 * 256 + 256 + 2 * 256 + 256 * 128 + 128 + 2 * 128 + 128 * 4 + 4, a.parameterCount());
    }
}
