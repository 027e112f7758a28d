package io.spikepilot.tools;

import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.dataset.GuideRolloutsFile;
import io.spikepilot.training.rl.AnnGuideConfig;
import io.spikepilot.training.rl.AnnGuideTrainer;
import io.spikepilot.training.rl.AnnGuideTrainer.Test;
import io.spikepilot.training.stacked.StackedBcConfig;
import io.spikepilot.training.stacked.StackedBcTrainer;
import io.spikepilot.training.stacked.StackedLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.KeyedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The slope study's two methods (paper Fig. 2) in their frame-stacked setting: {@code train bc-stacked} and
 * {@code train td3-stacked}. Each option is a config key of the method ({@link StackedBcConfig},
 * {@link AnnGuideConfig} with the {@code snn-stacked} actor); both write {@link StackedLog}'s config.txt and log.csv.
 */
abstract class TrainStackedCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run. Default: 1")
    String seed;
    @Option(names = "--slope", paramLabel = "SCHEDULE", description = "fixed:K, interval[:START:END:STEPS] (1:100:10) or adaptive (eq. 6, normalised by 400). Default: adaptive")
    String slope;
    @Option(names = "--hidden", paramLabel = "N,N", description = "Hidden LIF layer sizes. Default: 256,128")
    String hidden;
    @Option(names = "--passes", paramLabel = "N", description = "Forward passes per observation, membranes reset before the first (the paper: 4). Default: 4")
    String passes;
    @Option(names = "--batch", paramLabel = "N", description = "Transitions per gradient step. Default: 256")
    String batch;
    @Option(names = "--lr", paramLabel = "LR", description = "Actor Adam learning rate. Default: 1e-3")
    String lr;
    @Option(names = "--out", paramLabel = "DIR", description = "Run directory. Default: runs/<method>-seed<seed>")
    Path out;

    /** Sets every given option that is a key of the config through {@code set}, then validates the config. */
    final void applyOptions(Map<String, String> keys, BiConsumer<String, String> set, Runnable validate) {
        if (out != null) {
            OptionChecks.of(spec).creatableDirectory("--out", out);
        }
        KeyedOptions.apply(spec, keys.keySet(), set);
        KeyedOptions.validate(spec, validate);
    }

    final String commandLine() {
        return "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    final StackedLog open(Path dir, Map<String, String> entries, PrintWriter stdout) throws IOException {
        String command = commandLine();
        String commit = GitCommit.current();
        stdout.println(command);
        stdout.println("commit=" + commit);
        entries.forEach((k, v) -> stdout.println(k + "=" + v));
        stdout.flush();
        return new StackedLog(dir, command, commit, entries);
    }

    static String describe(Test t) {
        return t == null ? "" : String.format(Locale.ROOT, " | eval: return %.1f, length %.1f, crashes %d/%d",
                t.meanReturn(), t.meanLength(), t.crashes(), t.episodes());
    }

    @Command(name = "bc-stacked", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Behaviour cloning in the slope study's setting (paper Fig. 2): the SNN sees the 146-wide "
                        + "frame-stacked observation, is reset at every call and sums 4 passes; it regresses the "
                        + "guide's clean actions from a guide dataset (spikepilot dataset guide), one transition "
                        + "per sample.",
                "After every --eval-every epochs it flies the seeded evaluation episodes alone from step 0 (reward level "
                        + "0: the study has no curriculum). Writes config.txt and log.csv (one row per epoch). "
                        + "Bad options exit 2."})
    static final class Bc extends TrainStackedCommand {
        @Option(names = "--dataset", paramLabel = "FILE", required = true, description = "Guide dataset file (spikepilot dataset guide).")
        Path dataset;
        @Option(names = "--epochs", paramLabel = "N", description = "Epochs. Default: 100")
        String epochs;
        @Option(names = "--updates", paramLabel = "N", description = "Gradient steps per epoch. Default: 100")
        String updates;
        @Option(names = "--eval-every", paramLabel = "N", description = "Epochs between evaluations. Default: 1")
        String evalEvery;
        @Option(names = "--eval-episodes", paramLabel = "N", description = "Evaluation episodes. Default: 20")
        String evalEpisodes;
        @Option(names = "--eval-seed", paramLabel = "N", description = "Seed of the evaluation episodes. Default: 20251028")
        String evalSeed;

        private StackedBcConfig config;

        @Override
        public void checkOptions() {
            OptionChecks.of(spec).readableFile("--dataset", dataset);
            StackedBcConfig c = new StackedBcConfig();
            applyOptions(c.entries(), c::set, c::validate);
            config = c;
        }

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            StackedBcConfig c = config;
            GuideRollouts data;
            try {
                data = GuideRolloutsFile.read(dataset, QuadrotorEnvBatch.OBSERVATION_SIZE,
                        QuadrotorEnvBatch.PRIVILEGED_SIZE, QuadrotorEnvBatch.ACTION_SIZE);
            } catch (IllegalArgumentException e) {
                stderr.println("train bc-stacked: " + e.getMessage());
                stderr.flush();
                return 2;
            }
            Path dir = out != null ? out : Path.of("runs", "bc-stacked-seed" + c.seed);
            Map<String, String> entries = new java.util.LinkedHashMap<>(c.entries());
            entries.put("dataset", dataset.toString());
            StackedBcTrainer trainer = new StackedBcTrainer(c, data);
            try (StackedLog log = open(dir, entries, stdout)) {
                stdout.printf(Locale.ROOT, "dataset %s: %d transitions%n", dataset, trainer.transitions());
                trainer.train(e -> {
                    try {
                        log.append(e.epoch(), e.slope(), trainer.transitions(), e.updates(), Double.NaN, Double.NaN,
                                e.loss(), e.evaluation(), e.seconds());
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    stdout.printf(Locale.ROOT, "epoch %d/%d k %.1f loss %.5f%s | %.0fs%n", e.epoch(), c.epochs,
                            e.slope(), e.loss(), describe(e.evaluation()), e.seconds());
                    stdout.flush();
                });
            } catch (IOException | UncheckedIOException e) {
                stderr.println("train bc-stacked: cannot write the run files in " + dir + ": " + e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "td3-stacked", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "TD3 in the slope study's setting (paper Fig. 2, the tianshou run): the SNN actor sees the "
                        + "146-wide frame-stacked observation, is reset at every call and sums 4 passes; "
                        + "transition replay, twin 150-256-128-1 critics, target smoothing, policy delay 2, "
                        + "Gaussian exploration 0.1, one update per environment step after the random start "
                        + "steps, no curriculum.",
                "An epoch is --test-every env steps and ends with the actor flying the seeded evaluation "
                        + "episodes alone from step 0; the slope schedule advances per epoch. Writes config.txt "
                        + "and log.csv (one row per epoch). Bad options exit 2."})
    static final class Td3 extends TrainStackedCommand {
        @Option(names = "--steps", paramLabel = "N", description = "Environment-step budget. Default: 200000")
        String steps;
        @Option(names = "--test-every", paramLabel = "N", description = "Environment steps per epoch (the paper's tianshou epochs: 15000). Default: 5000")
        String testEvery;
        @Option(names = "--start-steps", paramLabel = "N", description = "Steps flown by the start policy before any update (tianshou: 10000). Default: 10000")
        String startSteps;
        @Option(names = "--start-policy", paramLabel = "KIND", description = "random (TD3's and the paper's) or guide (the PID guide with exploration noise). Default: random")
        String startPolicy;
        @Option(names = "--envs", paramLabel = "N", description = "Environments stepped together. Default: 4")
        String envs;
        @Option(names = "--updates-per-step", paramLabel = "R", description = "Gradient steps per environment step. Default: 1.0")
        String updatesPerStep;
        @Option(names = "--buffer", paramLabel = "TRANSITIONS", description = "Replay capacity. Default: 300000")
        String buffer;
        @Option(names = "--critic-lr", paramLabel = "LR", description = "Critic learning rate. Default: 1e-3")
        String criticLr;
        @Option(names = "--test-episodes", paramLabel = "N", description = "Evaluation episodes per epoch. Default: 20")
        String testEpisodes;
        @Option(names = "--test-seed", paramLabel = "N", description = "Seed of the evaluation episodes. Default: 20251028")
        String testSeed;
        @Option(names = "--threads", paramLabel = "N", description = "Critic worker threads. Default: 1")
        String threads;

        /** The slope study's TD3 settings; options override them. */
        static AnnGuideConfig defaults() {
            AnnGuideConfig c = new AnnGuideConfig();
            c.actor = AnnGuideConfig.ActorKind.SNN_STACKED;
            c.hidden = new int[] {256, 128};
            c.slope = "adaptive";
            c.startPolicy = AnnGuideConfig.StartPolicy.RANDOM;
            c.startSteps = 10_000;
            c.steps = 200_000;
            c.testEvery = 5_000;
            c.testEpisodes = 20;
            c.testSeed = 20251028;
            c.targetSurvival = 0;
            return c;
        }

        private AnnGuideConfig config;

        @Override
        public void checkOptions() {
            AnnGuideConfig c = defaults();
            applyOptions(c.entries(), c::set, c::validate);
            config = c;
        }

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            AnnGuideConfig c = config;
            Path dir = out != null ? out : Path.of("runs", "td3-stacked-seed" + c.seed);
            int[] epoch = {0};
            try (StackedLog log = open(dir, c.entries(), stdout);
                 AnnGuideTrainer trainer = new AnnGuideTrainer(c)) {
                float[] slope = {trainer.slope()};
                trainer.train((t, s, tr) -> {
                    epoch[0]++;
                    double cl = s.criticUpdates == 0 ? Double.NaN : s.criticLoss / s.criticUpdates;
                    double aq = s.actorUpdates == 0 ? Double.NaN : s.actorQ / s.actorUpdates;
                    try {
                        log.append(epoch[0], slope[0], t.envSteps(), t.updates(), cl, aq, Double.NaN, t, t.seconds());
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                    stdout.printf(Locale.ROOT, "epoch %d/%d k %.1f steps %d updates %d critic %.4g Q %.2f%s | %.0fs%n",
                            epoch[0], c.epochs(), slope[0], t.envSteps(), t.updates(), cl, aq, describe(t),
                            t.seconds());
                    stdout.flush();
                    slope[0] = tr.slope(); // the trainer moved the schedule on after this test
                });
            } catch (IOException | UncheckedIOException e) {
                stderr.println("train td3-stacked: cannot write the run files in " + dir + ": " + e.getMessage());
                return 1;
            }
            return 0;
        }
    }
}
