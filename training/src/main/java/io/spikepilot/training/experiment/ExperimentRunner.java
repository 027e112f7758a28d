package io.spikepilot.training.experiment;

import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.training.rl.JsrlCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an experiment's runs as separate child processes, at most {@code parallel} at a time, and keeps an index.
 *
 * <p>Before starting a run it looks at the run's folder: a run whose {@code log.csv} ends with the row of its last
 * epoch is <em>complete</em> and skipped (a dataset job is complete when its file exists — it is written to a
 * temporary name and moved into place); an incomplete run of a method that checkpoints and has
 * {@code checkpoint.bin} is <em>resumed</em> from it ({@code --resume}), after its log is cut back to the
 * checkpoint's epoch so no epoch is logged twice; anything else is started <em>fresh</em>. The dataset job runs
 * first and alone, since the offline runs read its file. A child's stdout and stderr go to {@code stdout.txt} in its
 * folder. After every run the index ({@value #INDEX}) is rewritten: one row per run with its status, exit code,
 * wall time, last logged epoch, final and best test returns at the last curriculum level, folder and command.
 */
public final class ExperimentRunner {
    public static final String INDEX = "index.csv";
    public static final String LOG = "log.csv";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String STDOUT = "stdout.txt";
    static final String INDEX_HEADER = "experiment,method,setting,seed,status,action,exit_code,seconds,epochs_logged,"
            + "epochs,final_return_last_level,best_return_last_level,run_dir,command";

    /** Starts a child for {@code spikepilot <args>}, its output to {@code log}. */
    public interface Launcher {
        Process start(List<String> args, Path log) throws IOException;
    }

    /** What the runner does with a run, decided from its folder. */
    public enum Action { SKIP, RESUME, FRESH }

    /** The outcome of one run. */
    public record Outcome(RunSpec run, Action action, int exitCode, double seconds) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final String experiment;
    private final Path out;
    private final Launcher launcher;
    private final int parallel;
    private final PrintStream progress;
    private final List<Outcome> outcomes = new ArrayList<>();
    private long startNanos;
    private int total;

    public ExperimentRunner(String experiment, Path out, Launcher launcher, int parallel, PrintStream progress) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel: expected ≥ 1, found " + parallel);
        }
        this.experiment = experiment;
        this.out = out;
        this.launcher = launcher;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** The action {@code run}'s folder calls for. */
    public static Action decide(RunSpec run) {
        if (run.output() != null) {
            return Files.isRegularFile(run.output()) ? Action.SKIP : Action.FRESH;
        }
        if (lastEpoch(run.dir().resolve(LOG)) >= run.epochs()) {
            return Action.SKIP;
        }
        return run.resumable() && Files.isRegularFile(run.dir().resolve(CHECKPOINT)) ? Action.RESUME : Action.FRESH;
    }

    /** The epoch of the last complete row of a run's log.csv; 0 when there is none. */
    public static int lastEpoch(Path log) {
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        List<String> lines;
        try {
            lines = LimitedFiles.readAllLines(log, LimitedFiles.LOG_BYTES, "run log");
        } catch (IOException e) {
            return 0;
        }
        int last = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma <= 0 || line.split(",", -1).length != lines.get(0).split(",", -1).length) {
                continue; // a row cut short by a kill is not an epoch
            }
            try {
                last = Math.max(last, Integer.parseInt(line.substring(0, comma)));
            } catch (NumberFormatException e) {
                // not a data row
            }
        }
        return last;
    }

    /** Runs everything that is not complete; returns the outcomes in plan order. */
    public List<Outcome> run(List<RunSpec> runs) throws IOException, InterruptedException {
        Files.createDirectories(out);
        startNanos = System.nanoTime();
        total = runs.size();
        List<RunSpec> training = new ArrayList<>();
        for (RunSpec r : runs) {
            if (r.output() != null) {
                record(execute(r));
            } else {
                training.add(r);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RunSpec r : training) {
                futures.add(pool.submit(() -> record(execute(r))));
            }
            for (Future<Outcome> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("experiment: a run failed to start: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        writeIndex(runs);
        List<Outcome> ordered = new ArrayList<>();
        for (RunSpec r : runs) {
            synchronized (outcomes) {
                outcomes.stream().filter(o -> o.run().equals(r)).findFirst().ifPresent(ordered::add);
            }
        }
        return ordered;
    }

    private Outcome execute(RunSpec run) throws IOException, InterruptedException {
        Action action = decide(run);
        if (action == Action.SKIP) {
            return new Outcome(run, action, 0, 0);
        }
        Files.createDirectories(run.dir());
        List<String> args = new ArrayList<>(run.args());
        if (action == Action.RESUME) {
            Path checkpoint = run.dir().resolve(CHECKPOINT);
            int done;
            try {
                done = JsrlCheckpoint.readEpochsDone(checkpoint);
            } catch (IllegalArgumentException e) {
                done = -1;
            }
            if (done < 0) {
                action = Action.FRESH; // an unreadable checkpoint: start again rather than fail
                Files.deleteIfExists(checkpoint);
            } else {
                cutLog(run.dir().resolve(LOG), done);
                args.addAll(List.of("--resume", checkpoint.toString()));
            }
        }
        synchronized (this) {
            progress.printf(Locale.ROOT, "[%s] %s %s%n", clock(), action == Action.RESUME ? "resuming" : "starting",
                    run.id());
        }
        long t0 = System.nanoTime();
        Process p = launcher.start(args, run.dir().resolve(STDOUT));
        int code = p.waitFor();
        return new Outcome(run, action, code, (System.nanoTime() - t0) / 1e9);
    }

    /** Keeps the header and the rows of epochs ≤ {@code epochs}. */
    static void cutLog(Path log, int epochs) throws IOException {
        if (!Files.isRegularFile(log)) {
            return;
        }
        List<String> lines = LimitedFiles.readAllLines(log, LimitedFiles.LOG_BYTES, "run log");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0) {
                kept.add(line);
                continue;
            }
            int comma = line.indexOf(',');
            try {
                if (comma > 0 && Integer.parseInt(line.substring(0, comma)) <= epochs
                        && line.split(",", -1).length == lines.get(0).split(",", -1).length) {
                    kept.add(line);
                }
            } catch (NumberFormatException e) {
                // dropped
            }
        }
        Files.write(log, kept, StandardCharsets.UTF_8);
    }

    private Outcome record(Outcome o) {
        synchronized (outcomes) {
            outcomes.add(o);
        }
        int finished;
        synchronized (outcomes) {
            finished = outcomes.size();
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String what = o.action() == Action.SKIP ? "complete, skipped"
                : (o.ok() ? "finished" : "FAILED (exit " + o.exitCode() + ", see " + o.run().dir().resolve(STDOUT)
                        + ")") + String.format(Locale.ROOT, " in %.0f s", o.seconds());
        synchronized (this) {
            progress.printf(Locale.ROOT, "[%s] %d/%d %s: %s%n", clock(), finished, total, o.run().id(), what);
            progress.flush();
        }
        try {
            writeIndex(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o;
    }

    private String clock() {
        long s = (long) ((System.nanoTime() - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Rewrites the index from the outcomes so far (in plan order when {@code plan} is given). */
    private synchronized void writeIndex(List<RunSpec> plan) throws IOException {
        List<Outcome> rows;
        synchronized (outcomes) {
            rows = new ArrayList<>(outcomes);
        }
        if (plan != null) {
            rows.sort((a, b) -> Integer.compare(plan.indexOf(a.run()), plan.indexOf(b.run())));
        }
        StringBuilder s = new StringBuilder(INDEX_HEADER).append('\n');
        for (Outcome o : rows) {
            RunSpec r = o.run();
            Path log = r.dir().resolve(LOG);
            double[] returns = r.output() == null ? returns(log) : new double[] {Double.NaN, Double.NaN};
            boolean complete = decide(r) == Action.SKIP;
            s.append(String.join(",", experiment, r.method(), r.setting(), Long.toString(r.seed()),
                    complete ? "complete" : o.ok() ? "incomplete" : "failed", o.action().name().toLowerCase(Locale.ROOT),
                    Integer.toString(o.exitCode()), String.format(Locale.ROOT, "%.1f", o.seconds()),
                    Integer.toString(r.output() == null ? lastEpoch(log) : 0), Integer.toString(r.epochs()),
                    number(returns[0]), number(returns[1]), csv(out.relativize(r.dir()).toString()),
                    csv("spikepilot " + String.join(" ", r.args())))).append('\n');
        }
        Path tmp = out.resolve(INDEX + ".tmp");
        Files.writeString(tmp, s, StandardCharsets.UTF_8);
        Files.move(tmp, out.resolve(INDEX), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The last and the best {@code eval_return_final} of a log; NaN when it has none. */
    static double[] returns(Path log) {
        double last = Double.NaN;
        double best = Double.NaN;
        try {
            List<String> lines = LimitedFiles.readAllLines(log, LimitedFiles.LOG_BYTES, "run log");
            if (lines.isEmpty()) {
                return new double[] {last, best};
            }
            int col = List.of(lines.get(0).split(",")).indexOf("eval_return_final");
            for (int i = 1; i < lines.size() && col >= 0; i++) {
                String[] f = lines.get(i).split(",", -1);
                if (f.length > col && !f[col].isEmpty()) {
                    double v = Double.parseDouble(f[col]);
                    last = v;
                    best = Double.isNaN(best) ? v : Math.max(best, v);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a missing or odd log leaves NaN
        }
        return new double[] {last, best};
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
