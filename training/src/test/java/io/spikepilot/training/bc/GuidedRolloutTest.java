package io.spikepilot.training.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bptt.SequenceSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Evaluation and DAgger fly through one rollout loop: the figures below were measured with each one's own loop before
 * they shared it (at commit acb2a4f, and again with the shared loop: the same to the last bit), so a change to the shared loop that changes what either computes fails here.
 * The learner is a PID with other gains than the guide's, so the hand-over after the warm-up is visible.
 */
class GuidedRolloutTest {
    private static final int EPISODES = 6;
    private static final long SEED = 20261204L;

    private static BcConfig attitude() {
        BcConfig c = new BcConfig();
        c.guideGains = GuideGains.STIFF;
        return c;
    }

    private static PidPolicy learner(EnvConfig env) {
        return new PidPolicy(PositionPidGains.px4Defaults(), env.attitudeLimits(), env.controlPeriodNs() / 1e9, 0.0);
    }

    @Test
    void evaluationFiguresAreThoseOfTheLoopItHadBefore() {
        BcConfig c = attitude();
        EnvConfig env = BcTrainer.environment(c);
        PolicyEvaluator evaluator = new PolicyEvaluator(env, EPISODES, SEED, 50);
        Evaluation flown = evaluator.evaluate(e -> learner(env), BcTrainer.guide(c, env, EPISODES), 3);
        Evaluation guide = evaluator.evaluateGuide(BcTrainer.guide(c, env, EPISODES), 3);
        assertEquals(FLOWN, flown.toString());
        assertEquals(GUIDE, guide.toString());
    }

    @Test
    void daggerWindowsAreThoseOfTheLoopItHadBefore() {
        BcConfig c = attitude();
        EnvConfig env = BcTrainer.environment(c);
        SequenceSet set = DaggerCollector.collect(env, e -> learner(env), BcTrainer.guide(c, env, EPISODES), EPISODES,
                SEED, 50, 64, 32);
        String digest = set.inputs().length + " " + Arrays.hashCode(set.inputs()) + " " + set.targets().length + " "
                + Arrays.hashCode(set.targets());
        assertEquals(DAGGER, digest);
    }

    private static final String FLOWN = "Evaluation[meanReturn=78.41337442110752, meanLength=114.83333333333333, "
            + "crashes=5, meanPositionErrorM=0.013922960726980143, episodes=6]";
    private static final String GUIDE = "Evaluation[meanReturn=78.432917230492, meanLength=114.83333333333333, "
            + "crashes=5, meanPositionErrorM=0.11659403641446228, episodes=6]";
    /** Window floats and their hash, target floats and their hash. */
    private static final String DAGGER = "17280 996112027 3840 1743030691";
}
