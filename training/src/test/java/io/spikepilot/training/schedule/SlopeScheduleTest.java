package io.spikepilot.training.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlopeScheduleTest {
    @Test
    void fixedSlopeNeverMoves() {
        SlopeSchedule s = new FixedSlope(50f);
        s.startEpoch(999);
        s.evaluated(400);
        assertEquals(50f, s.slope());
    }

    @Test
    void intervalClimbsAStaircaseFromOneToHundredAndEndsOnTheTopStep() {
        SlopeSchedule s = new IntervalSlope(1f, 100f, 4, 100);
        float[] expected = {1f, 1f, 25.75f, 50.5f, 75.25f, 100f, 100f};
        int[] epochs = {0, 19, 20, 40, 60, 80, 99};
        for (int i = 0; i < epochs.length; i++) {
            s.startEpoch(epochs[i]);
            assertEquals(expected[i], s.slope(), 1e-5f, "epoch " + epochs[i]);
        }
    }

    @Test
    void adaptiveStartsAtK0UntilTheFirstEvaluation() {
        assertEquals(2f, AdaptiveSlope.paperDefault().slope());
    }

    @Test
    void normalisedAdaptiveAveragesLevelAndImprovement() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.NORMALISED, 2f, 400);
        s.evaluated(100); // r̂ = 0.25, Δ = 0 → k = 100·0.5·0.25 = 12.5
        assertEquals(12.5f, s.slope(), 1e-4f);
        s.evaluated(200); // r̂ = 0.5, Δ = 0.25; means 0.375 and 0.125 → k = 100·(0.1875 + 0.0625) = 25
        assertEquals(25f, s.slope(), 1e-4f);
    }

    @Test
    void normalisedAdaptiveForgetsEvaluationsOlderThanTen() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.NORMALISED, 2f, 400);
        s.evaluated(400);
        for (int i = 0; i < 10; i++) {
            s.evaluated(200);
        }
        // the window still holds the drop 400 → 200 (Δ = −0.5): k = 100·(0.5·0.5 − 0.5·0.05) = 22.5
        assertEquals(22.5f, s.slope(), 1e-4f);
        s.evaluated(200);
        // now ten evaluations of r̂ = 0.5 with Δ = 0 → k = 25
        assertEquals(25f, s.slope(), 1e-4f);
    }

    @Test
    void literalAdaptiveSaturatesAtHundredForRawReturnsNearTwoHundred() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.LITERAL, 2f, 400);
        s.evaluated(150);
        assertEquals(75f, s.slope(), 1e-4f);
        s.evaluated(250); // means 200 and 50 → 125 → clamped
        assertEquals(100f, s.slope());
    }

    @Test
    void adaptiveClampsNegativeReturnsToSlopeOne() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.LITERAL, 2f, 400);
        s.evaluated(-150);
        assertEquals(1f, s.slope());
    }

    @Test
    void cubicMapsTheLatestNormalisedReturn() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.CUBIC, 2f, 400);
        s.evaluated(200); // 2 + 100·0.125
        assertEquals(14.5f, s.slope(), 1e-4f);
    }

    @Test
    void firstOrderHoldsTheSlopeWhileImprovingFastAndRaisesItOtherwise() {
        AdaptiveSlope s = new AdaptiveSlope(AdaptiveMapping.FIRST_ORDER, 2f, 400);
        s.evaluated(0); // d = 0 → k = 2
        assertEquals(2f, s.slope(), 1e-6f);
        s.evaluated(40); // Δ = 0.1, mean Δ = 0.05, d = tanh(0.05) → k = 2 + 100·0.04996
        assertEquals(2f + 100f * (float) Math.tanh(0.05), s.slope(), 1e-4f);
        s.evaluated(400); // Δ = 0.9, mean 1/3, tanh > 0.3 → hold
        assertEquals(2f + 100f * (float) Math.tanh(0.05), s.slope(), 1e-4f);
    }

    @Test
    void parsesEveryKindAndNamesTheBadPart() {
        assertEquals("fixed(2.0)", SlopeSchedules.parse("fixed:2", 10).describe());
        assertEquals("interval(1.0→100.0, 10 steps over 300 epochs)", SlopeSchedules.parse("interval", 300).describe());
        assertEquals("adaptive(cubic, k0=2.0, reference return=400.0)",
                SlopeSchedules.parse("adaptive:cubic", 10).describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlopeSchedules.parse("steep:3", 10));
        assertEquals("slope schedule 'steep:3': unknown kind 'steep', expected fixed, interval or adaptive",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SlopeSchedules.parse("fixed:abc", 10));
        assertThrows(IllegalArgumentException.class, () -> SlopeSchedules.parse("adaptive:quartic", 10));
    }
}
