package io.spikepilot.training.stacked;

import io.spikepilot.training.rl.AnnGuideTrainer.Test;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The run files of a slope-study run: {@code config.txt} (command, commit, every setting as {@code key=value}) and
 * {@code log.csv}, one row per epoch, flushed as it is written. The columns are named as in {@code train jsrl}'s log
 * where they mean the same ({@code epoch} first, {@code eval_return_final} and {@code eval_length_final} the reported
 * figures: with no curriculum in this study they equal {@code eval_return} and {@code eval_length}); a column that does not apply to the method is NaN, an epoch without an
 * evaluation leaves the evaluation columns empty.
 */
public final class StackedLog implements AutoCloseable {
    public static final String CONFIG = "config.txt";
    public static final String LOG = "log.csv";
    public static final String HEADER = "epoch,slope,env_steps,updates,critic_loss,actor_q,bc_loss,eval_return,"
            + "eval_length,eval_crashes,eval_return_final,eval_length_final,seconds";

    private final Writer log;

    public StackedLog(Path directory, String command, String commit, Map<String, String> config) throws IOException {
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder("command=" + command + "\ncommit=" + commit + "\n");
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(directory.resolve(CONFIG), text, StandardCharsets.UTF_8);
        log = Files.newBufferedWriter(directory.resolve(LOG), StandardCharsets.UTF_8);
        log.write(HEADER + "\n");
        log.flush();
    }

    /** One epoch's row; {@code test} may be null. */
    public void append(int epoch, float slope, long envSteps, long updates, double criticLoss, double actorQ,
            double bcLoss, Test test, double seconds) throws IOException {
        String eval = test == null ? ",,,,"
                : String.format(Locale.ROOT, "%.4f,%.2f,%d,%.4f,%.2f", test.meanReturn(), test.meanLength(),
                        test.crashes(), test.meanReturn(), test.meanLength());
        log.write(String.format(Locale.ROOT, "%d,%.3f,%d,%d,%.6g,%.6g,%.6g,%s,%.1f%n", epoch, slope, envSteps,
                updates, criticLoss, actorQ, bcLoss, eval, seconds));
        log.flush();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
