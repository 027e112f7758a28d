package io.spikepilot.tools;

import io.spikepilot.training.analysis.GradientAlignmentConfig;
import io.spikepilot.training.analysis.GradientAlignmentReport;
import io.spikepilot.training.analysis.GradientAlignmentResult;
import io.spikepilot.training.analysis.GradientAlignmentStudy;
import io.spikepilot.training.analysis.ShapeCriteria;
import io.spikepilot.training.report.ProgressBar;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot analyze ...}: offline analyses of networks and training. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Analyses of surrogate gradients and trained networks.",
        subcommands = {AnalyzeCommand.Gradients.class, AnalyzeNetworkCommand.class,
            AnalyzeBitsCommand.class})
public final class AnalyzeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The gradient-alignment study of paper Fig. 1 (paper-spec §2.5). */
    @Command(name = "gradients", mixinStandardHelpOptions = true,
            description = {
                "Surrogate-slope study (paper Fig. 1): cosine similarity with the k=100 gradient and mean "
                        + "|dL/dW| per layer of a 4x64 LIF network, averaged over seeds.",
                "Writes CSV and PNG plots and checks the shape criteria of paper-spec section 6 items 2-3. A "
                        + "sample whose gradient in a layer is zero (its input spikes all silent) counts as "
                        + "cosine 0 and is counted per layer and slope; the k=100 curve is 1 by construction."})
    static final class Gradients implements Callable<Integer>, CheckedOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--seeds", defaultValue = "20",
                description = "Repetitions averaged (the paper uses 100; 20 take a few seconds). Default: ${DEFAULT-VALUE}")
        int seeds;

        @Option(names = "--first-seed", defaultValue = "1", description = "Seed of the first repetition. Default: ${DEFAULT-VALUE}")
        long firstSeed;

        @Option(names = "--samples", defaultValue = "256", description = "Samples N per repetition. Default: ${DEFAULT-VALUE}")
        int samples;

        @Option(names = "--threads", description = "Worker threads (default: all cores).")
        Integer threads;

        @Option(names = "--out", defaultValue = "gradient-alignment",
                description = "Output directory for CSV and PNG files. Default: ${DEFAULT-VALUE}")
        Path out;

        @Option(names = "--require-shape", description = "Exit with status 1 when a shape criterion fails.")
        boolean requireShape;

        @Override
        public void checkOptions() {
            OptionChecks check = OptionChecks.of(spec)
                    .atLeast("--seeds", seeds, 1)
                    .atLeast("--samples", samples, 1)
                    .creatableDirectory("--out", out);
            if (threads != null) {
                check.atLeast("--threads", threads, 1);
            }
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter stdout = spec.commandLine().getOut();
            GradientAlignmentConfig base = GradientAlignmentConfig.paper(seeds, firstSeed);
            GradientAlignmentConfig config = new GradientAlignmentConfig(base.inputSize, base.hiddenSize,
                    base.spikingLayers, base.outputSize, base.steps, samples, base.slopes, base.referenceSlope, seeds,
                    firstSeed);
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            stdout.println("gradient-alignment study: " + config + " threads=" + workers);
            stdout.flush();
            ProgressBar bar = new ProgressBar(System.err, "seeds", seeds, System.nanoTime());
            GradientAlignmentResult result =
                    GradientAlignmentStudy.run(config, workers, (done, total) -> bar.update(done, "", System.nanoTime()));
            bar.finish();
            GradientAlignmentReport.write(result, out);
            stdout.println("layer  " + header(config));
            for (int l = 0; l < config.weightLayers(); l++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d ", l));
                for (int k = 0; k < config.slopes.length; k++) {
                    row.append(String.format(Locale.ROOT, "  %6.3f / %8.2e", result.cosine[k][l],
                            result.meanAbsGradient[k][l]));
                }
                stdout.println(row);
            }
            stdout.println("zero-norm samples (of " + result.samplesPerCell()
                    + " per cell; cosine 0 and averaged in, except k=" + config.referenceSlope
                    + " whose self-similarity is 1 by construction):");
            stdout.println("layer  " + zeroHeader(config));
            for (int l = 0; l < config.weightLayers(); l++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d ", l));
                for (int k = 0; k < config.slopes.length; k++) {
                    row.append(String.format(Locale.ROOT, " %9d", result.zeroNormSamples[k][l]));
                }
                stdout.println(row);
            }
            List<ShapeCriteria.Criterion> criteria = ShapeCriteria.evaluate(result);
            for (ShapeCriteria.Criterion c : criteria) {
                stdout.println(c);
            }
            boolean holds = ShapeCriteria.allHold(criteria);
            stdout.println("shape criteria (paper-spec §6 items 2-3): " + (holds ? "all hold" : "NOT all hold"));
            stdout.println("wrote " + out.resolve(GradientAlignmentReport.CSV) + ", "
                    + out.resolve(GradientAlignmentReport.COSINE_PNG) + ", "
                    + out.resolve(GradientAlignmentReport.MAGNITUDE_PNG));
            stdout.flush();
            return holds || !requireShape ? 0 : 1;
        }

        private static String zeroHeader(GradientAlignmentConfig config) {
            StringBuilder h = new StringBuilder();
            for (float k : config.slopes) {
                h.append(String.format(Locale.ROOT, " %9s", "k=" + k));
            }
            return h.toString();
        }

        private static String header(GradientAlignmentConfig config) {
            StringBuilder h = new StringBuilder();
            for (float k : config.slopes) {
                h.append(String.format(Locale.ROOT, "  k=%-5s cos / |grad| ", k));
            }
            return h.toString();
        }
    }
}
