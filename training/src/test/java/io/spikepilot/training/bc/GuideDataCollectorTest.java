package io.spikepilot.training.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import org.junit.jupiter.api.Test;

class GuideDataCollectorTest {
    private final EnvConfig env = EnvConfig.attitude(Airframes.x500());

    private GuideDataset collect(long seed, double noise) {
        PidGuide guide = new PidGuide(4, GuideGains.STIFF.gains(), env.attitudeLimits(), 0.01);
        return GuideDataCollector.collect(env, guide, 4, 6, seed, noise, 100, 50, 100);
    }

    @Test
    void sameSeedCollectsTheSameWindows() {
        GuideDataset a = collect(3, 0.1);
        GuideDataset b = collect(3, 0.1);
        assertArrayEquals(a.windows().inputs(), b.windows().inputs());
        assertArrayEquals(a.windows().targets(), b.windows().targets());
        assertEquals(6, a.episodes());
    }

    @Test
    void storedTargetsAreTheCleanGuideActionsEvenWithCollectionNoise() {
        GuideDataset d = collect(4, 0.3);
        // window 0 starts at step 0 of the first kept episode: a fresh PID fed the same observations reproduces it
        PidPolicy pid = new PidPolicy(GuideGains.STIFF.gains(), env.attitudeLimits(), 0.01, 0.0);
        float[] action = new float[4];
        float[] obs = d.windows().inputs();
        for (int t = 0; t < 100; t++) {
            pid.step(obs, t * 18, action, 0);
            for (int k = 0; k < 4; k++) {
                assertEquals(d.windows().targets()[t * 4 + k], action[k], 0f, "step " + t + " action " + k);
            }
        }
    }

    @Test
    void episodesAreCutIntoStrideFiftyWindows() {
        GuideDataset d = collect(5, 0.0);
        // every kept episode gives at least one window and at most 9 (500 steps)
        assertTrue(d.windows().count() >= 6 && d.windows().count() <= 54, "windows " + d.windows().count());
        assertEquals(100, d.windows().length());
    }

    @Test
    void minimumEpisodeShorterThanAWindowIsRefused() {
        PidGuide guide = new PidGuide(2, GuideGains.STIFF.gains(), env.attitudeLimits(), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuideDataCollector.collect(env, guide, 2, 2, 1, 0, 100, 50, 60));
        assertEquals("guide data: minimum episode length 60 is shorter than a window (100)", e.getMessage());
    }
}
