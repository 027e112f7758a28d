package io.spikepilot.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultInjectingPolicyTest {
    /** A two-layer "network" whose counters and outputs are easy to recognise. */
    private static final class Recognisable implements Policy {
        int resets;

        @Override
        public int observationSize() {
            return 18;
        }

        @Override
        public int actionSize() {
            return 4;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
            for (int i = 0; i < 4; i++) {
                action[actionOffset + i] = 0.25f * (i + 1);
            }
        }

        @Override
        public long saturationEvents() {
            return 7;
        }

        @Override
        public int hiddenLayers() {
            return 2;
        }

        @Override
        public int lastSpikeCount(int layer) {
            return layer == 0 ? 31 : 12;
        }
    }

    private final Recognisable inner = new Recognisable();
    private final FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
    private final FaultInjectingPolicy policy = new FaultInjectingPolicy(inner, fault);
    private final float[] action = new float[5];

    @Test
    void withTheSwitchOffItIsTheWrappedPolicyInEveryRespect() {
        policy.step(new float[18], 0, action, 1);
        assertEquals(0.25f, action[1]);
        assertEquals(1.0f, action[4]);
        assertFalse(policy.lastStepFaultInjected());
        assertEquals(18, policy.observationSize());
        assertEquals(4, policy.actionSize());
        assertEquals(7, policy.saturationEvents());
        assertEquals(2, policy.hiddenLayers());
        assertEquals(31, policy.lastSpikeCount(0));
        assertEquals(12, policy.lastSpikeCount(1));
        policy.reset();
        assertEquals(1, inner.resets);
    }

    @Test
    void withTheSwitchOnTheThrustOutputIsNanAndTheStepSaysSo() {
        fault.set(true);
        policy.step(new float[18], 0, action, 1);
        assertTrue(Float.isNaN(action[1]));
        assertEquals(0.5f, action[2]);
        assertTrue(policy.lastStepFaultInjected());
        fault.set(false);
        policy.step(new float[18], 0, action, 1);
        assertFalse(policy.lastStepFaultInjected());
        assertEquals(1, policy.corruptedSteps());
    }

    @Test
    void aMissingPolicyOrSwitchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FaultInjectingPolicy(null, fault));
        assertThrows(IllegalArgumentException.class, () -> new FaultInjectingPolicy(inner, null));
    }
}
