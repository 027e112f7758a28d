package io.spikepilot.training.offline;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.bptt.SequenceRegression;
import io.spikepilot.training.bptt.SequenceSet;
import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;
import io.spikepilot.training.optim.GradientClipping;
import io.spikepilot.training.rl.TestEvaluations;
import io.spikepilot.training.rl.GuidedCollector;
import io.spikepilot.training.rl.JsrlConfig;
import io.spikepilot.training.rl.JsrlEpoch;
import io.spikepilot.training.rl.SequenceReplayBuffer;
import io.spikepilot.training.rl.SequenceTd3Learner;
import io.spikepilot.training.schedule.SlopeSchedule;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The offline baselines on a guide dataset (paper-spec §3.4). The dataset's episodes fill a replay buffer once
 * (windows of 100 with stride 50, as online); nothing is collected afterwards. Per epoch: the slope of the schedule,
 * the epoch's gradient steps — BC: masked sequence MSE by BPTT ({@link SequenceRegression}, loss for t ≥ warm-up,
 * every window unrolled from zero state); TD3BC: {@link SequenceTd3Learner} steps on the offline buffer — then every
 * {@code eval-every} epochs the same evaluation as {@code train jsrl} (seeded test episodes, the guide flies the
 * warm-up) at the current curriculum level, which feeds the slope schedule, and at the last level. The curriculum
 * climbs as in JSRL, but only the evaluation follows it: the stored rewards keep the dataset's level, as the authors'
 * code does not recompute them — one reason the paper gives for the offline methods' failure.
 *
 * <p>Seeds: the run's seed draws, in this order, the actor's initialisation, the critics' initialisation and the
 * sampling stream (as {@code train jsrl}, whose fourth seed, collection, is unused here).
 */
public final class OfflineTrainer implements AutoCloseable {
    /** Progress callback. */
    public interface Listener {
        default void epoch(JsrlEpoch record) {
        }
    }

    /** The run's result: the best network by last-level return, and the log. */
    public record Result(Network best, int bestEpoch, Evaluation bestEvaluation, Evaluation guideFinal,
                         List<JsrlEpoch> log) {
    }

    private static final GuidedCollector.Round NOTHING_COLLECTED = new GuidedCollector.Round(0, 0, 0, 0, Double.NaN,
            Double.NaN);

    private final OfflineConfig config;
    private final JsrlConfig c;
    private final EnvConfig env;
    private final long datasetSteps;
    private final Network actor;
    private final Network best;
    private final SequenceReplayBuffer buffer;
    private final SequenceTd3Learner learner;
    private final SequenceRegression regression;
    private final SequenceSet sequences;
    private final Adam bcAdam;
    private final float[] bcGrad;
    private final int[] bcBatch;
    private final SplittableRandom sampler;
    private final PolicyEvaluator evaluator;
    private final SlopeSchedule schedule;
    private final int updates;
    private final long startNanos = System.nanoTime();

    public OfflineTrainer(OfflineConfig config, GuideRollouts data) {
        config.rl.validate();
        this.config = config;
        this.c = config.rl;
        this.datasetSteps = data.totalSteps();
        this.env = c.task.environment();
        if (!data.task().equals(c.task.id())) {
            throw new IllegalArgumentException("dataset: field 'task' expected " + c.task.id() + " (this run's "
                    + "task), found " + data.task());
        }
        SplittableRandom seeds = new SplittableRandom(c.seed);
        long actorSeed = seeds.nextLong();
        long criticSeed = seeds.nextLong();
        long sampleSeed = seeds.nextLong();
        int obs = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int act = QuadrotorEnvBatch.ACTION_SIZE;
        actor = Network.spikingActor(obs, c.hidden, act);
        actor.initialise(actorSeed);
        best = Network.spikingActor(obs, c.hidden, act);
        best.copyParametersFrom(actor);
        int min = 2 * c.warmupSteps;
        int windows = data.windowCount(c.windowLength, c.windowStride, min);
        if (windows == 0) {
            throw new IllegalArgumentException("dataset: field 'steps' expected episodes longer than " + Math.max(min,
                    c.windowLength - 1) + " steps (a window past twice the warm-up), found none");
        }
        buffer = new SequenceReplayBuffer((long) windows * c.windowLength, c.windowLength, c.windowStride, min, obs,
                QuadrotorEnvBatch.PRIVILEGED_SIZE, act);
        data.fill(buffer);
        updates = c.updatesPerEpoch > 0 ? c.updatesPerEpoch : Math.max(1, buffer.size() / c.batchSize);
        if (config.method == OfflineConfig.Method.TD3BC) {
            learner = new SequenceTd3Learner(c, actor, buffer, criticSeed, sampleSeed);
            regression = null;
            sequences = null;
            bcAdam = null;
            bcGrad = null;
            bcBatch = null;
            sampler = null;
        } else {
            learner = null;
            sequences = GuideRollouts.sequences(buffer, c.bcTarget == JsrlConfig.BcTarget.GUIDE);
            regression = new SequenceRegression(actor, c.windowLength, c.warmupSteps, c.batchSize, 5, c.threads);
            bcAdam = new Adam(actor.parameterCount(), c.actorLearningRate);
            bcGrad = new float[actor.parameterCount()];
            bcBatch = new int[c.batchSize];
            sampler = new SplittableRandom(sampleSeed);
        }
        evaluator = new PolicyEvaluator(env, c.evalEpisodes, c.evalSeed, c.evalGuideSteps);
        schedule = SlopeSchedules.parse(c.slopeSchedule, c.epochs);
    }

