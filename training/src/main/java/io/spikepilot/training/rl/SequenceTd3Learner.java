package io.spikepilot.training.rl;

import io.spikepilot.training.bptt.WorkerPool;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.nn.VectorModule;
import io.spikepilot.training.optim.Adam;
import io.spikepilot.training.optim.GradientClipping;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One gradient step of TD3BC on sequences (paper-spec §3.3), the learning half of TD3BC+JSRL:
 *
 * <ol>
 *   <li>sample B windows uniformly from the replay buffer;</li>
 *   <li>critics: target y_t = r_t + γ(1 − d_t)·min_j Q'_j(s_{t+1}, ã_{t+1}) with ã the target action plus clipped
 *       Gaussian smoothing noise ({@link JsrlConfig.CriticTarget}); one Adam step of each critic on (Q_j(s_t, a_t) −
 *       y_t)² over every step of every window (a critic has no warm-up), or over {@code critic-steps} steps drawn
 *       per window, which keeps the critic's share of a step small; with {@code critic-updates} above 1 the critics
 *       take that many updates per step on the same windows (fresh steps and noise each), so their targets turn
 *       over faster than the actor's;</li>
 *   <li>actor: unroll the SNN over each window from zero state (BPTT through all steps), and for t ≥ warm-up only
 *       L_π = −λ·mean Q₁(s_t, â_t) + λ_BC·mean ‖â_t − a_t‖² with λ = α / mean|Q₁| (detached); clip, Adam;</li>
 *   <li>Polyak-average the target critics (after each critic update) and the target actor.</li>
 * </ol>
 *
 * Work is split between the pool's workers by window (each worker a fixed share, gradients summed in worker order),
 * so a step is bit-identical for a given worker count. Nothing is allocated per step after construction.
 */
public final class SequenceTd3Learner implements AutoCloseable {
    /** What one step measured. */
    public static final class Stats {
        public double criticLoss1;
        public double criticLoss2;
        public double meanQ;
        public double lambda;
        public double bcLoss;
        public double actorGradNorm;
        /** Wall time of the critic part (target actor, targets, critic updates) and of the actor part, ns. */
        public long criticNanos;
        public long actorNanos;
    }

    private final JsrlConfig config;
    private final Network actor;
    private final Network targetActor;
    private final TwinCritics critics;
    private final Adam actorAdam;
    private final SequenceReplayBuffer buffer;
    private final WorkerPool pool;
    private final SplittableRandom random;
    private final int batchSize;
    private final int length;
    private final int warmup;
    private final int obsSize;
    private final int privSize;
    private final int actSize;
    private final int rowSize;
    private final int stride;
    private final int[] batch;
    /** Steps of each window in the critic loss: all of them in order, or a seeded sample of {@code criticSteps}. */
    private final int criticSteps;
    private final int[] criticStep;
    private final float[][] actorTapes;
    private final float[][] dtapes;
    private final float[][] targetTapes;
    /** The target actor's action at steps 0 … L of each sampled window, {@code [b][t·actSize + k]}. */
    private final float[][] targetActions;
    private final float[][] workerGrads;
    private final double[] workerBc;
    private final float[] actorGrad;
    private final float[] criticRows;
    private final float[] criticTargets;
    private final float[] nextRows;
    private final float[] nextQ;
    private final float[] actorRows;
    private final float[] q;
    private final float[] dqda;
    private final float[] smoothing;
    private final double[] losses = new double[2];
    private final Stats stats = new Stats();
    private final WorkerPool.Task unrollTask = this::targetActorShare;
    private final WorkerPool.Task rowsTask = this::criticRowsShare;
    private final WorkerPool.Task forwardTask = this::actorForwardShare;
    private final WorkerPool.Task backwardTask = this::actorBackwardShare;
    private final WorkerPool.Task reduceTask = this::reduceSlice;

    private float lambda;
    private float lambdaBc;


