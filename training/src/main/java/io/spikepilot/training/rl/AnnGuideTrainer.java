package io.spikepilot.training.rl;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.bc.AnnGuide;
import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bptt.WorkerPool;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.nn.VectorModule;
import io.spikepilot.training.optim.Adam;
import io.spikepilot.training.schedule.SlopeSchedule;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Plain TD3 (Fujimoto et al. 2018) for the paper's ANN guide (spec §3.1): a tanh MLP 146 → 64 → 64 → 4 on the
 * privileged observation, twin critics with targets ({@link TwinCritics}), target-policy smoothing, delayed actor
 * and target updates, Gaussian exploration. A batch of environments steps together; the first {@code start-steps}
 * steps are flown by the start policy (the PID guide, or random actions); after every batch step the learner takes
 * {@code updates-per-step} gradient steps per environment step. Every {@code test-every} steps the actor flies the
 * seeded test episodes on its own; the best actor so far (by survival through the warm-up, then return) is kept, and
 * training stops when the survival target is met.
 *
 * <p>Seeds: the run's seed draws, in this order, the actor's initialisation, the critics' initialisation, the
 * sampling / smoothing / exploration stream, and the training environments' seed. The critics' work is split by row
 * between the pool's workers, so a run repeats its bits for a given thread count.
 */
public final class AnnGuideTrainer implements AutoCloseable {
    /** One flight of the test (or evaluation) episodes by the actor alone. */
    public record Test(long envSteps, long updates, int episodes, int survived, int crashes, double meanReturn,
                       double meanLength, double seconds) {
        public double survival() {
            return (double) survived / episodes;
        }
    }

    /** Called after every test with the statistics gathered since the previous one. */
    @FunctionalInterface
    public interface Listener {
        void tested(Test test, Stats stats, AnnGuideTrainer trainer);
    }

    /** Running statistics since the last test. */
    public static final class Stats {
        public double criticLoss;
        public double actorQ;
        public int criticUpdates;
        public int actorUpdates;
        public int episodes;
        public double episodeReturn;
        public double episodeLength;

        void clear() {
            criticLoss = 0;
            actorQ = 0;
            criticUpdates = 0;
            actorUpdates = 0;
            episodes = 0;
            episodeReturn = 0;
            episodeLength = 0;
        }
    }

    /** The result: the best actor, the test at which it was found and whether the survival target was met. */
    public record Result(TransitionActor best, Test bestTest, boolean reachedTarget, long envSteps, long updates,
                         double seconds) {
    }

    private final AnnGuideConfig config;
    private final EnvConfig env;
    private final int obs = QuadrotorEnvBatch.PRIVILEGED_SIZE;
    private final int act = QuadrotorEnvBatch.ACTION_SIZE;
    private final int row = obs + act;
    private final TransitionActor actor;
    private final TransitionActor targetActor;
    private final TransitionActor best;
    private final SlopeSchedule slope;
    private final TwinCritics critics;
    private final Adam actorAdam;
    private final WorkerPool pool;
    private final TransitionReplayBuffer buffer;
    private final QuadrotorEnvBatch batch;
    private final Guide startGuide;
    private final SplittableRandom random;
    private final int batchSize;
    private final int[] sample;
    private final float[] actorInputs;
    private final float[] actorActions;
    private final float[] actorDactions;
    private final float[] actorGrad;
    private final float[] criticRows;
    private final float[] nextRows;
    private final float[] targets;
    private final float[] nextQ;
    private final float[] q;
    private final float[] dqda;
    private final double[] losses = new double[2];
    private final float[] state;
    private final float[] next;
    private final float[] applied;
    private final float[] rewards;
    private final boolean[] dones;
    private final float[] single;
    private final float[] singleAction;
    private final Stats stats = new Stats();
    private long envSteps;
    private long updates;
    private double pendingUpdates;
    private int epoch;
    private Test bestTest;
    private final long startNanos = System.nanoTime();

