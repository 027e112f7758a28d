package io.spikepilot.training.stacked;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.nn.VectorModule;
import io.spikepilot.training.optim.Adam;
import io.spikepilot.training.rl.AnnGuideTrainer;
import io.spikepilot.training.rl.AnnGuideTrainer.Test;
import io.spikepilot.training.rl.FrameStackedSnnActor;
import io.spikepilot.training.schedule.SlopeSchedule;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Behaviour cloning of the slope study (paper Fig. 2): the frame-stacked SNN ({@link FrameStackedSnnActor}, reset
 * every call) regresses the guide's clean action from the privileged observation of single transitions, loss
 * mean((a − a_guide)²) over the batch and the four actions. After every {@code eval-every} epochs the actor flies the
 * seeded evaluation episodes on its own from step 0 at reward level 0 (no curriculum in this study, so the return
 * at "the last level" is this one), and the slope schedule hears the return.
 *
 * <p>Seeds: the run's seed draws the actor's initialisation, then the sampling stream.
 */
public final class StackedBcTrainer {
    /** One epoch: the slope it trained with, its mean loss, and the evaluation when there was one (else null). */
    public record Epoch(int epoch, float slope, long updates, double loss, Test evaluation, double seconds) {
    }

    /** Called after every epoch. */
    @FunctionalInterface
    public interface Listener {
        void epoch(Epoch epoch);
    }

    private final StackedBcConfig config;
    private final EnvConfig env;
    private final FrameStackedSnnActor actor;
    private final GuideRollouts data;
    private final int[] privilegedRow;
    private final int[] actionRow;
    private final SlopeSchedule slope;
    private final Adam adam;
    private final SplittableRandom random;
    private final float[] inputs;
    private final float[] labels;
    private final float[] actions;
    private final float[] dactions;
    private final float[] grads;
    private final long startNanos = System.nanoTime();
    private long updates;

    public StackedBcTrainer(StackedBcConfig config, GuideRollouts data) {
        config.validate();
        VectorModule.require();
        this.config = config;
        this.env = config.task.environment();
        this.data = data;
        int p = data.privilegedSize();
        int a = data.actionSize();
        actor = new FrameStackedSnnActor(p, config.hidden, a, config.passes);
        SplittableRandom seeds = new SplittableRandom(config.seed);
        actor.network().initialise(seeds.nextLong());
        random = new SplittableRandom(seeds.nextLong());
        long total = data.totalSteps();
        if (total < 1) {
            throw new IllegalArgumentException("bc-stacked: the dataset holds no transitions");
        }
        privilegedRow = new int[(int) total];
        actionRow = new int[(int) total];
        int i = 0;
        int priv = 0;
        int act = 0;
        for (int steps : data.steps()) {
            for (int t = 0; t < steps; t++) {
                privilegedRow[i] = priv + t;
                actionRow[i] = act + t;
                i++;
            }
            priv += steps + 1; // the observation after the last step is stored too
            act += steps;
        }
        slope = config.slopeSchedule();
        adam = new Adam(actor.network().parameterCount(), config.learningRate);
        int b = config.batchSize;
        inputs = new float[b * p];
        labels = new float[b * a];
        actions = new float[b * a];
        dactions = new float[b * a];
        grads = new float[actor.network().parameterCount()];
    }

    public FrameStackedSnnActor actor() {
        return actor;
    }

    /** Transitions the batches are drawn from. */
    public int transitions() {
        return privilegedRow.length;
    }

    /** Runs every epoch, calling {@code listener} after each. */
    public void train(Listener listener) {
        for (int e = 0; e < config.epochs; e++) {
            slope.startEpoch(e);
            float k = slope.slope();
            actor.setSlope(k);
            double loss = 0;
            for (int u = 0; u < config.updates; u++) {
                loss += step();
            }
            Test test = null;
            if ((e + 1) % config.evalEvery == 0 || e + 1 == config.epochs) {
                test = evaluate();
                slope.evaluated(test.meanReturn());
            }
            listener.epoch(new Epoch(e + 1, k, updates, loss / config.updates, test, seconds()));
        }
    }

    /** One Adam step on a fresh batch; returns its loss. */
    double step() {
        int p = data.privilegedSize();
        int a = data.actionSize();
        int b = config.batchSize;
        for (int r = 0; r < b; r++) {
            int i = random.nextInt(privilegedRow.length);
            System.arraycopy(data.privileged(), privilegedRow[i] * p, inputs, r * p, p);
            System.arraycopy(data.guideActions(), actionRow[i] * a, labels, r * a, a);
        }
        actor.forward(inputs, b, actions);
        double loss = 0;
        float scale = 2f / (b * a);
        for (int j = 0; j < b * a; j++) {
            float d = actions[j] - labels[j];
            loss += (double) d * d;
            dactions[j] = scale * d;
        }
        Arrays.fill(grads, 0f);
        actor.backward(dactions, b, grads);
        adam.step(actor.network().parameters(), grads);
        actor.network().parametersChanged();
        updates++;
        return loss / (b * a);
    }

    /** The actor alone on the evaluation episodes, from step 0, reward level 0. */
    public Test evaluate() {
        return AnnGuideTrainer.flyGuide(actor.guide(), env, config.evalEpisodes, config.evalSeed, 0, 50,
                privilegedRow.length, updates, seconds());
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
