package io.spikepilot.tools;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.AnnGuideFile;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.rl.AnnGuideConfig;
import io.spikepilot.training.rl.AnnGuideTrainer;
import io.spikepilot.training.rl.AnnGuideTrainer.Test;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code spikepilot train ann-guide}: the paper's privileged ANN guide (spec §3.1) trained by TD3 until it flies
 * through the warm-up; the guide file it writes is what {@code train jsrl --guide ann:FILE} flies with. Settings
 * come from {@link AnnGuideConfig}'s defaults, then the options given (each option is a config key).
 */
@Command(name = "ann-guide", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train the paper's privileged ANN guide: an MLP 146 -> 64 -> tanh -> 64 -> tanh -> 4 -> tanh on "
                    + "the privileged observation (18 truth values + 32x4 action history), by TD3: transition "
                    + "replay, twin 150 -> 256 -> 128 -> 1 critics with targets, target-policy smoothing, "
                    + "delayed actor updates, Gaussian exploration.",
            "Stops once the guide, flying alone, survives the warm-up on enough seeded test episodes, then "
                    + "reports it on the evaluation episodes at curriculum levels 0 and 6 next to the PID guide. "
                    + "Prints and saves its config; log.csv and guide.safetensors (shape and provenance) in the "
                    + "run folder. Bad options exit 2 with the field named."})
final class TrainAnnGuideCommand implements Callable<Integer>, CheckedOptions {
    static final String LOG = "log.csv";
    static final String CONFIG = "config.txt";
    static final String GUIDE = "guide.safetensors";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", description = "crazyflie-motors (the paper's) or x500-attitude (through an autopilot). Default: crazyflie-motors")
    String task;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the whole run (initialisations, sampling, noise, training episodes). Default: 1")
    String seed;
    @Option(names = "--steps", paramLabel = "N", description = "Environment-step budget; training stops earlier once the survival target is met. Default: 300000")
    String steps;
    @Option(names = "--start-steps", paramLabel = "N", description = "Environment steps flown by the start policy before the actor flies (no gradient steps before). Default: 5000")
    String startSteps;
    @Option(names = "--start-policy", paramLabel = "KIND", description = "guide (the PID guide plus the exploration noise) or random (uniform actions, TD3's own start). Default: guide")
    String startPolicy;
    @Option(names = "--guide-gains", paramLabel = "SET", description = "PID gains of the start guide: crazyflie, stiff or px4. Default: crazyflie for motors, stiff for attitude")
    String guideGains;
    @Option(names = "--envs", paramLabel = "N", description = "Environments stepped together. Default: 4")
    String envs;
    @Option(names = "--batch", paramLabel = "N", description = "Transitions per gradient step. Default: 256")
    String batch;
    @Option(names = "--updates-per-step", paramLabel = "R", description = "Gradient steps per environment step (TD3: 1). Default: 1.0")
    String updatesPerStep;
    @Option(names = "--hidden", paramLabel = "N,N", description = "Guide hidden tanh layer sizes (the paper: 64,64). Default: 64,64")
    String hidden;
    @Option(names = "--critic-hidden", paramLabel = "N,N", description = "Critic hidden ReLU sizes. Default: 256,128")
    String criticHidden;
    @Option(names = "--lr", paramLabel = "LR", description = "Guide (actor) Adam learning rate. Default: 1e-3")
    String lr;
    @Option(names = "--critic-lr", paramLabel = "LR", description = "Critic Adam learning rate. Default: 1e-3")
    String criticLr;
    @Option(names = "--gamma", paramLabel = "G", description = "Discount. Default: 0.99")
    String gamma;
    @Option(names = "--tau", paramLabel = "T", description = "Target soft-update rate. Default: 0.005")
    String tau;
    @Option(names = "--policy-noise", paramLabel = "SIGMA", description = "Target-policy smoothing noise. Default: 0.2")
    String policyNoise;
    @Option(names = "--noise-clip", paramLabel = "C", description = "Smoothing noise clip. Default: 0.5")
    String noiseClip;
    @Option(names = "--policy-delay", paramLabel = "N", description = "Critic steps per actor (and target) step. Default: 2")
    String policyDelay;
    @Option(names = "--explore-noise", paramLabel = "SIGMA", description = "Gaussian noise on every applied action while training (clipped to [-1, 1]). Default: 0.1")
    String exploreNoise;
    @Option(names = "--buffer", paramLabel = "TRANSITIONS", description = "Replay capacity (memory is printed). Default: 300000")
    String buffer;
    @Option(names = "--level", paramLabel = "L", description = "Reward curriculum level of the training episodes, 0..6. Default: 0")
    String level;
    @Option(names = "--test-every", paramLabel = "N", description = "Environment steps between tests. Default: 5000")
    String testEvery;
    @Option(names = "--test-episodes", paramLabel = "N", description = "Seeded test episodes the guide flies alone. Default: 50")
    String testEpisodes;
    @Option(names = "--test-seed", paramLabel = "N", description = "Seed of the test episodes (not the evaluation seed). Default: 7")
    String testSeed;
    @Option(names = "--survive-steps", paramLabel = "STEPS", description = "Steps a test episode must last to count as surviving (the warm-up). Default: 50")
    String surviveSteps;
    @Option(names = "--target-survival", paramLabel = "F", description = "Stop once this fraction of test episodes survive; 0 = use the whole budget. Default: 0.9")
    String targetSurvival;
    @Option(names = "--eval-episodes", paramLabel = "N", description = "Evaluation episodes of the final report. Default: 20")
    String evalEpisodes;
    @Option(names = "--eval-seed", paramLabel = "N", description = "Seed of the evaluation episodes (train jsrl's). Default: 20251028")
    String evalSeed;
    @Option(names = "--threads", paramLabel = "N", description = "Critic worker threads (a seeded run repeats its bits for a given count). Default: 1")
    String threads;
    @Option(names = "--evaluate", paramLabel = "FILE", description = "Train nothing: load this guide file (shape checked) and fly it on the test and evaluation episodes next to the PID guide.")
    Path evaluate;
    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/ann-guide-<task>-seed<seed>).")
    Path out;

