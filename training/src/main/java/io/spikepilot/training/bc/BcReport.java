package io.spikepilot.training.bc;

import io.spikepilot.report.plot.LinePlot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Files of a BC run: {@code config.txt}, {@code log.csv} (appended per epoch) and {@code learning-curve.png}. */
public final class BcReport implements AutoCloseable {
    public static final String CONFIG = "config.txt";
    public static final String LOG = "log.csv";
    public static final String CURVE = "learning-curve.png";

    private final Path directory;
    private final Writer log;

    public BcReport(Path directory, Map<String, String> config, String command) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder("command=" + command + "\n");
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(directory.resolve(CONFIG), text, StandardCharsets.UTF_8);
        log = Files.newBufferedWriter(directory.resolve(LOG), StandardCharsets.UTF_8);
        log.write("epoch,loss,slope,grad_norm,eval_return,eval_length,eval_crashes,eval_position_error_m,seconds\n");
        log.flush();
    }

    public void append(EpochRecord r) throws IOException {
        Evaluation e = r.evaluation();
        log.write(String.format(Locale.ROOT, "%d,%.8g,%.4g,%.6g,%s,%s,%s,%s,%.2f%n", r.epoch(), r.loss(), r.slope(),
                r.gradNorm(), e == null ? "" : String.format(Locale.ROOT, "%.4f", e.meanReturn()),
                e == null ? "" : String.format(Locale.ROOT, "%.2f", e.meanLength()),
                e == null ? "" : Integer.toString(e.crashes()),
                e == null ? "" : String.format(Locale.ROOT, "%.5f", e.meanPositionErrorM()), r.seconds()));
        log.flush();
    }

    /** Draws the training loss (log scale) and the evaluation return against epochs. */
    public void writeCurves(List<EpochRecord> records, Evaluation guide) throws IOException {
        double[] epochs = new double[records.size()];
        double[] loss = new double[records.size()];
        int evals = 0;
        for (EpochRecord r : records) {
            evals += r.evaluation() == null ? 0 : 1;
        }
        double[] evalEpochs = new double[evals];
        double[] returns = new double[evals];
        double[] guideReturn = new double[evals];
        int k = 0;
        for (int i = 0; i < records.size(); i++) {
            EpochRecord r = records.get(i);
            epochs[i] = r.epoch();
            loss[i] = r.loss();
            if (r.evaluation() != null) {
                evalEpochs[k] = r.epoch();
                returns[k] = r.evaluation().meanReturn();
                guideReturn[k] = guide == null ? Double.NaN : guide.meanReturn();
                k++;
            }
        }
        new LinePlot("BC training loss (masked MSE)", "epoch", "loss", true)
                .series("train loss", epochs, loss)
                .writePng(directory.resolve("loss.png"));
        LinePlot curve = new LinePlot("BC evaluation return (" + (guide == null ? "?" : guide.episodes())
                + " seeded episodes, guide flies the warm-up)", "epoch", "mean return", false)
                .series("SNN", evalEpochs, returns);
        if (guide != null) {
            curve.series("guide", evalEpochs, guideReturn);
        }
        curve.writePng(directory.resolve(CURVE));
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