    public AnnGuideTrainer(AnnGuideConfig config) {
        config.validate();
        VectorModule.require();
        this.config = config;
        this.env = config.task.environment();
        SplittableRandom seeds = new SplittableRandom(config.seed);
        long actorSeed = seeds.nextLong();
        long criticSeed = seeds.nextLong();
        long sampleSeed = seeds.nextLong();
        long envSeed = seeds.nextLong();
        actor = config.newActor(obs, act);
        actor.network().initialise(actorSeed);
        targetActor = actor.copy();
        best = actor.copy();
        slope = config.slopeSchedule();
        setSlope(slope.slope());
        batchSize = config.batchSize;
        pool = new WorkerPool(config.threads);
        critics = new TwinCritics(obs, act, config.criticHidden, config.criticLearningRate, criticSeed, pool,
                batchSize);
        actorAdam = new Adam(actor.network().parameterCount(), config.actorLearningRate);
        buffer = new TransitionReplayBuffer(config.bufferTransitions, obs, act);
        batch = new QuadrotorEnvBatch(env, config.envs, envSeed);
        batch.setCurriculumLevel(config.level);
        startGuide = config.startPolicy == AnnGuideConfig.StartPolicy.GUIDE
                ? Guides.pid(env, config.effectiveGuideGains(), config.envs) : null;
        random = new SplittableRandom(sampleSeed);
        sample = new int[batchSize];
        actorInputs = new float[batchSize * obs];
        actorActions = new float[batchSize * act];
        actorDactions = new float[batchSize * act];
        actorGrad = new float[actor.network().parameterCount()];
        criticRows = new float[batchSize * row];
        nextRows = new float[batchSize * row];
        targets = new float[batchSize];
        nextQ = new float[batchSize];
        q = new float[batchSize];
        dqda = new float[batchSize * act];
        state = new float[config.envs * obs];
        next = new float[obs];
        applied = new float[config.envs * act];
        rewards = new float[config.envs];
        dones = new boolean[config.envs];
        single = new float[obs];
        singleAction = new float[act];
        for (int e = 0; e < config.envs; e++) {
            startEpisode(e);
        }
    }

    /** Bytes of the replay buffer (printed at the start of a run). */
    public long bufferBytes() {
        return buffer.bytes();
    }

    private void startEpisode(int e) {
        batch.reset(e);
        if (startGuide != null) {
            startGuide.reset(e);
        }
    }

    /** Runs until the survival target is met or the step budget is spent. */
    public Result train(Listener listener) {
        long nextTest = config.testEvery;
        boolean reached = false;
        while (envSteps < config.steps) {
            collectStep();
            if (buffer.size() >= batchSize && envSteps > config.startSteps) {
                pendingUpdates += config.updatesPerStep * config.envs;
                while (pendingUpdates >= 1) {
                    update();
                    pendingUpdates -= 1;
                }
            }
            if (envSteps >= nextTest || envSteps >= config.steps) {
                nextTest += config.testEvery;
                Test t = test(config.testEpisodes, config.testSeed, config.level);
                boolean better = bestTest == null || t.survived() > bestTest.survived()
                        || (t.survived() == bestTest.survived() && t.meanReturn() > bestTest.meanReturn());
                if (better) {
                    bestTest = t;
                    best.network().copyParametersFrom(actor.network());
                }
                // a test closes an epoch of the slope schedule (the slope study's epochs are test intervals)
                slope.evaluated(t.meanReturn());
                slope.startEpoch(++epoch);
                setSlope(slope.slope());
                listener.tested(t, stats, this);
                stats.clear();
                if (config.targetSurvival > 0 && t.survival() >= config.targetSurvival
                        && envSteps > config.startSteps) {
                    reached = true;
                    break;
                }
            }
        }
        return new Result(best, bestTest, reached, envSteps, updates, seconds());
    }

