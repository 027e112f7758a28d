package io.spikepilot.tools;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.training.bc.BcConfig;
import io.spikepilot.training.bc.BcReport;
import io.spikepilot.training.bc.BcResult;
import io.spikepilot.training.bc.BcTrainer;
import io.spikepilot.training.bc.EpochRecord;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.GuideDataset;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.export.SnnExport;
import io.spikepilot.training.report.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.KeyedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import io.spikepilot.training.schedule.SlopeSchedules;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot train ...}: training runs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train spiking policies in the simulator.", "",
            // one line per method, short enough for an 80-column terminal: picocli does not indent a wrapped line
            "  jsrl        the paper's TD3BC+JSRL (start here for its result)",
            "  td3         the TD3 baseline: jsrl without jump-start, BC or guide",
            "  bc-offline  the paper's BC baseline on a guide dataset",
            "  td3bc       the paper's offline TD3BC baseline on a guide dataset",
            "  bc          behaviour cloning (+ DAgger) of the PID guide",
            "  ann-guide   the paper's privileged ANN guide, trained by TD3",
            "  bc-stacked, td3-stacked  the slope study's two methods (Fig. 2)",
            "", "Run 'spikepilot train <method> --help' for its options."},
        subcommands = {TrainJsrlCommand.class, TrainTd3Command.class, TrainOfflineCommand.Bc.class,
            TrainOfflineCommand.Td3bc.class, TrainCommand.Bc.class, TrainAnnGuideCommand.class,
            TrainStackedCommand.Bc.class, TrainStackedCommand.Td3.class})
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Behaviour cloning of the PID guide on sequences. */
    @Command(name = "bc", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Behaviour cloning on 100-step sequences from the privileged PID guide: seeded data "
                        + "collection, BPTT with a 50-step warm-up mask and a slope schedule, evaluation on "
                        + "seeded episodes with the guide flying the warm-up, CSV log, PNG curves and a float "
                        + "policy file with provenance."})
    static final class Bc implements Callable<Integer>, CheckedOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--airframe", defaultValue = "x500", description = "Bundled airframe or YAML path. Default: ${DEFAULT-VALUE}")
        String airframe;
        @Option(names = "--action-space", defaultValue = "attitude",
                description = "attitude (through the autopilot) or motors (the paper's task; use --airframe crazyflie). Default: ${DEFAULT-VALUE}")
        String actionSpace;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the whole run. Default: ${DEFAULT-VALUE}")
        long seed;
        @Option(names = "--episodes", defaultValue = "200", description = "Guide episodes collected. Default: ${DEFAULT-VALUE}")
        int episodes;
        @Option(names = "--collect-noise", defaultValue = "0.1", description = "σ of noise on the applied guide action while collecting. Default: ${DEFAULT-VALUE}")
        double collectNoise;
        @Option(names = "--guide-gains",
                description = "Guide PID gains: ${COMPLETION-CANDIDATES}. Default: crazyflie for motors, stiff for attitude")
        GuideGains guideGains;
        @Option(names = "--hidden", defaultValue = "256,128", split = ",", description = "Hidden LIF layer sizes. Default: ${DEFAULT-VALUE}")
        int[] hidden;
        @Option(names = "--epochs", defaultValue = "300", description = "Default: ${DEFAULT-VALUE}")
        int epochs;
        @Option(names = "--batch", defaultValue = "50", description = "Sequences per step. Default: ${DEFAULT-VALUE}")
        int batch;
        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
        float lr;
        @Option(names = "--clip", defaultValue = "1.0", description = "Gradient-norm clip, 0 = off. Default: ${DEFAULT-VALUE}")
        double clip;
        @Option(names = "--slope", defaultValue = "adaptive",
                description = "fixed:K | interval[:START:END:STEPS] | adaptive[:literal|normalised|cubic|first_order[:K0[:REF]]]. Default: ${DEFAULT-VALUE}")
        String slope;
        @Option(names = "--eval-every", defaultValue = "10", description = "Epochs between evaluations. Default: ${DEFAULT-VALUE}")
        int evalEvery;
        @Option(names = "--eval-episodes", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}")
        int evalEpisodes;
        @Option(names = "--eval-seed", defaultValue = "20251028", description = "Seed of the evaluation episodes. Default: ${DEFAULT-VALUE}")
        long evalSeed;
        @Option(names = "--dagger-every", defaultValue = "0",
                description = "Epochs between DAgger rounds (the SNN flies, the guide labels); 0 = plain BC. Default: ${DEFAULT-VALUE}")
        int daggerEvery;
        @Option(names = "--dagger-episodes", defaultValue = "40", description = "Episodes per DAgger round. Default: ${DEFAULT-VALUE}")
        int daggerEpisodes;
        @Option(names = "--threads", description = "Worker threads (default: all cores).")
        Integer threads;
        @Option(names = "--out", description = "Run directory (default: runs/bc-<airframe>-seed<seed>).")
        Path out;
        @Option(names = "--policy", description = "Policy file to write (default: <out>/policy.safetensors).")
        Path policy;

        /** The settings the checks built from the options. */
        private BcConfig config;

        @Override
        public void checkOptions() {
            OptionChecks check = OptionChecks.of(spec)
                    .parses("--airframe", airframe, Airframes::resolve)
                    .parses("--action-space", actionSpace, ActionSpace::fromId)
                    .atLeast("--episodes", episodes, 1)
                    .atLeast("--collect-noise", collectNoise, 0)
                    .require(hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1),
                            "--hidden expected layer sizes ≥ 1, found " + Arrays.toString(hidden))
                    .atLeast("--epochs", epochs, 1)
                    .atLeast("--batch", batch, 1)
                    .positive("--lr", lr)
                    .atLeast("--clip", clip, 0)
                    .parses("--slope", slope, s -> SlopeSchedules.parse(s, epochs))
                    .atLeast("--eval-every", evalEvery, 1)
                    .atLeast("--eval-episodes", evalEpisodes, 1)
                    .atLeast("--dagger-every", daggerEvery, 0)
                    .atLeast("--dagger-episodes", daggerEpisodes, 1);
            if (threads != null) {
                check.atLeast("--threads", threads, 1);
            }
            if (out != null) {
                check.creatableDirectory("--out", out);
            }
            if (policy != null) {
                check.writableFile("--policy", policy);
            }
            BcConfig c = new BcConfig();
            c.airframe = airframe;
            c.actionSpace = ActionSpace.fromId(actionSpace);
            c.seed = seed;
            c.episodes = episodes;
            c.collectNoise = collectNoise;
            c.guideGains = guideGains;
            c.hidden = hidden;
            c.epochs = epochs;
            c.batchSize = batch;
            c.learningRate = lr;
            c.clipNorm = clip;
            c.slopeSchedule = slope;
            c.evalEvery = evalEvery;
            c.evalEpisodes = evalEpisodes;
            c.evalSeed = evalSeed;
            c.daggerEvery = daggerEvery;
            c.daggerEpisodes = daggerEpisodes;
            if (threads != null) {
                c.threads = threads;
            }
            KeyedOptions.validate(spec, c::validate);
            config = c;
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter stdout = spec.commandLine().getOut();
            BcConfig c = config;
            Path dir = out != null ? out : Path.of("runs", "bc-" + Path.of(airframe).getFileName() + "-seed" + seed);
            Path policyPath = policy != null ? policy : dir.resolve("policy.safetensors");
            String command = "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            String commit = GitCommit.current();
            stdout.println(command);
            stdout.println("commit=" + commit);
            c.entries().forEach((k, v) -> stdout.println(k + "=" + v));
            stdout.flush();
            try (BcReport report = new BcReport(dir, withCommit(c.entries(), commit), command)) {
                long start = System.nanoTime();
                ProgressBar[] bar = {null};
                BcResult result = BcTrainer.train(c, new BcTrainer.Listener() {
                    private String lastEval = "";

                    @Override
                    public void collected(GuideDataset d, Evaluation guide) {
                        stdout.printf(Locale.ROOT, "collected %d episodes (%d discarded), %d windows, guide return"
                                + " %.1f; guide on the evaluation episodes: %s%n", d.episodes(), d.discarded(),
                                d.windows().count(), d.meanGuideReturn(), describe(guide));
                        stdout.flush();
                    }

                    @Override
                    public void batch(int epoch, int b, int batches, double loss) {
                        if (bar[0] == null) {
                            bar[0] = new ProgressBar(System.err, "train bc", (long) c.epochs * batches, start);
                        }
                        bar[0].update((long) (epoch - 1) * batches + b, String.format(Locale.ROOT,
                                "epoch %d loss %.5f%s", epoch, loss, lastEval), System.nanoTime());
                    }

                    @Override
                    public void aggregated(int epoch, int added, int total) {
                        if (bar[0] != null) {
                            bar[0].endLine();
                        }
                        stdout.printf(Locale.ROOT, "epoch %d: DAgger added %d windows, %d in total%n", epoch, added,
                                total);
                        stdout.flush();
                        bar[0] = null;
                    }

                    @Override
                    public void epoch(EpochRecord r) {
                        try {
                            report.append(r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (r.evaluation() != null) {
                            lastEval = String.format(Locale.ROOT, " eval %.1f", r.evaluation().meanReturn());
                            if (bar[0] != null) {
                                bar[0].endLine();
                            }
                            stdout.printf(Locale.ROOT, "epoch %d loss %.5f slope %.1f: %s%n", r.epoch(), r.loss(),
                                    r.slope(), describe(r.evaluation()));
                            stdout.flush();
                        }
                    }
                });
                if (bar[0] != null) {
                    bar[0].finish();
                }
                report.writeCurves(result.log(), result.guide());
                AttitudeLimits limits = BcTrainer.environment(c).attitudeLimits();
                String scaling = c.actionSpace == ActionSpace.MOTORS ? "throttle=(a+1)/2" : scaling(limits);
                PolicyMetadata meta = new PolicyMetadata(BcTrainer.environment(c).controlRateHz(),
                        ObservationBuilder.LAYOUT_ID, c.actionSpace, scaling, c.airframe,
                        new PolicyMetadata.Provenance(command, c.seed, commit), notes(c, result));
                String sha = PolicyFile.write(policyPath, SnnExport.toSnnNetwork(result.network()), meta);
                stdout.printf(Locale.ROOT, "best evaluation at epoch %d: %s%n", result.bestEpoch(),
                        describe(result.best()));
                stdout.println("wrote " + policyPath + " (sha256 " + sha + "), " + dir.resolve(BcReport.LOG) + ", "
                        + dir.resolve(BcReport.CURVE) + ", " + dir.resolve(BcReport.CONFIG));
                stdout.flush();
            }
            return 0;
        }

        private static String describe(Evaluation e) {
            return String.format(Locale.ROOT, "return %.1f, length %.1f, crashes %d/%d, position error %.3f m",
                    e.meanReturn(), e.meanLength(), e.crashes(), e.episodes(), e.meanPositionErrorM());
        }

        private static String scaling(AttitudeLimits l) {
            return l.toMetadata();
        }

        private static Map<String, String> withCommit(Map<String, String> entries, String commit) {
            Map<String, String> m = new LinkedHashMap<>(entries);
            m.put("commit", commit);
            return m;
        }

        private static Map<String, String> notes(BcConfig c, BcResult r) {
            Map<String, String> m = new LinkedHashMap<>();
            c.entries().forEach((k, v) -> m.put("bc." + k, v));
            m.put("eval.best_epoch", Integer.toString(r.bestEpoch()));
            m.put("eval.return", String.format(Locale.ROOT, "%.3f", r.best().meanReturn()));
            m.put("eval.length", String.format(Locale.ROOT, "%.2f", r.best().meanLength()));
            m.put("eval.crashes", r.best().crashes() + "/" + r.best().episodes());
            m.put("eval.position_error_m", String.format(Locale.ROOT, "%.5f", r.best().meanPositionErrorM()));
            m.put("eval.guide_return", String.format(Locale.ROOT, "%.3f", r.guide().meanReturn()));
            return m;
        }
    }
}
