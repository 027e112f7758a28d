package io.spikepilot.tools;

import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.report.ProgressBar;
import io.spikepilot.training.rl.JsrlCheckpoint;
import io.spikepilot.training.rl.JsrlConfig;
import io.spikepilot.training.rl.JsrlConfigFile;
import io.spikepilot.training.rl.JsrlEpoch;
import io.spikepilot.training.rl.JsrlReport;
import io.spikepilot.training.rl.JsrlTrainer;
import io.spikepilot.training.rl.SequenceReplayBuffer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code spikepilot train jsrl}: the paper's TD3BC+JSRL. Settings come from {@link JsrlConfig}'s defaults, then the
 * {@code --config} file, then the options given on the command line (each option is a config key).
 */
@Command(name = "jsrl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "TD3BC+JSRL (the paper's method): the privileged PID guide flies the first steps of every "
                    + "collected episode while the SNN warms its membranes in shadow, then the SNN flies; twin "
                    + "critics learn one-step TD3 targets on 100-step windows and the SNN learns by BPTT from "
                    + "-lambda*Q + lambda_BC*BC on steps after the 50-step warm-up, with the adaptive slope "
                    + "schedule and the reward curriculum.",
            "Prints and saves its config; CSV log, PNG curves and the best float policy in the run folder. Bad "
                    + "options or config files exit 2 with the field named."})
