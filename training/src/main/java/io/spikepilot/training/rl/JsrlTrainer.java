package io.spikepilot.training.rl;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.AnnGuideFile;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.schedule.SlopeSchedule;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * TD3BC+JSRL (paper-spec §3.3): per epoch, set the reward curriculum level, collect guided rollouts with the
 * current guide horizon, take the epoch's gradient steps ({@link SequenceTd3Learner}) with the scheduled slope and
 * λ_BC, decay λ_BC, shrink the guide horizon towards the warm-up, and every {@code eval-every} epochs fly the seeded
 * test episodes (the guide flies the warm-up) at the current level, which feeds the slope schedule, and at the last
 * level, which is the return the paper reports. The parameters of the best last-level evaluation are kept.
 *
 * <p>Seeds: the run's seed draws, in this order, the actor's initialisation, the critics' initialisation, the
 * sampling and smoothing stream, and the collection environments' seed.
 */
public final class JsrlTrainer {
    /** Progress callbacks; all optional. */
    public interface Listener {
        default void started(SequenceReplayBuffer buffer, Evaluation guide, Evaluation guideFinal) {
        }

        default void update(int epoch, int update, int updates) {
        }

        default void epoch(JsrlEpoch record, JsrlTrainer trainer) {
        }
    }

    /** The run's result: the best network (by last-level evaluation) and the per-epoch log. */
    public record Result(Network best, int bestEpoch, Evaluation bestEvaluation, Evaluation guide,
                         Evaluation guideFinal, List<JsrlEpoch> log) {
    }

    private final JsrlConfig config;
    private final EnvConfig env;
    private final Network actor;
    private final Network best;
    private final SequenceReplayBuffer buffer;
    private final SequenceTd3Learner learner;
    private final GuidedCollector collector;
    private final PolicyEvaluator evaluator;
    private final SlopeSchedule schedule;
    private final List<JsrlEpoch> log = new ArrayList<>();
    private final List<Double> evaluatedReturns = new ArrayList<>();
    private int epochsDone;
    private double bcWeight;
    private long envSteps;
    private final TestEvaluations tests;
    private final long startNanos = System.nanoTime();

    public JsrlTrainer(JsrlConfig config) {
        config.validate();
        this.config = config;
        this.env = config.task.environment();
        SplittableRandom seeds = new SplittableRandom(config.seed);
        long actorSeed = seeds.nextLong();
        long criticSeed = seeds.nextLong();
        long sampleSeed = seeds.nextLong();
        long collectSeed = seeds.nextLong();
        int obs = QuadrotorEnvBatch.OBSERVATION_SIZE;
        int act = QuadrotorEnvBatch.ACTION_SIZE;
        actor = Network.spikingActor(obs, config.hidden, act);
        actor.initialise(actorSeed);
        best = Network.spikingActor(obs, config.hidden, act);
        best.copyParametersFrom(actor);
        buffer = new SequenceReplayBuffer(config.bufferTransitions, config.windowLength, config.windowStride,
                2 * config.warmupSteps, obs, QuadrotorEnvBatch.PRIVILEGED_SIZE, act);
        learner = new SequenceTd3Learner(config, actor, buffer, criticSeed, sampleSeed);
        collector = new GuidedCollector(env, guide(config.rolloutsPerEpoch), actor, config.rolloutsPerEpoch,
                collectSeed, config.guideWarmup ? config.warmupSteps : 0, config.exploreNoise);
        evaluator = new PolicyEvaluator(env, config.evalEpisodes, config.evalSeed, config.evalGuideSteps);
        tests = new TestEvaluations(evaluator, this::guide, actor, best);
        schedule = SlopeSchedules.parse(config.slopeSchedule, config.epochs);
        bcWeight = config.bcWeight;
    }

    private Guide guide(int environments) {
        return config.guide.startsWith("ann:")
                ? AnnGuideFile.loadFor(java.nio.file.Path.of(config.guide.substring(4)), config.task.actionSpace())
                        .guide(environments)
                : Guides.pid(env, config.effectiveGuideGains(), environments);
    }

    /** Curriculum level during epoch {@code epoch} (0-based): six even steps over the curriculum's epochs. */
    public int curriculumLevel(int epoch) {
        return config.curriculumLevel(epoch);
    }

    /**
     * Guide horizon during epoch {@code epoch} (0-based): H₀ − ΔH·epoch, never below the warm-up (never below 0
     * without {@code guide-warmup}).
     */
    public int guideHorizon(int epoch) {
        return Math.max(config.guideWarmup ? config.warmupSteps : 0,
                config.guideHorizon - config.guideHorizonStep * epoch);
    }