    private void collectStep() {
        batch.privilegedObservations(state);
        boolean start = envSteps < config.startSteps;
        for (int e = 0; e < config.envs; e++) {
            int a = e * act;
            if (start && startGuide == null) {
                for (int k = 0; k < act; k++) {
                    applied[a + k] = (float) (2.0 * random.nextDouble() - 1.0);
                }
                continue;
            }
            if (start) {
                startGuide.act(e, state, e * obs, applied, a);
            } else {
                actOnce(actor, state, e * obs, applied, a);
            }
            for (int k = 0; k < act; k++) {
                double v = applied[a + k] + (config.exploreNoise > 0 ? config.exploreNoise * random.nextGaussian() : 0);
                applied[a + k] = (float) Math.max(-1.0, Math.min(1.0, v));
            }
        }
        batch.step(applied, rewards, dones);
        for (int e = 0; e < config.envs; e++) {
            batch.privilegedObservation(e, next, 0);
            boolean crashed = dones[e] && !batch.truncated(e);
            if (!finite(next)) {
                // a NaN end state would reach the critics through 0·NaN; a terminal transition never reads s'
                System.arraycopy(state, e * obs, next, 0, obs);
                crashed = true;
            }
            buffer.add(state, e * obs, applied, e * act, rewards[e], next, 0, crashed);
            envSteps++;
            if (dones[e]) {
                stats.episodes++;
                stats.episodeReturn += batch.env(e).episodeReturn();
                stats.episodeLength += batch.env(e).steps();
                startEpisode(e);
            }
        }
    }

    private static boolean finite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private void actOnce(TransitionActor network, float[] in, int offset, float[] out, int outOffset) {
        System.arraycopy(in, offset, single, 0, obs);
        network.forward(single, 1, singleAction);
        System.arraycopy(singleAction, 0, out, outOffset, act);
    }

    private void setSlope(float k) {
        actor.setSlope(k);
        targetActor.setSlope(k);
    }

    /** Surrogate slope the actor trains with now. */
    public float slope() {
        return slope.slope();
    }

    /** One TD3 gradient step: critics every step, actor and targets every {@code policy-delay} steps. */
    void update() {
        buffer.sample(random, batchSize, sample);
        for (int b = 0; b < batchSize; b++) {
            buffer.nextObservation(sample[b], actorInputs, b * obs);
        }
        targetActor.forward(actorInputs, batchSize, actorActions);
        float clip = (float) config.noiseClip;
        for (int b = 0; b < batchSize; b++) {
            int i = sample[b];
            buffer.observation(i, criticRows, b * row);
            buffer.action(i, criticRows, b * row + obs);
            System.arraycopy(actorInputs, b * obs, nextRows, b * row, obs);
            for (int k = 0; k < act; k++) {
                float eps = (float) Math.max(-clip, Math.min(clip, config.policyNoise * random.nextGaussian()));
                float a = actorActions[b * act + k] + eps;
                nextRows[b * row + obs + k] = Math.max(-1f, Math.min(1f, a));
            }
        }
        critics.targetMinimum(nextRows, batchSize, nextQ);
        float gamma = (float) config.gamma;
        for (int b = 0; b < batchSize; b++) {
            int i = sample[b];
            targets[b] = buffer.reward(i) + gamma * (1f - buffer.terminal(i)) * nextQ[b];
        }
        critics.update(criticRows, batchSize, targets, losses);
        stats.criticLoss += 0.5 * (losses[0] + losses[1]);
        stats.criticUpdates++;
        updates++;
        if (updates % config.policyDelay != 0) {
            return;
        }
        // actor: maximise Q₁(s, π(s)); dL/dâ = −∂Q₁/∂a / B, back through the tanh output and the MLP
        for (int b = 0; b < batchSize; b++) {
            System.arraycopy(criticRows, b * row, actorInputs, b * obs, obs);
        }
        actor.forward(actorInputs, batchSize, actorActions);
        for (int b = 0; b < batchSize; b++) {
            System.arraycopy(actorActions, b * act, criticRows, b * row + obs, act);
        }
        critics.q1WithActionGradient(criticRows, batchSize, q, dqda);
        float scale = -1f / batchSize;
        double meanQ = 0;
        for (int b = 0; b < batchSize; b++) {
            meanQ += q[b];
            for (int k = 0; k < act; k++) {
                actorDactions[b * act + k] = scale * dqda[b * act + k];
            }
        }
        Arrays.fill(actorGrad, 0f);
        actor.backward(actorDactions, batchSize, actorGrad);
        actorAdam.step(actor.network().parameters(), actorGrad);
        actor.network().parametersChanged();
        stats.actorQ += meanQ / batchSize;
        stats.actorUpdates++;
        float tau = (float) config.tau;
        critics.softUpdate(tau);
        targetActor.network().softUpdateFrom(actor.network(), tau);
    }

