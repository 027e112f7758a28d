package io.spikepilot.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.training.export.NetworkPolicy;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceTd3LearnerTest {
    private static final int OBS = 18;
    private static final int PRIV = 146;
    private static final int ACT = 4;
    private static final int L = 20;
    private static final int WARMUP = 8;

    private static JsrlConfig config() {
        JsrlConfig c = new JsrlConfig();
        c.hidden = new int[] {16, 8};
        c.criticHidden = new int[] {16, 8};
        c.batchSize = 3;
        c.windowLength = L;
        c.warmupSteps = WARMUP;
        c.windowStride = 10;
        c.criticSteps = L;
        c.criticUpdates = 1;
        c.bcTarget = JsrlConfig.BcTarget.BUFFER;
        c.threads = 2;
        return c;
    }

    /** One seeded rollout of {@code steps} steps with observations and actions of plausible size. */
    private static SequenceReplayBuffer buffer(int steps, boolean crashed, long seed) {
        SequenceReplayBuffer b = new SequenceReplayBuffer(10_000, L, 10, 2 * WARMUP, OBS, PRIV, ACT);
        SplittableRandom r = new SplittableRandom(seed);
        float[] obs = new float[(steps + 1) * OBS];
        float[] priv = new float[(steps + 1) * PRIV];
        float[] act = new float[steps * ACT];
        float[] rew = new float[steps];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < priv.length; i++) {
            priv[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < act.length; i++) {
            act[i] = (float) (2 * r.nextDouble() - 1);
        }
        for (int i = 0; i < rew.length; i++) {
            rew[i] = (float) r.nextDouble();
        }
        b.addRollout(obs, priv, act, rew, steps, crashed);
        return b;
    }

    private static Network actor(long seed) {
        Network n = Network.spikingActor(OBS, new int[] {16, 8}, ACT);
        n.initialise(seed);
        n.setSlope(5f);
        return n;
    }

    @Test
    void oneStepTargetsUseTheTargetActorAfterTheWarmupAndTheBufferActionBefore() {
        JsrlConfig c = config();
        c.policyNoise = 0;
        c.batchSize = 1;
        SequenceReplayBuffer b = buffer(L, true, 1); // one window, the rollout's last step a crash
        Network a = actor(2);
        try (SequenceTd3Learner learner = new SequenceTd3Learner(c, a, b, 3, 4)) {
            Network targetActor = Network.spikingActor(OBS, c.hidden, ACT);
            targetActor.copyParametersFrom(learner.targetActor());
            TwinCritics critics = learner.critics();
            Network t1 = Network.mlp(PRIV + ACT, c.criticHidden, 1, true, false);
            Network t2 = Network.mlp(PRIV + ACT, c.criticHidden, 1, true, false);
            t1.copyParametersFrom(critics.target1Network());
            t2.copyParametersFrom(critics.target2Network());
            float[] expected = new float[L];
            NetworkPolicy policy = new NetworkPolicy(targetActor);
            policy.reset();
            float[] next = new float[ACT];
            float[] row = new float[PRIV + ACT];
            float[] tape1 = new float[t1.rowStride()];
            float[] tape2 = new float[t2.rowStride()];
            policy.step(b.observations(), b.observationOffset(0, 0), next, 0);
            for (int t = 0; t < L; t++) {
                policy.step(b.observations(), b.observationOffset(0, t + 1), next, 0);
                System.arraycopy(b.privilegedObservations(), b.privilegedOffset(0, t + 1), row, 0, PRIV);
                for (int k = 0; k < ACT; k++) {
                    row[PRIV + k] = t + 1 >= WARMUP ? next[k] : b.actions()[b.actionOffset(0, t + 1) + k];
                }
                System.arraycopy(row, 0, tape1, 0, row.length);
                System.arraycopy(row, 0, tape2, 0, row.length);
                t1.forward(tape1, 0, -1);
                t2.forward(tape2, 0, -1);
                float q = Math.min(tape1[t1.outputOffset()], tape2[t2.outputOffset()]);
                float r = b.rewards()[b.stepIndex(0, t)];
                expected[t] = t == L - 1 ? r : r + 0.99f * q; // the crash at the last step does not bootstrap
            }
            learner.step(0.2);
            float[] y = learner.lastCriticTargets();
            for (int t = 0; t < L; t++) {
                assertEquals(expected[t], y[t], 1e-5f * Math.max(1f, Math.abs(expected[t])), "y at t=" + t);
            }
        }
    }

    @Test
    void smoothingNoiseIsGaussianWithSigmaAndClipped() {
        JsrlConfig c = config();
        c.batchSize = 50;
        c.policyNoise = 0.2;
        c.noiseClip = 0.3;
        try (SequenceTd3Learner learner = new SequenceTd3Learner(c, actor(1), buffer(200, false, 2), 3, 4)) {
            learner.step(0.2);
            float[] n = learner.lastSmoothingNoise();
            double sum = 0;
            double sq = 0;
            int clipped = 0;
            for (float v : n) {
                assertTrue(Math.abs(v) <= 0.3f, "noise " + v + " beyond the clip");
                clipped += Math.abs(v) == 0.3f ? 1 : 0;
                sum += v;
                sq += v * v;
            }
            double mean = sum / n.length;
            double std = Math.sqrt(sq / n.length - mean * mean);
            assertEquals(0, mean, 0.01);
            // N(0, 0.2) clipped at ±1.5σ: 13.4 % of the draws sit on the clip, σ of the clipped law ≈ 0.172
            assertEquals(0.134, clipped / (double) n.length, 0.02);
            assertEquals(0.172, std, 0.01);
        }
    }

    @Test
    void lambdaIsAlphaOverTheMeanAbsoluteQOfTheSnnsOwnActions() {
        JsrlConfig c = config();
        c.alpha = 2.5;
        Network a = actor(1);
        Network before = actor(1);
        learnerBuffer = buffer(200, false, 2);
        try (SequenceTd3Learner learner = new SequenceTd3Learner(c, a, learnerBuffer, 3, 4)) {
            SequenceTd3Learner.Stats s = learner.step(0.2);
            // Q₁ is not changed after the actor loss (only the targets move), the actor is: unroll its copy from
            // before the step over the sampled windows and evaluate Q₁ row by row
            double meanAbs = meanAbsQ(before, learner.critics().q1Network(), learner.lastBatch(), c,
                    learnerBuffer);
            assertEquals(2.5 / meanAbs, s.lambda, 1e-5 * s.lambda);
        }
    }

    private static SequenceReplayBuffer learnerBuffer;

    private static double meanAbsQ(Network actor, Network q1, int[] windows, JsrlConfig c, SequenceReplayBuffer b) {
        NetworkPolicy policy = new NetworkPolicy(actor);
        float[] action = new float[ACT];
        float[] tape = new float[q1.rowStride()];
        double sum = 0;
        int n = 0;
        for (int w : windows) {
            policy.reset();
            for (int t = 0; t < L; t++) {
                policy.step(b.observations(), b.observationOffset(w, t), action, 0);
                if (t < WARMUP) {
                    continue;
                }
                System.arraycopy(b.privilegedObservations(), b.privilegedOffset(w, t), tape, 0, PRIV);
                System.arraycopy(action, 0, tape, PRIV, ACT);
                q1.forward(tape, 0, -1);
                sum += Math.abs(tape[q1.outputOffset()]);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void theActorsQTermHasAGradientInThePapersVariantAndNoneInTheCodesVariant() {
        for (JsrlConfig.ActorQ side : JsrlConfig.ActorQ.values()) {
            JsrlConfig c = config();
            c.actorQ = side;
            Network a = actor(1);
            float[] before = a.parameters().clone();
            try (SequenceTd3Learner learner = new SequenceTd3Learner(c, a, buffer(200, false, 2), 3, 4)) {
                SequenceTd3Learner.Stats s = learner.step(0.0); // no BC term: only Q can move the actor
                if (side == JsrlConfig.ActorQ.POLICY) {
                    assertTrue(s.actorGradNorm > 0, "no Q gradient in the paper's variant");
                    assertFalse(Arrays.equals(before, a.parameters()));
                } else {
                    assertEquals(0.0, s.actorGradNorm);
                    assertArrayEquals(before, a.parameters());
                }
            }
        }
    }

    @Test
    void actionsInsideTheWarmupNeverReachTheActorLoss() {
        JsrlConfig c = config();
        c.actorQ = JsrlConfig.ActorQ.BUFFER; // the BC term alone: the loss sees only the buffer's actions
        c.batchSize = 1;
        SequenceReplayBuffer same = buffer(L, false, 5);
        SequenceReplayBuffer changedEarly = buffer(L, false, 5);
        SequenceReplayBuffer changedLate = buffer(L, false, 5);
        changedEarly.actions()[changedEarly.actionOffset(0, WARMUP - 1)] += 0.5f;
        changedLate.actions()[changedLate.actionOffset(0, WARMUP)] += 0.5f;
        float[] reference = trainOnce(c, same);
        assertArrayEquals(reference, trainOnce(c, changedEarly));
        assertFalse(Arrays.equals(reference, trainOnce(c, changedLate)));
    }

    private static float[] trainOnce(JsrlConfig c, SequenceReplayBuffer b) {
        Network a = actor(1);
        try (SequenceTd3Learner learner = new SequenceTd3Learner(c, a, b, 3, 4)) {
            learner.step(0.2);
        }
        return a.parameters().clone();
    }

    @Test
    void aStepRepeatsItsBitsForTheSameSeedsAndWorkerCount() {
        float[] first = trainOnce(config(), buffer(200, false, 2));
        assertArrayEquals(first, trainOnce(config(), buffer(200, false, 2)));
    }

    @Test
    void softUpdateMovesTauOfTheWayTowardsTheSource() {
        Network target = Network.mlp(2, new int[] {2}, 1, true, false);
        Network source = Network.mlp(2, new int[] {2}, 1, true, false);
        Arrays.fill(target.parameters(), 1f);
        Arrays.fill(source.parameters(), 3f);
        target.parametersChanged();
        target.softUpdateFrom(source, 0.25f);
        for (float p : target.parameters()) {
            assertEquals(1.5f, p); // 0.25·3 + 0.75·1
        }
        target.softUpdateFrom(source, 0.25f);
        assertEquals(1.875f, target.parameters()[0]); // 0.25·3 + 0.75·1.5
    }
}
