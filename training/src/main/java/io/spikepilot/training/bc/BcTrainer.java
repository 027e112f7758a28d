package io.spikepilot.training.bc;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bptt.SequenceRegression;
import io.spikepilot.training.bptt.SequenceSet;
import io.spikepilot.training.export.NetworkPolicy;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;
import io.spikepilot.training.optim.GradientClipping;
import io.spikepilot.training.schedule.SlopeSchedule;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Behaviour cloning of the guide by the spiking actor: collect, then per epoch shuffle the windows (seeded), take
 * Adam steps on the masked MSE with gradient clipping and the scheduled slope, and every {@code evalEvery} epochs fly
 * the evaluation episodes; the adaptive schedule is fed their mean return. The parameters of the best evaluation are
 * kept. Every random source derives from {@link BcConfig#seed} in a fixed order, so a seed fixes the run.
 */
public final class BcTrainer {
    /** Progress callbacks; all optional. */
    public interface Listener {
        default void collected(GuideDataset dataset, Evaluation guide) {
        }

        default void batch(int epoch, int batch, int batches, double loss) {
        }

        default void epoch(EpochRecord record) {
        }

        /** A DAgger round after {@code epoch} added {@code added} windows, {@code total} now. */
        default void aggregated(int epoch, int added, int total) {
        }
    }

    private BcTrainer() {
    }

    /** The environment a config trains in. */
    public static EnvConfig environment(BcConfig c) {
        Airframe airframe = Airframes.resolve(c.airframe);
        return c.actionSpace == ActionSpace.MOTORS ? EnvConfig.paper(airframe) : EnvConfig.attitude(airframe);
    }

    /** The guide for {@code environments} environments of the config's action space. */
    public static Guide guide(BcConfig c, EnvConfig env, int environments) {
        return Guides.pid(env, c.guideGains(), environments);
    }

    public static BcResult train(BcConfig c, Listener listener) {
        c.validate();
        EnvConfig env = environment(c);
        SplittableRandom seeds = new SplittableRandom(c.seed);
        long dataSeed = seeds.nextLong();
        long initSeed = seeds.nextLong();
        long shuffleSeed = seeds.nextLong();
        long daggerSeed = seeds.nextLong();

        GuideDataset data = GuideDataCollector.collect(env, guide(c, env, c.collectEnvironments),
                c.collectEnvironments,
                c.episodes, dataSeed, c.collectNoise, c.windowLength, c.windowStride,
                Math.max(c.windowLength, 2 * c.warmupSteps));
        PolicyEvaluator evaluator = new PolicyEvaluator(env, c.evalEpisodes, c.evalSeed, c.evalGuideSteps);
        Evaluation guideEval = evaluator.evaluateGuide(guide(c, env, c.evalEpisodes));
        listener.collected(data, guideEval);

        SequenceSet windows = data.windows();
        int count = windows.count();
        Network net = Network.spikingActor(data.windows().inputSize(), c.hidden,
                data.windows().targetSize());
        net.initialise(initSeed);
        Network best = Network.spikingActor(data.windows().inputSize(), c.hidden, data.windows().targetSize());
        best.copyParametersFrom(net);
        SlopeSchedule schedule = SlopeSchedules.parse(c.slopeSchedule, c.epochs);
        Adam adam = new Adam(net.parameterCount(), c.learningRate);
        float[] grad = new float[net.parameterCount()];
        int batch = Math.min(c.batchSize, count);
        int batches = Math.max(1, count / batch);
        int[] order = identity(count);
        SplittableRandom shuffle = new SplittableRandom(shuffleSeed);
        int[] batchIndices = new int[batch];
        List<EpochRecord> log = new ArrayList<>();
        Evaluation bestEval = null;
        int bestEpoch = 0;
        long start = System.nanoTime();
        try (SequenceRegression regression =
                new SequenceRegression(net, c.windowLength, c.warmupSteps, batch, c.chunkSize, c.threads)) {
            for (int epoch = 1; epoch <= c.epochs; epoch++) {
                schedule.startEpoch(epoch - 1);
                net.setSlope(schedule.slope());
                for (int i = count - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                double lossSum = 0;
                double normSum = 0;
                int epochBatches = batches;
                for (int b = 0; b < batches; b++) {
                    System.arraycopy(order, b * batch, batchIndices, 0, batch);
                    double loss = regression.lossAndGradient(windows, batchIndices, batch, grad);
                    normSum += c.clipNorm > 0 ? GradientClipping.clip(grad, c.clipNorm) : GradientClipping.norm(grad);
                    adam.step(net.parameters(), grad);
                    net.parametersChanged();
                    lossSum += loss;
                    listener.batch(epoch, b + 1, batches, loss);
                }
                Evaluation evaluation = null;
                if (epoch % c.evalEvery == 0 || epoch == c.epochs) {
                    evaluation = evaluator.evaluate(e -> new NetworkPolicy(net), guide(c, env, c.evalEpisodes));
                    schedule.evaluated(evaluation.meanReturn());
                    if (bestEval == null || evaluation.meanReturn() > bestEval.meanReturn()) {
                        bestEval = evaluation;
                        bestEpoch = epoch;
                        best.copyParametersFrom(net);
                    }
                }
                if (c.daggerEvery > 0 && epoch % c.daggerEvery == 0 && epoch < c.epochs) {
                    SequenceSet more = DaggerCollector.collect(env, e -> new NetworkPolicy(net),
                            guide(c, env, c.daggerEpisodes), c.daggerEpisodes,
                            daggerSeed + epoch, c.evalGuideSteps, c.windowLength, c.windowStride);
                    windows = DaggerCollector.concat(windows, more);
                    count = windows.count();
                    order = identity(count);
                    batches = Math.max(1, count / batch);
                    listener.aggregated(epoch, more == null ? 0 : more.count(), count);
                }
                EpochRecord record = new EpochRecord(epoch, lossSum / epochBatches, net.lifLayers().get(0).slope(),
                        normSum / epochBatches, evaluation, (System.nanoTime() - start) / 1e9);
                log.add(record);
                listener.epoch(record);
            }
        }
        return new BcResult(best, bestEpoch, bestEval, guideEval, data, log);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

}