    /** The settings the checks built from the options. */
    private AnnGuideConfig config;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec);
        if (evaluate != null) {
            check.readableFile("--evaluate", evaluate);
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        AnnGuideConfig c = new AnnGuideConfig();
        KeyedOptions.apply(spec, c.entries().keySet(), c::set);
        KeyedOptions.validate(spec, c::validate);
        config = c;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        AnnGuideConfig c = config;
        if (evaluate != null) {
            return evaluate(c, stdout, stderr);
        }
        Path dir = out != null ? out : Path.of("runs", "ann-guide-" + c.task.id() + "-seed" + c.seed);
        String command = "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String commit = GitCommit.current();
        Map<String, String> entries = new LinkedHashMap<>(c.entries());
        stdout.println(command);
        stdout.println("commit=" + commit);
        entries.forEach((k, v) -> stdout.println(k + "=" + v));
        stdout.flush();
        try {
            Files.createDirectories(dir);
            StringBuilder text = new StringBuilder("command=" + command + "\ncommit=" + commit + "\n");
            entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir.resolve(CONFIG), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            stderr.println("train ann-guide: cannot write the run files in " + dir + ": " + e.getMessage());
            return 1;
        }
        EnvConfig env = c.task.environment();
        Test pidTest = AnnGuideTrainer.flyGuide(Guides.pid(env, c.effectiveGuideGains(), c.testEpisodes), env,
                c.testEpisodes, c.testSeed, c.level, c.surviveSteps, 0, 0, 0);
        stdout.printf(Locale.ROOT, "PID guide on the test episodes: %s%n", describe(pidTest, c.surviveSteps));
        try (AnnGuideTrainer trainer = new AnnGuideTrainer(c);
             Writer log = Files.newBufferedWriter(dir.resolve(LOG), StandardCharsets.UTF_8)) {
            stdout.printf(Locale.ROOT, "replay buffer: %d transitions, %.1f MB%n", c.bufferTransitions,
                    trainer.bufferBytes() / 1e6);
            stdout.flush();
            log.write("env_steps,updates,train_episodes,train_return,train_length,critic_loss,actor_q,"
                    + "test_survival,test_crashes,test_return,test_length,seconds\n");
            AnnGuideTrainer.Result result = trainer.train((t, s, tr) -> {
                double n = Math.max(1, s.episodes);
                double cl = s.criticUpdates == 0 ? Double.NaN : s.criticLoss / s.criticUpdates;
                double aq = s.actorUpdates == 0 ? Double.NaN : s.actorQ / s.actorUpdates;
                try {
                    log.write(String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.2f,%.6g,%.6g,%.4f,%d,%.4f,%.2f,%.1f%n",
                            t.envSteps(), t.updates(), s.episodes, s.episodeReturn / n, s.episodeLength / n, cl, aq,
                            t.survival(), t.crashes(), t.meanReturn(), t.meanLength(), t.seconds()));
                    log.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                double fraction = (double) t.envSteps() / c.steps;
                double eta = fraction > 0 ? t.seconds() * (1 - fraction) / fraction : Double.NaN;
                stdout.printf(Locale.ROOT, "steps %d/%d updates %d | train: %d episodes return %.1f length %.1f "
                        + "critic %.4g Q %.2f | test: %s | %.0fs elapsed, eta ≤ %.0fs%n", t.envSteps(), c.steps,
                        t.updates(), s.episodes, s.episodeReturn / n, s.episodeLength / n, cl, aq,
                        describe(t, c.surviveSteps), t.seconds(), eta);
                stdout.flush();
                if (tr.bestTest() == t) {
                    // the best guide so far is on disk at every improvement: a run stopped early still leaves one
                    try {
                        Map<String, String> notes = new LinkedHashMap<>();
                        c.entries().forEach((k, v) -> notes.put("ann-guide." + k, v));
                        notes.put("test.survival", String.format(Locale.ROOT, "%.4f", t.survival()));
                        notes.put("test.return", String.format(Locale.ROOT, "%.3f", t.meanReturn()));
                        notes.put("test.env_steps", Long.toString(t.envSteps()));
                        AnnGuideFile.write(dir.resolve(GUIDE), tr.best().network(), provenance(c, env, command, commit), notes);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            stdout.printf(Locale.ROOT, "%s after %d env steps, %d updates, %.1f s; best test: %s%n",
                    result.reachedTarget() ? "survival target met" : "step budget spent", result.envSteps(),
                    result.updates(), result.seconds(), describe(result.bestTest(), c.surviveSteps));
            Map<String, String> notes = new LinkedHashMap<>();
            c.entries().forEach((k, v) -> notes.put("ann-guide." + k, v));
            notes.put("test.survival", String.format(Locale.ROOT, "%.4f", result.bestTest().survival()));
            notes.put("test.return", String.format(Locale.ROOT, "%.3f", result.bestTest().meanReturn()));
            notes.put("test.env_steps", Long.toString(result.bestTest().envSteps()));
            notes.put("train.seconds", String.format(Locale.ROOT, "%.1f", result.seconds()));
            for (int level : new int[] {0, RewardCurriculum.MAX_LEVEL}) {
                Test ann = AnnGuideTrainer.fly(result.best().network(), env, c.evalEpisodes, c.evalSeed, level, c.surviveSteps,
                        result.envSteps(), result.updates(), result.seconds());
                Test pid = AnnGuideTrainer.flyGuide(Guides.pid(env, c.effectiveGuideGains(), c.evalEpisodes), env,
                        c.evalEpisodes, c.evalSeed, level, c.surviveSteps, 0, 0, 0);
                stdout.printf(Locale.ROOT, "evaluation (seed %d, level %d): ANN guide %s | PID guide %s%n",
                        c.evalSeed, level, describe(ann, c.surviveSteps), describe(pid, c.surviveSteps));
                notes.put("eval.level" + level + ".return", String.format(Locale.ROOT, "%.3f", ann.meanReturn()));
                notes.put("eval.level" + level + ".crashes", ann.crashes() + "/" + ann.episodes());
                notes.put("eval.level" + level + ".survival", String.format(Locale.ROOT, "%.4f", ann.survival()));
            }
            Path file = dir.resolve(GUIDE);
            AnnGuideFile.write(file, result.best().network(), provenance(c, env, command, commit), notes);
            stdout.println("wrote " + file + " (" + Files.size(file) + " bytes), " + dir.resolve(LOG) + ", "
                    + dir.resolve(CONFIG));
            stdout.flush();
        } catch (IOException e) {
            stderr.println("train ann-guide: cannot write the run files in " + dir + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private Integer evaluate(AnnGuideConfig c, PrintWriter stdout, PrintWriter stderr) {
        AnnGuideFile.Loaded loaded;
        try {
            loaded = AnnGuideFile.loadFor(evaluate, c.task.actionSpace());
        } catch (IllegalArgumentException e) {
            stderr.println("train ann-guide: " + e.getMessage());
            stderr.flush();
            return 2;
        }
        EnvConfig env = c.task.environment();
        stdout.printf(Locale.ROOT, "%s: layers %s, trained by '%s' at commit %s%n", evaluate,
                java.util.Arrays.toString(loaded.layerSizes()), loaded.provenance().command(),
                loaded.provenance().commit());
        Test test = AnnGuideTrainer.fly(loaded.network(), env, c.testEpisodes, c.testSeed, c.level, c.surviveSteps,
                0, 0, 0);
        stdout.printf(Locale.ROOT, "test episodes (seed %d, level %d): ANN guide %s%n", c.testSeed, c.level,
                describe(test, c.surviveSteps));
        for (int level : new int[] {0, RewardCurriculum.MAX_LEVEL}) {
            Test ann = AnnGuideTrainer.fly(loaded.network(), env, c.evalEpisodes, c.evalSeed, level, c.surviveSteps,
                    0, 0, 0);
            Test pid = AnnGuideTrainer.flyGuide(Guides.pid(env, c.effectiveGuideGains(), c.evalEpisodes), env,
                    c.evalEpisodes, c.evalSeed, level, c.surviveSteps, 0, 0, 0);
            stdout.printf(Locale.ROOT, "evaluation (seed %d, level %d): ANN guide %s | PID guide %s%n", c.evalSeed,
                    level, describe(ann, c.surviveSteps), describe(pid, c.surviveSteps));
        }
        stdout.flush();
        return 0;
    }

    private static AnnGuideFile.Provenance provenance(AnnGuideConfig c, EnvConfig env, String command,
            String commit) {
        return new AnnGuideFile.Provenance(c.task.id(), c.task.actionSpace(), c.task.airframe(), env.controlRateHz(),
                command, c.seed, commit);
    }

    static String describe(Test t, int surviveSteps) {
        return String.format(Locale.ROOT, "survive %d steps %d/%d (%.0f%%), crashes %d, return %.1f, length %.1f",
                surviveSteps, t.survived(), t.episodes(), 100 * t.survival(), t.crashes(), t.meanReturn(),
                t.meanLength());
    }
}
