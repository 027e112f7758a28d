package io.spikepilot.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GradientClippingTest {
    @Test
    void scalesALongGradientDownToTheMaximumNorm() {
        float[] g = {3f, 4f};
        assertEquals(5.0, GradientClipping.clip(g, 1.0), 1e-12);
        assertArrayEquals(new float[] {0.6f, 0.8f}, g, 1e-6f);
    }

    @Test
    void leavesAShortGradientUnchanged() {
        float[] g = {0.3f, 0.4f};
        GradientClipping.clip(g, 1.0);
        assertArrayEquals(new float[] {0.3f, 0.4f}, g);
    }
}
