package io.spikepilot.training.netstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikepilot.controller.snn.DenseLayer;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.LifLayer;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.controller.testing.AllocationMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeCountingPolicyTest {
    private static final NetworkArchitecture TINY = NetworkArchitecture.snn(2, 3, 2, 1);

    /**
     * 2-3-2-1 with β = 0 and reset to zero, so a neuron spikes exactly when this step's current exceeds θ:
     * layer 1 is a = x0, b = x1, c = x0 + x1 (θ 0.5); layer 2 is "a and b" (a + b, θ 1.5) and "c" (θ 0.5).
     */
    private static FloatSnn tiny() {
        DenseLayer in = new DenseLayer(2, 3, new float[] {1, 0, 0, 1, 1, 1}, new float[3]);
        DenseLayer hidden = new DenseLayer(3, 2, new float[] {1, 1, 0, 0, 0, 1}, new float[2]);
        DenseLayer out = new DenseLayer(2, 1, new float[] {1, 1}, new float[1]);
        LifLayer lif1 = new LifLayer(new float[3], new float[] {0.5f, 0.5f, 0.5f});
        LifLayer lif2 = new LifLayer(new float[2], new float[] {1.5f, 0.5f});
        return new FloatSnn(new SnnNetwork(List.of(in, hidden, out), List.of(lif1, lif2), ResetRule.ZERO_IMMEDIATE));
    }

    @Test
    void countsTheKnownSpikesOfAHandBuiltNetwork() {
        SpikeCountingPolicy p = SpikeCountingPolicy.of(tiny());
        float[] action = new float[1];
        // x      layer 1 (a b c)   layer 2 (ab c)   non-zero inputs
        // (0,0)  0 0 0             0 0              0
        // (1,0)  1 0 1             0 1              1
        // (1,1)  1 1 1             1 1              2
        // (0,1)  0 1 1             0 1              1
        // layer 1: 7 of 12 fire; layer 2: 4 of 8; inputs: 4 of 8 non-zero
        float[] xs = {0, 0, 1, 0, 1, 1, 0, 1};
        for (int t = 0; t < 4; t++) {
            p.step(xs, 2 * t, action, 0);
        }
        SpikeActivity a = p.activity();
        assertEquals(4, a.steps());
        assertEquals(7, a.spikes(0));
        assertEquals(4, a.spikes(1));
        assertEquals(5.0 / 12, a.layerSparsity(0), 1e-12);
        assertEquals(0.5, a.layerSparsity(1), 1e-12);
        assertEquals(1 - 11.0 / 20, a.activationSparsity(), 1e-12);
        // MACs: one non-zero input per step on average, times 3 neurons; ACs: 7/4 spikes·2 + 4/4 spikes·1 = 4.5
        assertEquals(3.0, SynapticOps.effectiveMacs(a), 1e-12);
        assertEquals(4.5, SynapticOps.effectiveAcs(a), 1e-12);
    }

    @Test
    void countsSurviveResetsSoEpisodesAddUp() {
        SpikeCountingPolicy p = SpikeCountingPolicy.of(tiny());
        float[] action = new float[1];
        float[] both = {1, 1};
        p.step(both, 0, action, 0);
        p.reset();
        p.step(both, 0, action, 0);
        assertEquals(2, p.activity().steps());
        assertEquals(6, p.activity().spikes(0));
        assertEquals(4, p.activity().spikes(1));
    }

    @Test
    void stepAllocatesNothing() {
        SpikeCountingPolicy p = SpikeCountingPolicy.of(tiny());
        float[] action = new float[1];
        float[] x = {1, 0};
        assertEquals(0, AllocationMeter.bytesAllocatedBy(() -> p.step(x, 0, action, 0), 20_000, 10_000));
    }

    @Test
    void theArchitectureComesFromTheRuntimeAndOtherPoliciesAreRefused() {
        assertEquals(TINY, SpikeCountingPolicy.of(tiny()).architecture());
        assertThrows(IllegalArgumentException.class, () -> SpikeCountingPolicy.of(new PositionOnlyPolicy()));
    }

    /** A policy that is not a spiking runtime: its widths cannot be known. */
    private static final class PositionOnlyPolicy implements io.spikepilot.controller.policy.Policy {
        @Override
        public int observationSize() {
            return 2;
        }

        @Override
        public int actionSize() {
            return 1;
        }

        @Override
        public void reset() {
        }

        @Override
        public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
            action[actionOffset] = 0;
        }
    }
}
