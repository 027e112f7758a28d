package io.spikepilot.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnGuideTrainerTest {
    /** Small critics and batch keep the seeded run within half a minute on one thread; the guide is the paper's. */
    private static AnnGuideConfig small(long steps) {
        AnnGuideConfig c = new AnnGuideConfig();
        c.seed = 3;
        c.steps = steps;
        c.startSteps = 3000;
        c.batchSize = 64;
        c.criticHidden = new int[] {64, 64};
        c.bufferTransitions = 20_000;
        c.testEvery = 1000;
        c.testEpisodes = 20;
        c.targetSurvival = 0;
        c.threads = 1;
        return c;
    }

    @Test
    void survivalThroughTheWarmupRisesWithTraining() {
        // measured (seed 3, test seed 7, 20 episodes): the untrained guide survives 50 steps in 2/20 episodes;
        // after 10,000 env steps (3,000 PID start steps, 7,000 TD3 updates) the best test reaches 9/20
        List<AnnGuideTrainer.Test> tests = new ArrayList<>();
        AnnGuideTrainer.Result result;
        try (AnnGuideTrainer t = new AnnGuideTrainer(small(10_000))) {
            result = t.train((test, stats, trainer) -> tests.add(test));
        }
        assertEquals(2, tests.get(0).survived(), "untrained");
        assertEquals(10, tests.size());
        assertFalse(result.reachedTarget());
        assertTrue(result.bestTest().survived() >= 7, "best " + result.bestTest());
        assertTrue(result.bestTest().meanReturn() > tests.get(0).meanReturn() + 15, "best " + result.bestTest());
    }

    @Test
    void sameSeedSameBits() {
        float[][] params = new float[2][];
        AnnGuideTrainer.Test[] last = new AnnGuideTrainer.Test[2];
        for (int run = 0; run < 2; run++) {
            try (AnnGuideTrainer t = new AnnGuideTrainer(small(4000))) {
                AnnGuideTrainer.Result r = t.train((test, stats, trainer) -> { });
                params[run] = t.actor().network().parameters().clone();
                last[run] = r.bestTest();
                assertEquals(1000, r.updates());
            }
        }
        assertArrayEquals(params[0], params[1]);
        assertEquals(last[0].meanReturn(), last[1].meanReturn());
        assertEquals(last[0].survived(), last[1].survived());
    }

    @Test
    void stopsOnTheSurvivalTarget() {
        AnnGuideConfig c = small(4000);
        c.targetSurvival = 0.05; // the untrained guide already survives 2/20, but only after the start steps count
        try (AnnGuideTrainer t = new AnnGuideTrainer(c)) {
            AnnGuideTrainer.Result r = t.train((test, stats, trainer) -> { });
            assertTrue(r.reachedTarget());
            assertEquals(4000, r.envSteps());
        }
    }

    @Test
    void badSettingsNameTheField() {
        AnnGuideConfig c = new AnnGuideConfig();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.set("polcy-delay", "2"));
        assertTrue(e.getMessage().startsWith("unknown key 'polcy-delay'"), e.getMessage());
        c.set("policy-delay", "0");
        e = assertThrows(IllegalArgumentException.class, c::validate);
        assertEquals("ann-guide config: field 'policy-delay' expected ≥ 1, found 0", e.getMessage());
    }

    @Test
    void jsrlGuideKeyIsCheckedAndRoundTrips() {
        JsrlConfig c = new JsrlConfig();
        assertEquals("pid", c.entries().get("guide"));
        c.set("guide", "pdi");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertEquals("jsrl config: field 'guide' expected pid or ann:<path>, found 'pdi'", e.getMessage());
        c.set("guide", "ann:/nonexistent/guide.safetensors");
        e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("/nonexistent/guide.safetensors: field 'file'"), e.getMessage());
        assertEquals("ann:/nonexistent/guide.safetensors", c.entries().get("guide"));
    }

    @Test
    void theSlopeStudysActorTrainsWithItsScheduleOneEpochPerTest() {
        AnnGuideConfig c = small(2000);
        c.actor = AnnGuideConfig.ActorKind.SNN_STACKED;
        c.hidden = new int[] {16, 8};
        c.startSteps = 1000;
        c.testEvery = 500;
        c.testEpisodes = 4;
        c.slope = "interval:1:100:4";
        assertEquals(4, c.epochs());
        List<Float> slopes = new ArrayList<>();
        try (AnnGuideTrainer t = new AnnGuideTrainer(c)) {
            assertEquals(1f, t.slope());
            AnnGuideTrainer.Result r = t.train((test, stats, trainer) -> slopes.add(
                    trainer.actor().network().lifLayers().get(0).slope()));
            assertEquals(1000, r.updates());
            assertTrue(r.best() instanceof FrameStackedSnnActor);
        }
        // the staircase 1 → 100 in 4 rises over 4 epochs: each test closes an epoch and the next one starts steeper
        assertEquals(List.of(25.75f, 50.5f, 75.25f, 100f), slopes);
    }
}
