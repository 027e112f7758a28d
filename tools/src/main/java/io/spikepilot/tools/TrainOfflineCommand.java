package io.spikepilot.tools;

import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.simulator.env.QuadrotorEnvBatch;
import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.dataset.GuideRolloutsFile;
import io.spikepilot.training.offline.OfflineConfig;
import io.spikepilot.training.offline.OfflineTrainer;
import io.spikepilot.training.rl.JsrlEpoch;
import io.spikepilot.training.rl.JsrlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.KeyedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The offline baselines' command line: settings from the method's preset ({@link OfflineConfig#preset}), then
 * {@code --config}, then the options (each a config key, as in {@code train jsrl}). Writes config.txt and log.csv in
 * {@code train jsrl}'s format (collection columns empty or zero) and the best float policy. Offline runs have no
 * checkpoint: an interrupted run is run again.
 */
abstract class TrainOfflineCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "FILE", description = "Guide dataset (spikepilot dataset guide); required here or in --config.")
    String dataset;
    @Option(names = "--task", paramLabel = "TASK", description = "crazyflie-motors or x500-attitude; must be the dataset's. Default: crazyflie-motors")
    String task;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run (initialisation, sampling). Default: 1")
    String seed;
    @Option(names = "--config", paramLabel = "FILE", description = "key=value settings (a run's config.txt works); options given here override it.")
    Path configFile;
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs. Default: 300")
    String epochs;
    @Option(names = "--updates", paramLabel = "N", description = "Gradient steps per epoch; 0 = one pass over the dataset's windows. Default: 0")
    String updates;
    @Option(names = "--batch", paramLabel = "N", description = "Windows per step. Default: the method's (BC 50, TD3BC 125)")
    String batch;
    @Option(names = "--hidden", paramLabel = "N,N", description = "Hidden LIF layer sizes. Default: the method's (BC 256,128, TD3BC 256,256)")
    String hidden;
    @Option(names = "--critic-hidden", paramLabel = "N,N", description = "Critic hidden sizes (TD3BC). Default: 256,128")
    String criticHidden;
    @Option(names = "--critic-steps", paramLabel = "N", description = "Steps per window in the critics' loss (TD3BC). Default: 100")
    String criticSteps;
    @Option(names = "--lr", paramLabel = "LR", description = "Actor Adam learning rate. Default: 1e-3")
    String lr;
    @Option(names = "--critic-lr", paramLabel = "LR", description = "Critic learning rate (TD3BC). Default: 3e-4")
    String criticLr;
    @Option(names = "--gamma", paramLabel = "G", description = "Discount (TD3BC). Default: 0.99")
    String gamma;
    @Option(names = "--tau", paramLabel = "T", description = "Target soft-update rate (TD3BC). Default: 0.01")
    String tau;
    @Option(names = "--alpha", paramLabel = "A", description = "TD3BC alpha, lambda = alpha / mean|Q|. Default: 2.0")
    String alpha;
    @Option(names = "--bc", paramLabel = "W", description = "BC weight on mean ||a^ - a||^2 (TD3BC: 0.25 = element-mean MSE). Default: the method's")
    String bc;
    @Option(names = "--bc-target", paramLabel = "TARGET", description = "guide (clean labels) or buffer (applied, noisy actions). Default: BC guide, TD3BC buffer")
    String bcTarget;
    @Option(names = "--slope", paramLabel = "SCHEDULE", description = "Slope schedule, as train jsrl. Default: adaptive")
    String slope;
    @Option(names = "--clip", paramLabel = "NORM", description = "Actor gradient-norm clip, 0 = off. Default: 1.0")
    String clip;
    @Option(names = "--curriculum-epochs", paramLabel = "N", description = "Epochs over which the evaluation's curriculum climbs; 0 = all. Default: 0")
    String curriculumEpochs;
    @Option(names = "--eval-every", paramLabel = "N", description = "Epochs between evaluations. Default: 10")
    String evalEvery;
    @Option(names = "--eval-episodes", paramLabel = "N", description = "Test episodes. Default: 20")
    String evalEpisodes;
    @Option(names = "--eval-seed", paramLabel = "N", description = "Seed of the test episodes. Default: 20251028")
    String evalSeed;
    @Option(names = "--eval-guide-steps", paramLabel = "STEPS", description = "Steps the guide flies in a test episode. Default: 50")
    String evalGuideSteps;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores")
    String threads;
    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<method>-<task>-seed<seed>).")
    Path out;
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: <out>/policy.safetensors).")
    Path policy;

    abstract OfflineConfig.Method method();

    /** The settings the checks built: the method's preset, --config, then the options. */
    private OfflineConfig config;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec);
        if (configFile != null) {
            check.readableFile("--config", configFile);
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        if (policy != null) {
            check.writableFile("--policy", policy);
        }
        OfflineConfig c = new OfflineConfig(method());
        if (configFile != null) {
            try {
                c.read(configFile);
            } catch (IllegalArgumentException e) {
                throw check.bad("--config: " + e.getMessage());
            }
        }
        KeyedOptions.apply(spec, c.entries().keySet(), c::set);
        KeyedOptions.validate(spec, c::validate);
        check.readableFile("--dataset", c.dataset);
        config = c;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String name = "train " + method().id();
        OfflineConfig c = config;
        GuideRollouts data;
        try {
            data = GuideRolloutsFile.read(c.dataset, QuadrotorEnvBatch.OBSERVATION_SIZE,
                    QuadrotorEnvBatch.PRIVILEGED_SIZE, QuadrotorEnvBatch.ACTION_SIZE);
        } catch (IllegalArgumentException e) {
            // the reader's message names the dataset file
            stderr.println(spec.qualifiedName() + ": " + e.getMessage());
            stderr.flush();
            return 2;
        }
        Path dir = out != null ? out : Path.of("runs", method().id() + "-" + c.rl.task.id() + "-seed" + c.rl.seed);
        Path policyPath = policy != null ? policy : dir.resolve("policy.safetensors");
        String command = "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String commit = GitCommit.current();
        Map<String, String> entries = new LinkedHashMap<>(c.entries());
        entries.put("commit", commit);
        stdout.println(command);
        entries.forEach((k, v) -> stdout.println(k + "=" + v));
        stdout.println("dataset: " + GuideRolloutsFile.describe(data));
        stdout.flush();
        OfflineTrainer trainer;
        try {
            trainer = new OfflineTrainer(c, data);
        } catch (IllegalArgumentException e) {
            stderr.println(name + ": " + c.dataset + ": " + e.getMessage());
            stderr.flush();
            return 2;
        }
        data = null; // the buffer holds what training needs; let the episodes go
        stdout.printf(Locale.ROOT, "offline buffer: %d windows, %d gradient steps per epoch%n",
                trainer.buffer().size(), trainer.updatesPerEpoch());
        stdout.flush();
        long start = System.nanoTime();
        try (trainer; JsrlReport report = new JsrlReport(dir, entries, command, false)) {
            OfflineTrainer.Result result = trainer.train(new OfflineTrainer.Listener() {
                @Override
                public void epoch(JsrlEpoch r) {
                    try {
                        report.append(r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (r.evaluation() != null) {
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        stdout.printf(Locale.ROOT, "epoch %d/%d level %d k %.1f critic %.4g Q %.2f bc-loss %.4f | "
                                + "test (level %d) %s | last level: return %.1f | %.0fs elapsed, eta %.0fs%n",
                                r.epoch(), c.rl.epochs, r.curriculumLevel(), r.slope(), r.criticLoss(), r.meanQ(),
                                r.bcLoss(), r.curriculumLevel(), TrainJsrlCommand.describe(r.evaluation()),
                                r.finalEvaluation().meanReturn(), elapsed,
                                elapsed / r.epoch() * (c.rl.epochs - r.epoch()));
                        stdout.flush();
                    }
                }
            });
            writePolicy(c, result, policyPath, command, commit);
            stdout.printf(Locale.ROOT, "best test return at the last curriculum level: epoch %d: %s%n",
                    result.bestEpoch(), TrainJsrlCommand.describe(result.bestEvaluation()));
            stdout.println("wrote " + policyPath + ", " + dir.resolve(JsrlReport.LOG) + ", "
                    + dir.resolve(JsrlReport.CONFIG));
            stdout.flush();
        } catch (IOException | UncheckedIOException e) {
            stderr.println(name + ": cannot write the run files in " + dir + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private void writePolicy(OfflineConfig c, OfflineTrainer.Result result, Path policyPath, String command,
            String commit) throws IOException {
        RlPolicyExport.write(policyPath, result.best(), c.rl.task, method().id(), "offline", c.entries(),
                result.bestEpoch(), result.bestEvaluation(), result.guideFinal(),
                new PolicyMetadata.Provenance(command, c.rl.seed, commit));
    }

    /** {@code train bc-offline}. */
    @Command(name = "bc-offline", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "The paper's BC baseline: behaviour cloning of a guide dataset on 100-step sequences, masked "
                        + "MSE for t >= 50 by BPTT from zero state, batch 50, adaptive slope from 2; the same "
                        + "evaluation as train jsrl (current and last curriculum level).",
                "Bad options exit 2 naming the field."})
    static final class Bc extends TrainOfflineCommand {
        @Override
        OfflineConfig.Method method() {
            return OfflineConfig.Method.BC;
        }
    }

    /** {@code train td3bc}. */
    @Command(name = "td3bc", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "The paper's offline TD3BC baseline on a guide dataset: twin critics on one-step targets with "
                        + "an SNN target actor, actor loss -(alpha/mean|Q|) mean Q(s, pi(s)) + MSE(pi(s), a) for "
                        + "t >= 50, SNN [256,256], batch 125, tau 0.01, gamma 0.99; no collection.",
                "Same evaluation as train jsrl. The stored rewards keep the dataset's curriculum level (as the "
                        + "authors' code)."})
    static final class Td3bc extends TrainOfflineCommand {
        @Override
        OfflineConfig.Method method() {
            return OfflineConfig.Method.TD3BC;
        }
    }
}
