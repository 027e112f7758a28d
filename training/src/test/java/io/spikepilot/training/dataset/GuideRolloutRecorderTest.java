package io.spikepilot.training.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.rl.JsrlTask;
import org.junit.jupiter.api.Test;

class GuideRolloutRecorderTest {
    private static GuideRollouts record(long seed) {
        EnvConfig env = JsrlTask.CRAZYFLIE_MOTORS.environment();
        return GuideRolloutRecorder.record(env, "crazyflie-motors", Guides.pid(env, GuideGains.defaultFor(
                JsrlTask.CRAZYFLIE_MOTORS.actionSpace()), 3), 3, 4, seed, 0.1, 0, 100, "test");
    }

    @Test
    void theGuidesEpisodesAreRecordedWholeWithCleanLabelsBesideNoisyActionsAndRepeatForASeed() {
        GuideRollouts d = record(5);
        assertEquals(4, d.episodes());
        long steps = d.totalSteps();
        assertEquals((steps + 4) * 18, d.observations().length);
        assertEquals((steps + 4) * 146, d.privileged().length);
        assertEquals(steps * 4, d.actions().length);
        for (int s : d.steps()) {
            assertTrue(s > 100 && s <= 500, "kept episode of " + s + " steps");
        }
        double diff = 0;
        for (int i = 0; i < d.actions().length; i++) {
            diff += Math.abs(d.actions()[i] - d.guideActions()[i]);
        }
        assertTrue(diff / d.actions().length > 0.02, "the applied actions carry the noise");
        assertTrue(d.meanReturn() > 100, "the guide hovers: " + d.meanReturn());
        assertArrayEquals(d.actions(), record(5).actions());
    }
}
