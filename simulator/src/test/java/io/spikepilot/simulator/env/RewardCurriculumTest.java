package io.spikepilot.simulator.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RewardCurriculumTest {
    @Test
    void levelZeroHasTheTableS3StartValues() {
        RewardCurriculum c = new RewardCurriculum();
        assertEquals(1.0, c.positionWeight());
        assertEquals(0.01, c.velocityWeight());
        assertEquals(0.14, c.actionWeight());
        assertEquals(0.25, c.orientationWeight());
        assertEquals(1.0, c.survivalBonus());
    }

    @Test
    void levelSixHasTheTableS3EndValues() {
        RewardCurriculum c = new RewardCurriculum();
        c.setLevel(6);
        assertEquals(3.5, c.positionWeight(), 1e-15);
        assertEquals(0.10, c.velocityWeight(), 1e-15);
        assertEquals(0.50, c.actionWeight(), 1e-15);
        assertEquals(0.25, c.orientationWeight(), 1e-15);
        assertEquals(1.0, c.survivalBonus(), 1e-15);
    }

    @Test
    void levelThreeIsHalfway() {
        RewardCurriculum c = new RewardCurriculum();
        c.setLevel(3);
        assertEquals(2.25, c.positionWeight(), 1e-15);
        assertEquals(0.055, c.velocityWeight(), 1e-15);
        assertEquals(0.32, c.actionWeight(), 1e-15);
    }

    @Test
    void rewardCombinesTheTerms() {
        RewardCurriculum c = new RewardCurriculum();
        // 1 − 1.0·0.04 − 0.01·1 − 0.25·0.1 − 0.14·0.5 = 0.855
        assertEquals(0.855, c.reward(0.04, 1.0, 0.1, 0.5), 1e-12);
        c.setLevel(6);
        // 1 − 3.5·0.04 − 0.1·1 − 0.25·0.1 − 0.5·0.5 = 0.485
        assertEquals(0.485, c.reward(0.04, 1.0, 0.1, 0.5), 1e-12);
    }

    @Test
    void perfectHoverEarnsTheSurvivalBonus() {
        RewardCurriculum c = new RewardCurriculum();
        assertEquals(1.0, c.reward(0, 0, 0, 0));
    }

    @Test
    void levelOutsideRangeIsRejected() {
        RewardCurriculum c = new RewardCurriculum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.setLevel(7));
        assertEquals("reward curriculum: field 'level': expected 0..6, found 7", e.getMessage());
    }
}
