package io.spikepilot.training.rl;

import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.report.plot.LinePlot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files of a TD3BC+JSRL run: {@code config.txt} (the command, the commit and every setting, readable by
 * {@code --config}), {@code log.csv} (one row per epoch, appended as the run goes, so a run that is stopped keeps its
 * log) and the PNG learning curves: {@code learning-curve.png} (test return at the current and at the last
 * curriculum level, with the guide's), {@code episode-length.png} and {@code losses.png}.
 */
public final class JsrlReport implements AutoCloseable {
    public static final String CONFIG = "config.txt";
    public static final String LOG = "log.csv";
    public static final String CURVE = "learning-curve.png";
    public static final String LENGTH = "episode-length.png";
    public static final String LOSSES = "losses.png";
    static final String HEADER = "epoch,curriculum_level,guide_horizon,slope,bc_weight,rollouts,refused,"
            + "collect_return,collect_length,windows,env_steps,critic_loss,mean_q,lambda,bc_loss,actor_grad_norm,"
            + "eval_return,eval_length,eval_crashes,eval_position_error_m,eval_return_final,eval_length_final,"
            + "collect_s,update_s,critic_s,actor_s,eval_s,seconds";

    private final Path directory;
    private final Writer log;

    /** Starts a run's files; {@code append} continues the log of a resumed run instead of starting it anew. */
    public JsrlReport(Path directory, Map<String, String> config, String command, boolean append) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder("command=" + command + "\n");
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(directory.resolve(CONFIG), text, StandardCharsets.UTF_8);
        Path logFile = directory.resolve(LOG);
        boolean fresh = !append || !Files.exists(logFile);
        log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        if (fresh) {
            log.write(HEADER + "\n");
            log.flush();
        }
    }

    public Path directory() {
        return directory;
    }

    public void append(JsrlEpoch r) throws IOException {
        Evaluation e = r.evaluation();
        Evaluation f = r.finalEvaluation();
        GuidedCollector.Round c = r.collected();
        log.write(String.format(Locale.ROOT,
                "%d,%d,%d,%.4g,%.6g,%d,%d,%.3f,%.1f,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%s,%s,%s,%s,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f%n",
                r.epoch(), r.curriculumLevel(), r.guideHorizon(), r.slope(), r.bcWeight(), c.accepted(), c.refused(),
                c.meanReturn(), c.meanLength(), r.windows(), r.envSteps(), r.criticLoss(), r.meanQ(), r.lambda(),
                r.bcLoss(), r.actorGradNorm(),
                e == null ? "" : fmt("%.4f", e.meanReturn()), e == null ? "" : fmt("%.2f", e.meanLength()),
                e == null ? "" : Integer.toString(e.crashes()), e == null ? "" : fmt("%.5f", e.meanPositionErrorM()),
                f == null ? "" : fmt("%.4f", f.meanReturn()), f == null ? "" : fmt("%.2f", f.meanLength()),
                r.collectSeconds(), r.updateSeconds(), r.criticSeconds(), r.actorSeconds(), r.evalSeconds(),
                r.seconds()));
        log.flush();
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    /** Draws the learning curves of the epochs so far. */
    public void writeCurves(List<JsrlEpoch> records, Evaluation guide, Evaluation guideFinal) throws IOException {
        int evals = (int) records.stream().filter(r -> r.evaluation() != null).count();
        double[] x = new double[evals];
        double[] ret = new double[evals];
        double[] retFinal = new double[evals];
        double[] len = new double[evals];
        double[] guideLine = new double[evals];
        int k = 0;
        for (JsrlEpoch r : records) {
            if (r.evaluation() != null) {
                x[k] = r.epoch();
                ret[k] = r.evaluation().meanReturn();
                retFinal[k] = r.finalEvaluation().meanReturn();
                len[k] = r.evaluation().meanLength();
                guideLine[k] = guideFinal == null ? Double.NaN : guideFinal.meanReturn();
                k++;
            }
        }
        if (evals > 0) {
            new LinePlot("TD3BC+JSRL test return (" + guide.episodes() + " seeded episodes, guide flies the warm-up)",
                    "epoch", "mean return", false)
                    .series("SNN, last curriculum level", x, retFinal)
                    .series("SNN, current level", x, ret)
                    .series("guide alone, last level", x, guideLine)
                    .writePng(directory.resolve(CURVE));
            new LinePlot("TD3BC+JSRL test episode length", "epoch", "steps", false)
                    .series("SNN", x, len)
                    .writePng(directory.resolve(LENGTH));
        }
        double[] epochs = new double[records.size()];
        double[] critic = new double[records.size()];
        double[] bc = new double[records.size()];
        for (int i = 0; i < records.size(); i++) {
            epochs[i] = records.get(i).epoch();
            critic[i] = records.get(i).criticLoss();
            bc[i] = records.get(i).bcLoss();
        }
        if (records.size() > 1) {
            new LinePlot("TD3BC+JSRL losses", "epoch", "loss", true)
                    .series("critic (mean of the twins)", epochs, critic)
                    .series("BC ‖â − a‖² (t ≥ warm-up)", epochs, bc)
                    .writePng(directory.resolve(LOSSES));
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
