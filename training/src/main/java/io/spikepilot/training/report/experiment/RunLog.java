package io.spikepilot.training.report.experiment;

import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evaluations of one training run's {@code log.csv}: for each epoch that evaluated (its {@code eval_*} fields are
 * not empty), the cumulative environment steps and the test return and episode length at the last curriculum level
 * ({@code eval_return_final}, {@code eval_length_final}: the paper's reported figures). Only the columns the report
 * needs must be present ({@code epoch}, {@code env_steps}, {@code eval_return_final}; the length falls back to
 * {@code eval_length}, then to none), so a log with more (or reordered) columns still reads.
 *
 * <p>A row with the wrong number of fields is where a killed run stopped writing: like a flight log with a broken
 * tail, the log is read up to it and {@link #warning()} says where it broke. A field that is not a number, or a
 * missing column, makes the log unreadable ({@link IllegalArgumentException} naming file, line, field, expected and
 * found).
 */
public final class RunLog {
    static final String EPOCH = "epoch";
    static final String ENV_STEPS = "env_steps";
    static final String RETURN = "eval_return_final";
    static final String LENGTH = "eval_length_final";
    /** A log without a curriculum (the slope study's before it wrote {@link #LENGTH}) has only this length. */
    static final String LENGTH_WITHOUT_CURRICULUM = "eval_length";
    static final List<String> REQUIRED = List.of(EPOCH, ENV_STEPS, RETURN);

    /** One evaluation: epoch, environment steps so far, mean test return and episode length at the last level. */
    public record Evaluation(int epoch, double envSteps, double returnFinal, double lengthFinal) {
    }

    private final List<Evaluation> evaluations;
    private final int lastEpoch;
    private final int rows;
    private final boolean envStepsConstant;
    private final String warning;

    private RunLog(List<Evaluation> evaluations, int lastEpoch, int rows, boolean envStepsConstant, String warning) {
        this.evaluations = List.copyOf(evaluations);
        this.lastEpoch = lastEpoch;
        this.rows = rows;
        this.envStepsConstant = envStepsConstant;
        this.warning = warning;
    }

    /** Reads {@code file}; {@code shown} is its name in messages (e.g. relative to the experiment folder). */
    public static RunLog read(Path file, String shown) throws IOException {
        return parse(LimitedFiles.readAllLines(file, LimitedFiles.LOG_BYTES, "run log"), shown);
    }

    static RunLog parse(List<String> lines, String shown) {
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(shown + ": empty; expected a header line starting 'epoch,'");
        }
        List<String> header = CsvRow.split(lines.get(0));
        int[] col = new int[REQUIRED.size() + 1];
        for (int k = 0; k < REQUIRED.size(); k++) {
            col[k] = header.indexOf(REQUIRED.get(k));
            if (col[k] < 0) {
                throw new IllegalArgumentException(shown + " line 1: column '" + REQUIRED.get(k)
                        + "' missing; expected a training log header with " + String.join(", ", REQUIRED)
                        + ", found '" + lines.get(0) + "'");
            }
        }
        // the length is optional: without it the curves of episode length leave the run out (NaN)
        col[3] = header.contains(LENGTH) ? header.indexOf(LENGTH) : header.indexOf(LENGTH_WITHOUT_CURRICULUM);
        List<Evaluation> evaluations = new ArrayList<>();
        int lastEpoch = 0;
        int rows = 0;
        double minSteps = Double.POSITIVE_INFINITY;
        double maxSteps = Double.NEGATIVE_INFINITY;
        String warning = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = CsvRow.split(line);
            if (f.size() != header.size()) {
                int unread = (int) lines.subList(i + 1, lines.size()).stream().filter(l -> !l.isBlank()).count();
                warning = shown + " line " + lineNo + ": expected " + header.size() + " fields, found " + f.size()
                        + " (the row was cut short); read up to line " + (lineNo - 1)
                        + (unread > 0 ? ", " + unread + " later lines not read" : "");
                break;
            }
            int epoch = (int) number(f.get(col[0]), shown, lineNo, EPOCH, true);
            double steps = number(f.get(col[1]), shown, lineNo, ENV_STEPS, false);
            rows++;
            lastEpoch = Math.max(lastEpoch, epoch);
            minSteps = Math.min(minSteps, steps);
            maxSteps = Math.max(maxSteps, steps);
            String ret = f.get(col[2]).trim();
            if (!ret.isEmpty()) {
                String len = col[3] < 0 ? "" : f.get(col[3]).trim();
                evaluations.add(new Evaluation(epoch, steps, number(ret, shown, lineNo, RETURN, false),
                        len.isEmpty() ? Double.NaN : number(len, shown, lineNo, LENGTH, false)));
            }
        }
        return new RunLog(evaluations, lastEpoch, rows, rows >= 2 && minSteps == maxSteps, warning);
    }

    private static double number(String s, String shown, int line, String field, boolean whole) {
        String v = s.trim();
        try {
            if (whole) {
                return Integer.parseInt(v);
            }
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + " line " + line + ", field " + field + ": expected "
                    + (whole ? "a whole number" : "a number (or NaN)") + ", found '" + v + "'");
        }
    }

    /** The evaluations in log order. */
    public List<Evaluation> evaluations() {
        return evaluations;
    }

    /** The last epoch logged (0 when no row). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** Rows read. */
    public int rows() {
        return rows;
    }

    /**
     * Whether {@code env_steps} never changed: an offline method logs its dataset's size, collects nothing, and has
     * no place on an environment-step axis.
     */
    public boolean envStepsConstant() {
        return envStepsConstant;
    }

    /** Where the log broke off, or null when it read to the end. */
    public String warning() {
        return warning;
    }

    /** The first evaluation whose return at the last level is at least {@code threshold}. */
    public Optional<Evaluation> firstReaching(double threshold) {
        return evaluations.stream().filter(e -> e.returnFinal() >= threshold).findFirst();
    }

    /** The last evaluation's return at the last level; NaN when none. */
    public double finalReturn() {
        return evaluations.isEmpty() ? Double.NaN : evaluations.get(evaluations.size() - 1).returnFinal();
    }

    /** The last evaluation's episode length at the last level; NaN when none. */
    public double finalLength() {
        return evaluations.isEmpty() ? Double.NaN : evaluations.get(evaluations.size() - 1).lengthFinal();
    }

    /** The best finite return at the last level; NaN when none. */
    public double bestReturn() {
        return evaluations.stream().mapToDouble(Evaluation::returnFinal).filter(Double::isFinite).max()
                .orElse(Double.NaN);
    }

    /** Evaluations whose return is NaN or infinite (the statistics leave them out; the report says so). */
    public long nonFiniteReturns() {
        return evaluations.stream().filter(e -> !Double.isFinite(e.returnFinal())).count();
    }
}