    /**
     * @param actor       the spiking actor being trained (updated in place)
     * @param criticSeed  initialisation seed of the critics
     * @param sampleSeed  seed of the window sampling and the smoothing noise
     */
    public SequenceTd3Learner(JsrlConfig config, Network actor, SequenceReplayBuffer buffer, long criticSeed,
            long sampleSeed) {
        VectorModule.require();
        this.config = config;
        this.actor = actor;
        this.buffer = buffer;
        this.batchSize = config.batchSize;
        this.length = buffer.length();
        this.warmup = config.warmupSteps;
        this.obsSize = buffer.observationSize();
        this.privSize = buffer.privilegedSize();
        this.actSize = buffer.actionSize();
        this.rowSize = privSize + actSize;
        this.stride = actor.rowStride();
        if (actor.inputSize() != obsSize || actor.outputSize() != actSize) {
            throw new IllegalArgumentException("learner: actor " + actor.inputSize() + " → " + actor.outputSize()
                    + " does not match the buffer's observations (" + obsSize + ") and actions (" + actSize + ")");
        }
        this.pool = new WorkerPool(config.threads);
        this.random = new SplittableRandom(sampleSeed);
        targetActor = Network.spikingActor(obsSize, config.hidden, actSize);
        targetActor.copyParametersFrom(actor);
        criticSteps = Math.min(config.criticSteps, length);
        criticStep = new int[batchSize * criticSteps];
        int rows = batchSize * criticSteps;
        int actorRowCount = batchSize * (length - warmup);
        critics = new TwinCritics(privSize, actSize, config.criticHidden, config.criticLearningRate, criticSeed, pool,
                rows);
        actorAdam = new Adam(actor.parameterCount(), config.actorLearningRate);
        batch = new int[batchSize];
        actorTapes = new float[batchSize][length * stride];
        int workers = pool.workers();
        dtapes = new float[workers][length * stride];
        targetTapes = new float[workers][(length + 1) * stride];
        targetActions = new float[batchSize][(length + 1) * actSize];
        workerGrads = new float[workers][actor.parameterCount()];
        workerBc = new double[workers];
        actorGrad = new float[actor.parameterCount()];
        criticRows = new float[rows * rowSize];
        criticTargets = new float[rows];
        nextRows = new float[rows * rowSize];
        nextQ = new float[rows];
        actorRows = new float[actorRowCount * rowSize];
        q = new float[actorRowCount];
        dqda = new float[actorRowCount * actSize];
        smoothing = new float[rows * actSize];
        if (criticSteps == length) {
            for (int i = 0; i < criticStep.length; i++) {
                criticStep[i] = i % length;
            }
        }
    }

    public Network targetActor() {
        return targetActor;
    }

    public TwinCritics critics() {
        return critics;
    }

    public Adam actorAdam() {
        return actorAdam;
    }