    /** Runs the remaining epochs. */
    public Result train(Listener listener) {
        Evaluation guideEval = evaluator.evaluateGuide(guide(config.evalEpisodes), 0);
        Evaluation guideFinal = evaluator.evaluateGuide(guide(config.evalEpisodes), RewardCurriculum.MAX_LEVEL);
        listener.started(buffer, guideEval, guideFinal);
        for (int epoch = epochsDone; epoch < config.epochs; epoch++) {
            log.add(runEpoch(epoch, listener));
            epochsDone = epoch + 1;
            listener.epoch(log.get(log.size() - 1), this);
        }
        return new Result(best, tests.bestEpoch(), tests.bestEvaluation(), guideEval, guideFinal,
                List.copyOf(log));
    }

    private JsrlEpoch runEpoch(int epoch, Listener listener) {
        int level = curriculumLevel(epoch);
        int horizon = guideHorizon(epoch);
        collector.setCurriculumLevel(level);
        long t0 = System.nanoTime();
        GuidedCollector.Round round = collector.collect(buffer, config.rolloutsPerEpoch, horizon);
        envSteps += round.steps();
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
        int updates = buffer.size() == 0 ? 0 : config.updatesPerEpoch;
        for (int u = 0; u < updates; u++) {
            SequenceTd3Learner.Stats s = learner.step(bcWeight);
            critic += 0.5 * (s.criticLoss1 + s.criticLoss2);
            meanQ += s.meanQ;
            lambda += s.lambda;
            bc += s.bcLoss;
            norm += s.actorGradNorm;
            criticNanos += s.criticNanos;
            actorNanos += s.actorNanos;
            listener.update(epoch + 1, u + 1, updates);
        }
        long t2 = System.nanoTime();
        double usedBc = bcWeight;
        bcWeight *= config.bcDecay;
        Evaluation evaluation = null;
        Evaluation finalEvaluation = null;
        if ((epoch + 1) % config.evalEvery == 0 || epoch + 1 == config.epochs) {
            TestEvaluations.Pair pair = tests.evaluate(epoch + 1, level);
            evaluation = pair.current();
            finalEvaluation = pair.last();
            schedule.evaluated(evaluation.meanReturn());
            evaluatedReturns.add(evaluation.meanReturn());
        }
        long t3 = System.nanoTime();
        double n = Math.max(1, updates);
        return new JsrlEpoch(epoch + 1, level, horizon, slope, usedBc, round, buffer.size(), envSteps,
                updates == 0 ? Double.NaN : critic / n, meanQ / n, lambda / n, bc / n, norm / n, evaluation,
                finalEvaluation, (t1 - t0) / 1e9, (t2 - t1) / 1e9, criticNanos / 1e9, actorNanos / 1e9,
                (t3 - t2) / 1e9, (t3 - startNanos) / 1e9);
    }

    public JsrlConfig config() {
        return config;
    }

    public Network actor() {
        return actor;
    }

    public Network best() {
        return best;
    }

    public SequenceTd3Learner learner() {
        return learner;
    }

    public SequenceReplayBuffer buffer() {
        return buffer;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public double bcWeight() {
        return bcWeight;
    }

    public long envSteps() {
        return envSteps;
    }

    public List<Double> evaluatedReturns() {
        return List.copyOf(evaluatedReturns);
    }

    public Evaluation bestEvaluation() {
        return tests.bestEvaluation();
    }

    public int bestEpoch() {
        return tests.bestEpoch();
    }

    /** Continues from a checkpoint's counters (the networks and optimisers are restored by the caller). */
    void restore(int epochs, double bc, long steps, List<Double> returns, int bestAt, Evaluation bestEval) {
        if (epochs < 0 || epochs > config.epochs) {
            throw new IllegalArgumentException("checkpoint: field 'epochs done' expected 0 … " + config.epochs
                    + " (this run's --epochs), found " + epochs);
        }
        epochsDone = epochs;
        bcWeight = bc;
        envSteps = steps;
        evaluatedReturns.clear();
        for (int e = 0; e < epochs; e++) {
            schedule.startEpoch(e);
        }
        for (double r : returns) {
            schedule.evaluated(r);
            evaluatedReturns.add(r);
        }
        tests.restore(bestAt, bestEval);
    }

    public void close() {
        learner.close();
        collector.close();
    }
}
