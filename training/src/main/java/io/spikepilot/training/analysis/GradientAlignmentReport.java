package io.spikepilot.training.analysis;

import io.spikepilot.report.plot.LinePlot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a study result as {@code gradient-alignment.csv} and the two Fig. 1 plots as PNG. The CSV's
 * {@code zero_norm_samples} column counts, out of the seeds × N samples named in the comment line, those whose cosine
 * had no direction (either norm 0): they enter the cosine average as 0, except on the reference row, which is 1 by
 * construction.
 */
public final class GradientAlignmentReport {
    private GradientAlignmentReport() {
    }

    public static final String CSV = "gradient-alignment.csv";
    public static final String COSINE_PNG = "cosine-similarity.png";
    public static final String MAGNITUDE_PNG = "gradient-magnitude.png";

    public static void write(GradientAlignmentResult r, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Writer w = Files.newBufferedWriter(directory.resolve(CSV), StandardCharsets.UTF_8)) {
            w.write("# " + r.config + " samples_per_cell=" + r.samplesPerCell()
                    + " (zero-norm samples: cosine 0, averaged in; reference slope: cosine 1 by construction)\n");
            w.write("slope,layer,cosine_similarity,mean_abs_gradient,zero_norm_samples\n");
            for (int k = 0; k < r.config.slopes.length; k++) {
                for (int l = 0; l < r.config.weightLayers(); l++) {
                    w.write(String.format(Locale.ROOT, "%s,%d,%.9g,%.9g,%d%n", r.config.slopes[k], l, r.cosine[k][l],
                            r.meanAbsGradient[k][l], r.zeroNormSamples[k][l]));
                }
            }
        }
        double[] layers = new double[r.config.weightLayers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = l;
        }
        String seeds = " (" + r.config.seeds + " seeds, N=" + r.config.samples + ")";
        LinePlot cosine = new LinePlot("Cosine similarity with k=" + r.config.referenceSlope + seeds, "layer",
                "cosine similarity", false);
        LinePlot magnitude = new LinePlot("Mean |dL/dW| per layer" + seeds, "layer", "mean |gradient|", true);
        for (int k = 0; k < r.config.slopes.length; k++) {
            cosine.series("k = " + r.config.slopes[k], layers, r.cosine[k]);
            magnitude.series("k = " + r.config.slopes[k], layers, r.meanAbsGradient[k]);
        }
        cosine.writePng(directory.resolve(COSINE_PNG));
        magnitude.writePng(directory.resolve(MAGNITUDE_PNG));
    }
}