    /** One gradient step with behaviour-cloning weight {@code bcWeight}; returns the step's measurements. */
    public Stats step(double bcWeight) {
        if (buffer.size() == 0) {
            throw new IllegalStateException("learner: the replay buffer is empty");
        }
        lambdaBc = (float) bcWeight;
        long t0 = System.nanoTime();
        buffer.sample(random, batch, batchSize);
        drawCriticSamples();
        int rows = batchSize * criticSteps;
        if (config.criticTarget == JsrlConfig.CriticTarget.ONE_STEP) {
            pool.run(unrollTask);
        }
        double loss1 = 0;
        double loss2 = 0;
        float tau = (float) config.tau;
        for (int u = 0; u < config.criticUpdates; u++) {
            if (u > 0) {
                drawCriticSamples();
            }
            pool.run(rowsTask);
            critics.targetMinimum(nextRows, rows, nextQ);
            completeTargets();
            critics.update(criticRows, rows, criticTargets, losses);
            critics.softUpdate(tau);
            loss1 += losses[0];
            loss2 += losses[1];
        }
        stats.criticLoss1 = loss1 / config.criticUpdates;
        stats.criticLoss2 = loss2 / config.criticUpdates;
        long t1 = System.nanoTime();

        pool.run(forwardTask);
        int n = batchSize * (length - warmup);
        critics.q1WithActionGradient(actorRows, n, q, dqda);
        double absSum = 0;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            absSum += Math.abs(q[r]);
            sum += q[r];
        }
        double meanAbs = absSum / n;
        lambda = (float) (config.alpha / Math.max(meanAbs, 1e-6));
        stats.meanQ = sum / n;
        stats.lambda = lambda;
        pool.run(backwardTask);
        pool.run(reduceTask);
        double bc = 0;
        for (double b : workerBc) {
            bc += b;
        }
        stats.bcLoss = bc / n;
        stats.actorGradNorm = config.clipNorm > 0 ? GradientClipping.clip(actorGrad, config.clipNorm)
                : GradientClipping.norm(actorGrad);
        actorAdam.step(actor.parameters(), actorGrad);
        actor.parametersChanged();
        targetActor.softUpdateFrom(actor, tau);
        stats.criticNanos = t1 - t0;
        stats.actorNanos = System.nanoTime() - t1;
        return stats;
    }

    /** The steps of each window that the next critic update trains on, and their smoothing noise. */
    private void drawCriticSamples() {
        if (criticSteps < length) {
            for (int i = 0; i < criticStep.length; i++) {
                criticStep[i] = random.nextInt(length);
            }
        }
        float sigma = (float) config.policyNoise;
        float clip = (float) config.noiseClip;
        for (int i = 0; i < smoothing.length; i++) {
            float n = sigma == 0f ? 0f : (float) (sigma * random.nextGaussian());
            smoothing[i] = Math.max(-clip, Math.min(clip, n));
        }
    }

    private int shareStart(int worker) {
        return (int) ((long) batchSize * worker / pool.workers());
    }

    /** Unrolls the target actor over steps 0 … L of this worker's windows (the one-step target's next actions). */
    private void targetActorShare(int worker) {
        float[] obs = buffer.observations();
        float[] tape = targetTapes[worker];
        int out = targetActor.outputOffset();
        int end = shareStart(worker + 1);
        for (int b = shareStart(worker); b < end; b++) {
            int w = batch[b];
            for (int t = 0; t <= length; t++) {
                System.arraycopy(obs, buffer.observationOffset(w, t), tape, t * stride, obsSize);
            }
            targetActor.forwardSequence(tape, length + 1);
            for (int t = 0; t <= length; t++) {
                System.arraycopy(tape, t * stride + out, targetActions[b], t * actSize, actSize);
            }
        }
    }

    /** Critic input rows (s_t, a_t) and the target's next-step rows, for this worker's windows. */
    private void criticRowsShare(int worker) {
        float[] priv = buffer.privilegedObservations();
        float[] act = buffer.actions();
        boolean oneStep = config.criticTarget == JsrlConfig.CriticTarget.ONE_STEP;
        int end = shareStart(worker + 1);
        for (int b = shareStart(worker); b < end; b++) {
            int w = batch[b];
            float[] target = targetActions[b];
            for (int j = 0; j < criticSteps; j++) {
                int r = b * criticSteps + j;
                int t = criticStep[r];
                int row = r * rowSize;
                System.arraycopy(priv, buffer.privilegedOffset(w, t), criticRows, row, privSize);
                System.arraycopy(act, buffer.actionOffset(w, t), criticRows, row + privSize, actSize);
                int next = oneStep ? t + 1 : Math.min(t + 2, length - 1);
                System.arraycopy(priv, buffer.privilegedOffset(w, next), nextRows, row, privSize);
                int noise = r * actSize;
                for (int k = 0; k < actSize; k++) {
                    float base = oneStep && next >= warmup
                            ? target[next * actSize + k]
                            : act[buffer.actionOffset(w, Math.min(next, length - 1)) + k];
                    float a = base + smoothing[noise + k];
                    nextRows[row + privSize + k] = Math.max(-1f, Math.min(1f, a));
                }
            }
        }
    }

    /** y from the rewards, the terminal flags and min Q' of the next rows. */
    private void completeTargets() {
        float gamma = (float) config.gamma;
        float[] rew = buffer.rewards();
        boolean[] done = buffer.terminal();
        boolean oneStep = config.criticTarget == JsrlConfig.CriticTarget.ONE_STEP;
        for (int b = 0; b < batchSize; b++) {
            int w = batch[b];
            for (int j = 0; j < criticSteps; j++) {
                int r = b * criticSteps + j;
                int t = criticStep[r];
                int s0 = buffer.stepIndex(w, t);
                if (oneStep) {
                    criticTargets[r] = rew[s0] + (done[s0] ? 0f : gamma * nextQ[r]);
                    continue;
                }
                // the authors' two-step target; the last two steps of a window take the return left in it
                if (t == length - 1) {
                    criticTargets[r] = rew[s0];
                    continue;
                }
                int s1 = buffer.stepIndex(w, t + 1);
                float tail = t == length - 2 || done[s1] ? 0f : gamma * nextQ[r];
                criticTargets[r] = rew[s0] + (done[s0] ? 0f : gamma * (rew[s1] + tail));
            }
        }
    }

    /** Unrolls the actor over this worker's windows and writes the actor-loss rows (s_t, â_t), t ≥ warm-up. */
    private void actorForwardShare(int worker) {
        float[] obs = buffer.observations();
        float[] priv = buffer.privilegedObservations();
        float[] act = buffer.actions();
        boolean policyQ = config.actorQ == JsrlConfig.ActorQ.POLICY;
        int out = actor.outputOffset();
        int steps = length - warmup;
        int end = shareStart(worker + 1);
        for (int b = shareStart(worker); b < end; b++) {
            int w = batch[b];
            float[] tape = actorTapes[b];
            for (int t = 0; t < length; t++) {
                System.arraycopy(obs, buffer.observationOffset(w, t), tape, t * stride, obsSize);
            }
            actor.forwardSequence(tape, length);
            for (int t = warmup; t < length; t++) {
                int row = (b * steps + t - warmup) * rowSize;
                System.arraycopy(priv, buffer.privilegedOffset(w, t), actorRows, row, privSize);
                if (policyQ) {
                    System.arraycopy(tape, t * stride + out, actorRows, row + privSize, actSize);
                } else {
                    System.arraycopy(act, buffer.actionOffset(w, t), actorRows, row + privSize, actSize);
                }
            }
        }
    }

    /** dL_π/dâ into each window's tape, then BPTT into this worker's gradient buffer. */
    private void actorBackwardShare(int worker) {
        float[] act = config.bcTarget == JsrlConfig.BcTarget.GUIDE ? buffer.guideActions() : buffer.actions();
        float[] g = workerGrads[worker];
        float[] dtape = dtapes[worker];
        Arrays.fill(g, 0f);
        boolean policyQ = config.actorQ == JsrlConfig.ActorQ.POLICY;
        int out = actor.outputOffset();
        int steps = length - warmup;
        float n = batchSize * (float) steps;
        float qScale = -lambda / n;
        float bcScale = 2f * lambdaBc / n;
        double bc = 0;
        int end = shareStart(worker + 1);
        for (int b = shareStart(worker); b < end; b++) {
            int w = batch[b];
            float[] tape = actorTapes[b];
            Arrays.fill(dtape, 0, length * stride, 0f);
            for (int t = warmup; t < length; t++) {
                int r = b * steps + t - warmup;
                int y = t * stride + out;
                int a = buffer.actionOffset(w, t);
                for (int k = 0; k < actSize; k++) {
                    float diff = tape[y + k] - act[a + k];
                    bc += (double) diff * diff;
                    float d = bcScale * diff;
                    if (policyQ) {
                        d += qScale * dqda[r * actSize + k];
                    }
                    dtape[y + k] = d;
                }
            }
            actor.backwardSequence(g, tape, dtape, length);
        }
        workerBc[worker] = bc;
    }

    private void reduceSlice(int worker) {
        int workers = pool.workers();
        int from = (int) ((long) actorGrad.length * worker / workers);
        int to = (int) ((long) actorGrad.length * (worker + 1) / workers);
        System.arraycopy(workerGrads[0], from, actorGrad, from, to - from);
        for (int w = 1; w < workers; w++) {
            float[] gw = workerGrads[w];
            for (int p = from; p < to; p++) {
                actorGrad[p] += gw[p];
            }
        }
    }

    /** The critics' targets y of the last step, window-major (tests). */
    float[] lastCriticTargets() {
        return criticTargets;
    }

    /** The clipped smoothing noise drawn for the last step (tests). */
    float[] lastSmoothingNoise() {
        return smoothing;
    }

    /** The window indices sampled by the last step (tests). */
    int[] lastBatch() {
        return batch;
    }

    /** The λ of the last step (α / mean|Q₁|). */
    public float lastLambda() {
        return lambda;
    }

    @Override
    public void close() {
        pool.close();
    }
}