    /**
     * The current actor flies {@code episodes} seeded episodes on its own from step 0 at reward level
     * {@code level}: how many last {@code survive-steps} steps (or the whole episode), crashes, mean return and length.
     */
    public Test test(int episodes, long seed, int level) {
        return flyGuide(actor.guide(), env, episodes, seed, level, config.surviveSteps, envSteps, updates, seconds());
    }

    /** Flies {@code network} as a guide on seeded episodes (also used to report a loaded guide). */
    public static Test fly(Network network, EnvConfig env, int episodes, long seed, int level, int surviveSteps,
            long envSteps, long updates, double seconds) {
        return flyGuide(new AnnGuide(network, episodes), env, episodes, seed, level, surviveSteps, envSteps, updates,
                seconds);
    }

    /** Flies any guide on seeded episodes: survival through {@code surviveSteps}, crashes, mean return, length. */
    public static Test flyGuide(Guide guide, EnvConfig env, int episodes, long seed, int level, int surviveSteps,
            long envSteps, long updates, double seconds) {
        int p = QuadrotorEnvBatch.PRIVILEGED_SIZE;
        int a = QuadrotorEnvBatch.ACTION_SIZE;
        float[] priv = new float[episodes * p];
        float[] action = new float[episodes * a];
        float[] rewards = new float[episodes];
        boolean[] dones = new boolean[episodes];
        for (int e = 0; e < episodes; e++) {
            guide.reset(e);
        }
        try (QuadrotorEnvBatch b = new QuadrotorEnvBatch(env, episodes, seed)) {
            b.setCurriculumLevel(level);
            for (int t = 0; t < env.episodeSteps(); t++) {
                b.privilegedObservations(priv);
                boolean any = false;
                for (int e = 0; e < episodes; e++) {
                    if (!b.env(e).done()) {
                        any = true;
                        guide.act(e, priv, e * p, action, e * a);
                    }
                }
                if (!any) {
                    break;
                }
                b.step(action, rewards, dones);
            }
            int survived = 0;
            int crashes = 0;
            double returns = 0;
            double lengths = 0;
            for (int e = 0; e < episodes; e++) {
                boolean truncated = b.truncated(e);
                if (truncated || b.env(e).steps() >= surviveSteps) {
                    survived++;
                }
                if (!truncated) {
                    crashes++;
                }
                returns += b.env(e).episodeReturn();
                lengths += b.env(e).steps();
            }
            return new Test(envSteps, updates, episodes, survived, crashes, returns / episodes, lengths / episodes,
                    seconds);
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public AnnGuideConfig config() {
        return config;
    }

    public TransitionActor actor() {
        return actor;
    }

    public TransitionActor best() {
        return best;
    }

    public Test bestTest() {
        return bestTest;
    }

    public long envSteps() {
        return envSteps;
    }

    public long updates() {
        return updates;
    }

    @Override
    public void close() {
        pool.close();
        batch.close();
    }
}
