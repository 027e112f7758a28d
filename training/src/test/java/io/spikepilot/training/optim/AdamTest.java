package io.spikepilot.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
        Adam adam = new Adam(2, 0.1f);
        float[] p = {1f, -2f};
        adam.step(p, new float[] {0.5f, -3f});
        assertEquals(0.9f, p[0], 1e-6f);
        assertEquals(-1.9f, p[1], 1e-6f);
    }

    @Test
    void secondStepFollowsTheBiasCorrectedMoments() {
        Adam adam = new Adam(1, 0.01f);
        float[] p = {0f};
        adam.step(p, new float[] {1f});
        adam.step(p, new float[] {-1f});
        // m = 0.9·0.1 − 0.1 = −0.01 → m̂ = −0.01/0.19; v = 0.999·0.001 + 0.001 = 0.001999 → v̂ = 0.001999/0.001999 = 1
        double expected = -0.01 - 0.01 * (-0.01 / 0.19) / (1.0 + 1e-8);
        assertEquals(expected, p[0], 1e-7);
    }

    @Test
    void rejectsNonPositiveLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(3, 0f));
        assertEquals("Adam: need lr > 0, β₁, β₂ in [0, 1), ε > 0; found lr=0.0 β₁=0.9 β₂=0.999 ε=1.0E-8",
                e.getMessage());
    }
}