    /** Gradient steps per epoch in force. */
    public int updatesPerEpoch() {
        return updates;
    }

    public SequenceReplayBuffer buffer() {
        return buffer;
    }

    public Network actor() {
        return actor;
    }

    /** The TD3BC learner (null for BC). */
    public SequenceTd3Learner learner() {
        return learner;
    }

    /** Curriculum level of epoch {@code epoch} (0-based): six even steps, as {@code train jsrl}. */
    public int curriculumLevel(int epoch) {
        return c.curriculumLevel(epoch);
    }

    public Result train(Listener listener) {
        Evaluation guideFinal = evaluator.evaluateGuide(Guides.pid(env, c.effectiveGuideGains(), c.evalEpisodes),
                RewardCurriculum.MAX_LEVEL);
        List<JsrlEpoch> log = new ArrayList<>();
        TestEvaluations tests = new TestEvaluations(evaluator,
                n -> Guides.pid(env, c.effectiveGuideGains(), n), actor, best);
        for (int epoch = 0; epoch < c.epochs; epoch++) {
            int level = curriculumLevel(epoch);
            long t1 = System.nanoTime();
            schedule.startEpoch(epoch);
            float slope = schedule.slope();
            actor.setSlope(slope);
            double critic = 0;
            double meanQ = 0;
            double lambda = 0;
            double bc = 0;
            double norm = 0;
            long criticNanos = 0;
            long actorNanos = 0;
            for (int u = 0; u < updates; u++) {
                if (learner != null) {
                    SequenceTd3Learner.Stats s = learner.step(c.bcWeight);
                    critic += 0.5 * (s.criticLoss1 + s.criticLoss2);
                    meanQ += s.meanQ;
                    lambda += s.lambda;
                    bc += s.bcLoss;
                    norm += s.actorGradNorm;
                    criticNanos += s.criticNanos;
                    actorNanos += s.actorNanos;
                } else {
                    bc += bcStep() * QuadrotorEnvBatch.ACTION_SIZE;
                    norm += lastNorm;
                }
            }
            long t2 = System.nanoTime();
            if (learner == null) {
                actorNanos = t2 - t1;
            }
            Evaluation evaluation = null;
            Evaluation finalEvaluation = null;
            if ((epoch + 1) % c.evalEvery == 0 || epoch + 1 == c.epochs) {
                TestEvaluations.Pair pair = tests.evaluate(epoch + 1, level);
                evaluation = pair.current();
                finalEvaluation = pair.last();
                schedule.evaluated(evaluation.meanReturn());
            }
            long t3 = System.nanoTime();
            double n = Math.max(1, updates);
            boolean td3bc = learner != null;
            JsrlEpoch record = new JsrlEpoch(epoch + 1, level, 0, slope, c.bcWeight, NOTHING_COLLECTED,
                    buffer.size(), datasetSteps, td3bc ? critic / n : Double.NaN,
                    td3bc ? meanQ / n : Double.NaN, td3bc ? lambda / n : Double.NaN, bc / n, norm / n, evaluation,
                    finalEvaluation, 0, (t2 - t1) / 1e9, criticNanos / 1e9, actorNanos / 1e9, (t3 - t2) / 1e9,
                    (t3 - startNanos) / 1e9);
            log.add(record);
            listener.epoch(record);
        }
        return new Result(best, tests.bestEpoch(), tests.bestEvaluation(), guideFinal, List.copyOf(log));
    }

    private double lastNorm;

    /** One BC step on a uniform batch of windows; returns the element-mean MSE before the step. */
    private double bcStep() {
        for (int i = 0; i < bcBatch.length; i++) {
            bcBatch[i] = sampler.nextInt(sequences.count());
        }
        double loss = regression.lossAndGradient(sequences, bcBatch, bcBatch.length, bcGrad);
        lastNorm = c.clipNorm > 0 ? GradientClipping.clip(bcGrad, c.clipNorm) : GradientClipping.norm(bcGrad);
        bcAdam.step(actor.parameters(), bcGrad);
        actor.parametersChanged();
        return loss;
    }

    @Override
    public void close() {
        if (learner != null) {
            learner.close();
        }
        if (regression != null) {
            regression.close();
        }
    }
}