class TrainJsrlCommand implements Callable<Integer>, CheckedOptions {
    /** The checkpoint file in the run directory. */
    static final String CHECKPOINT = "checkpoint.bin";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", description = "crazyflie-motors (the paper's) or x500-attitude (through an autopilot). Default: crazyflie-motors")
    String task;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the whole run. Default: 1")
    String seed;
    @Option(names = "--config", paramLabel = "FILE", description = "key=value settings (a run's config.txt works); options given here override it.")
    Path configFile;
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs; one epoch = one collection round + --updates gradient steps (the paper: 1000). Default: 40")
    String epochs;
    @Option(names = "--rollouts", paramLabel = "N", description = "Accepted rollouts collected per epoch (the code: 9). Default: 9")
    String rollouts;
    @Option(names = "--updates", paramLabel = "N", description = "Gradient steps per epoch. Default: 60")
    String updates;
    @Option(names = "--batch", paramLabel = "N", description = "Windows per gradient step (the paper: 350). Default: 64")
    String batch;
    @Option(names = "--critic-steps", paramLabel = "N", description = "Steps per window in the critics' loss: 100 = all (the paper) or a uniform sample of N. Default: 16")
    String criticSteps;
    @Option(names = "--critic-updates", paramLabel = "N", description = "Critic updates per actor update, on the same windows (the paper: 1). Default: 2")
    String criticUpdates;
    @Option(names = "--window", paramLabel = "STEPS", description = "Window length. Default: 100")
    String window;
    @Option(names = "--warmup", paramLabel = "STEPS", description = "Warm-up steps without actor loss. Default: 50")
    String warmup;
    @Option(names = "--stride", paramLabel = "STEPS", description = "Steps between window starts. Default: 50")
    String stride;
    @Option(names = "--buffer", paramLabel = "TRANSITIONS", description = "Replay capacity in transitions (memory is printed). Default: 2000000")
    String buffer;
    @Option(names = "--hidden", paramLabel = "N,N", description = "Hidden LIF layer sizes. Default: 256,128")
    String hidden;
    @Option(names = "--critic-hidden", paramLabel = "N,N", description = "Critic hidden ReLU sizes. Default: 256,128")
    String criticHidden;
    @Option(names = "--lr", paramLabel = "LR", description = "Actor Adam learning rate. Default: 1e-3")
    String lr;
    @Option(names = "--critic-lr", paramLabel = "LR", description = "Critic Adam learning rate (the code: 3e-4). Default: 3e-4")
    String criticLr;
    @Option(names = "--gamma", paramLabel = "G", description = "Discount. Default: 0.99")
    String gamma;
    @Option(names = "--tau", paramLabel = "T", description = "Target soft-update rate (the code: 0.005). Default: 0.01")
    String tau;
    @Option(names = "--alpha", paramLabel = "A", description = "TD3BC alpha: lambda = alpha / mean|Q| (the code: 2.5). Default: 2.0")
    String alpha;
    @Option(names = "--bc", paramLabel = "W", description = "Initial BC weight lambda_BC; 0 = no BC term. Default: 0.2")
    String bc;
    @Option(names = "--bc-decay", paramLabel = "F", description = "lambda_BC factor per epoch. Default: 0.99")
    String bcDecay;
    @Option(names = "--policy-noise", paramLabel = "SIGMA", description = "Target-policy smoothing noise. Default: 0.2")
    String policyNoise;
    @Option(names = "--noise-clip", paramLabel = "C", description = "Smoothing noise clip. Default: 0.5")
    String noiseClip;
    @Option(names = "--explore-noise", paramLabel = "SIGMA", description = "Noise on the SNN's actions while collecting (the code: 0). Default: 0.1")
    String exploreNoise;
    @Option(names = "--guide-horizon", paramLabel = "STEPS", description = "Steps the guide flies in the first epoch; 0 = only the warm-up (no jump-start). Default: 450")
    String guideHorizon;
    @Option(names = "--guide-horizon-step", paramLabel = "STEPS", description = "Guide horizon decrease per epoch. Default: 25")
    String guideHorizonStep;
    @Option(names = "--guide-warmup", paramLabel = "BOOL", description = "Whether the guide flies the warm-up of collected episodes when the horizon is shorter; false = the SNN flies from the first step (the paper's TD3: no guide). Evaluation always lets the guide fly its warm-up. Default: true (train td3: false)")
    String guideWarmup;
    @Option(names = "--slope", paramLabel = "SCHEDULE", description = "fixed:K | interval[:START:END:STEPS] | adaptive[:literal|normalised|cubic|first_order[:K0[:REF]]]. Default: adaptive")
    String slope;
    @Option(names = "--actor-q", paramLabel = "SIDE", description = "policy (the paper: Q on the SNN's actions) or buffer (the code: Q on buffer actions, no Q gradient). Default: policy")
    String actorQ;
    @Option(names = "--critic-target", paramLabel = "KIND", description = "one-step (the paper, SNN target actor) or code-two-step (the code, no target actor). Default: one-step")
    String criticTarget;
    @Option(names = "--bc-target", paramLabel = "TARGET", description = "buffer (the paper: BC towards the applied actions) or guide (not the paper: the guide's action at every step, stepped in shadow where the SNN flew; DAgger-style; it is what made the SNN fly within this budget). Default: guide")
    String bcTarget;
    @Option(names = "--curriculum-epochs", paramLabel = "N", description = "Epochs over which the reward curriculum climbs its six steps; 0 = all. Default: 30")
    String curriculumEpochs;
    @Option(names = "--clip", paramLabel = "NORM", description = "Actor gradient-norm clip, 0 = off. Default: 1.0")
    String clip;
    @Option(names = "--guide-gains", paramLabel = "SET", description = "Guide PID gains: crazyflie, stiff or px4. Default: crazyflie for motors, stiff for attitude")
    String guideGains;
    @Option(names = "--guide", paramLabel = "GUIDE", description = "Privileged guide: pid (the PID through the task's action space) or ann:FILE (a guide from 'train ann-guide'; shape and action space checked). Default: pid")
    String guide;
    @Option(names = "--eval-every", paramLabel = "N", description = "Epochs between evaluations. Default: 5")
    String evalEvery;
    @Option(names = "--eval-episodes", paramLabel = "N", description = "Test episodes per evaluation. Default: 20")
    String evalEpisodes;
    @Option(names = "--eval-seed", paramLabel = "N", description = "Seed of the test episodes. Default: 20251028")
    String evalSeed;
    @Option(names = "--eval-guide-steps", paramLabel = "STEPS", description = "Steps the guide flies in a test episode. Default: 50")
    String evalGuideSteps;
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between writes of the best policy and the curves; 0 = only at the end. Default: 10")
    String checkpointEvery;
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (a seeded run repeats its bits for a given count). Default: all cores")
    String threads;
    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its checkpoint.bin (its settings are the base; only --epochs, --checkpoint-every, --eval-every and --threads may change). The replay buffer is refilled, not restored.")
    Path resume;
    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/jsrl-<task>-seed<seed>, or the checkpoint's directory on --resume).")
    Path out;
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file to write (default: <out>/policy.safetensors).")
    Path policy;

    /** The method's name in messages, the default run folder and the policy's notes. */
    String method() {
        return "jsrl";
    }

    /** Settings this method starts from before the checkpoint, the config file and the options (none for JSRL). */
    void preset(JsrlConfig c) {
    }

    /** The settings the checks built: defaults, preset, checkpoint, --config, then the options. */
    private JsrlConfig config;
    private Map<String, String> saved;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec);
        if (resume != null) {
            check.readableFile("--resume", resume);
        }
        if (configFile != null) {
            check.readableFile("--config", configFile);
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        if (policy != null) {
            check.writableFile("--policy", policy);
        }
        JsrlConfig c = new JsrlConfig();
        preset(c);
        if (resume != null) {
            try {
                saved = JsrlCheckpoint.readConfig(resume);
                for (Map.Entry<String, String> e : saved.entrySet()) {
                    c.set(e.getKey(), e.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw check.bad("--resume: " + e.getMessage());
            }
        }
        if (configFile != null) {
            try {
                JsrlConfigFile.read(configFile, c);
            } catch (IllegalArgumentException e) {
                throw check.bad("--config: " + e.getMessage());
            }
        }
        KeyedOptions.apply(spec, c.entries().keySet(), c::set);
        KeyedOptions.validate(spec, c::validate);
        if (saved != null) {
            try {
                JsrlCheckpoint.requireCompatible(resume, saved, c);
            } catch (IllegalArgumentException e) {
                throw check.bad("--resume: " + e.getMessage());
            }
        }
        config = c;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        JsrlConfig c = config;
        Path dir = out != null ? out
                : resume != null ? resume.toAbsolutePath().getParent()
                : Path.of("runs", method() + "-" + c.task.id() + "-seed" + c.seed);
        Path policyPath = policy != null ? policy : dir.resolve("policy.safetensors");
        String command = "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String commit = GitCommit.current();
        Map<String, String> entries = new LinkedHashMap<>(c.entries());
        entries.put("commit", commit);
        stdout.println(command);
        entries.forEach((k, v) -> stdout.println(k + "=" + v));
        stdout.flush();
        JsrlTrainer trainer = new JsrlTrainer(c);
        if (resume != null) {
            try {
                JsrlCheckpoint.restore(resume, trainer);
            } catch (IllegalArgumentException e) {
                trainer.close();
                stderr.println("train " + method() + ": " + e.getMessage());
                stderr.flush();
                return 2;
            }
            stdout.printf(Locale.ROOT, "resumed from %s after epoch %d%n", resume, trainer.epochsDone());
        }
        try (JsrlReport report = new JsrlReport(dir, entries, command, resume != null)) {
            Run run = new Run(c, trainer, report, stdout, policyPath, command, commit, method());
            JsrlTrainer.Result result = trainer.train(run);
            run.finish(result);
        } catch (IOException e) {
            stderr.println("train " + method() + ": cannot write the run files in " + dir + ": " + e.getMessage());
            return 1;
        } finally {
            trainer.close();
        }
        return 0;
    }

    /** The listener of one run: progress bar, log lines, CSV rows, curves and the best policy as it improves. */
    private static final class Run implements JsrlTrainer.Listener {
        private final JsrlConfig c;
        private final JsrlTrainer trainer;
        private final JsrlReport report;
        private final PrintWriter stdout;
        private final Path policyPath;
        private final String command;
        private final String commit;
        private final String method;
        private final List<JsrlEpoch> records = new ArrayList<>();
        private final long start = System.nanoTime();
        private final boolean terminal = System.console() != null;
        private ProgressBar bar;
        private Evaluation guide;
        private Evaluation guideFinal;
        private String lastEval = "";
        private int writtenBestEpoch = -1;

        Run(JsrlConfig c, JsrlTrainer trainer, JsrlReport report, PrintWriter stdout, Path policyPath,
                String command, String commit, String method) {
            this.method = method;
            this.c = c;
            this.trainer = trainer;
            this.report = report;
            this.stdout = stdout;
            this.policyPath = policyPath;
            this.command = command;
            this.commit = commit;
        }

        @Override
        public void started(SequenceReplayBuffer buffer, Evaluation guide, Evaluation guideFinal) {
            this.guide = guide;
            this.guideFinal = guideFinal;
            stdout.printf(Locale.ROOT, "replay buffer: %d windows of %d steps (%d transitions), %.1f MB%n",
                    buffer.capacityWindows(), buffer.length(), (long) buffer.capacityWindows() * buffer.length(),
                    buffer.bytes() / 1e6);
            stdout.printf(Locale.ROOT, "guide alone on the test episodes: level 0 %s; last level %s%n",
                    describe(guide), describe(guideFinal));
            stdout.flush();
            if (terminal) {
                bar = new ProgressBar(System.err, "train " + method, (long) c.epochs * Math.max(1, c.updatesPerEpoch),
                        start);
            }
        }

        @Override
        public void update(int epoch, int update, int updates) {
            if (bar != null) {
                bar.update((long) (epoch - 1) * updates + update, String.format(Locale.ROOT,
                        "epoch %d k %.1f bc %.3f%s", epoch, trainer.actor().lifLayers().get(0).slope(),
                        trainer.bcWeight(), lastEval), System.nanoTime());
            }
        }

        @Override
        public void epoch(JsrlEpoch r, JsrlTrainer t) {
            records.add(r);
            try {
                report.append(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / r.epoch() * (c.epochs - r.epoch());
            if (r.evaluation() != null) {
                lastEval = String.format(Locale.ROOT, " return %.1f", r.finalEvaluation().meanReturn());
                if (bar != null) {
                    bar.endLine();
                }
                stdout.printf(Locale.ROOT, "epoch %d/%d level %d horizon %d k %.1f bc %.4f critic %.4g Q %.2f "
                        + "bc-loss %.4f | test (level %d) %s | last level: return %.1f length %.1f | %d env steps, "
                        + "%.0fs elapsed, eta %.0fs%n", r.epoch(), c.epochs, r.curriculumLevel(), r.guideHorizon(),
                        r.slope(), r.bcWeight(), r.criticLoss(), r.meanQ(), r.bcLoss(), r.curriculumLevel(),
                        describe(r.evaluation()), r.finalEvaluation().meanReturn(),
                        r.finalEvaluation().meanLength(), r.envSteps(), elapsed, eta);
                stdout.flush();
            } else if (bar == null) {
                stdout.printf(Locale.ROOT, "epoch %d/%d level %d horizon %d k %.1f bc %.4f critic %.4g Q %.2f "
                        + "bc-loss %.4f collected %d (%d refused) return %.1f | %.0fs elapsed, eta %.0fs%n",
                        r.epoch(), c.epochs, r.curriculumLevel(), r.guideHorizon(), r.slope(), r.bcWeight(),
                        r.criticLoss(), r.meanQ(), r.bcLoss(), r.collected().accepted(), r.collected().refused(),
                        r.collected().meanReturn(), elapsed, eta);
                stdout.flush();
            }
            boolean due = c.checkpointEvery > 0 && r.epoch() % c.checkpointEvery == 0;
            if (due) {
                try {
                    JsrlCheckpoint.write(report.directory().resolve(CHECKPOINT), t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (t.bestEpoch() != writtenBestEpoch && t.bestEvaluation() != null) {
                    writeOutputs(t.best(), t.bestEpoch(), t.bestEvaluation());
                }
            }
        }

        void finish(JsrlTrainer.Result result) {
            if (bar != null) {
                bar.finish();
            }
            writeOutputs(result.best(), result.bestEpoch(), result.bestEvaluation());
            try {
                JsrlCheckpoint.write(report.directory().resolve(CHECKPOINT), trainer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdout.printf(Locale.ROOT, "best test return at the last curriculum level: epoch %d: %s%n",
                    result.bestEpoch(), describe(result.bestEvaluation()));
            stdout.println("wrote " + policyPath + ", " + report.directory().resolve(JsrlReport.LOG) + ", "
                    + report.directory().resolve(JsrlReport.CURVE) + ", "
                    + report.directory().resolve(JsrlReport.CONFIG));
            stdout.flush();
        }

        private void writeOutputs(Network best, int bestEpoch, Evaluation evaluation) {
            try {
                report.writeCurves(records, guide, guideFinal);
                RlPolicyExport.write(policyPath, best, c.task, method.equals("jsrl") ? "td3bc+jsrl" : method, "jsrl",
                        c.entries(), bestEpoch, evaluation, guideFinal,
                        new PolicyMetadata.Provenance(command, c.seed, commit));
                writtenBestEpoch = bestEpoch;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String describe(Evaluation e) {
        return String.format(Locale.ROOT, "return %.1f, length %.1f, crashes %d/%d, position error %.3f m",
                e.meanReturn(), e.meanLength(), e.crashes(), e.episodes(), e.meanPositionErrorM());
    }
}
