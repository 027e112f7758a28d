package io.spikepilot.training.report.experiment;

import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one run folder ({@code config.txt}, {@code log.csv}, {@code stdout.txt}) into a {@link RunRecord}. Whatever
 * is missing or broken becomes a problem of that run, never an exception: one bad run must not hide the others.
 */
final class RunFolder {
    static final String CONFIG = "config.txt";
    static final String LOG = "log.csv";
    static final String STDOUT = "stdout.txt";
    /** The key under which training writes its git commit, in config.txt and in the config echoed to stdout. */
    private static final String COMMIT = "commit";

    private RunFolder() {
    }

    /** What the run is, from its index row or from its folder's name. */
    record Identity(String experiment, String method, String setting, long seed) {
    }

    /**
     * The run in {@code relDir} (relative to {@code experimentDir}); {@code row} is its index row, or null when the
     * index does not list it yet.
     */
    static RunRecord read(Path experimentDir, String relDir, Identity id, IndexFile.Row row) {
        List<String> problems = new ArrayList<>();
        Path dir = experimentDir.resolve(relDir);
        if (!Files.isDirectory(dir)) {
            problems.add(relDir + ": folder missing (" + IndexFile.NAME + " line " + row.line() + " lists it)");
            return new RunRecord(id.experiment(), id.method(), id.setting(), id.seed(), relDir, RunStatus.MISSING,
                    row.exitCode(), row.seconds(), row.epochs(), row.command(), RunRecord.NOT_RECORDED, null, problems);
        }
        Map<String, String> config = config(dir.resolve(CONFIG), relDir + "/" + CONFIG, problems);
        String commit = Optional.ofNullable(config.get(COMMIT)).or(() -> commitInStdout(dir.resolve(STDOUT)))
                .orElse(RunRecord.NOT_RECORDED);
        String command = row != null && !row.command().isEmpty() ? row.command() : config.getOrDefault("command", "");
        int planned = row != null && row.epochs() > 0 ? row.epochs() : epochs(config);
        RunLog log = null;
        if (!RunRecord.DATASET.equals(id.method())) {
            log = log(dir.resolve(LOG), relDir + "/" + LOG, problems);
        }
        RunStatus status;
        if (row != null) {
            status = row.status();
            if (status == RunStatus.COMPLETE && log != null && planned > 0 && log.lastEpoch() < planned) {
                problems.add(relDir + "/" + LOG + ": " + IndexFile.NAME + " says complete but the log holds "
                        + log.lastEpoch() + " of " + planned + " epochs");
            }
        } else {
            status = log != null && planned > 0 && log.lastEpoch() >= planned ? RunStatus.COMPLETE
                    : RunStatus.NOT_INDEXED;
        }
        return new RunRecord(id.experiment(), id.method(), id.setting(), id.seed(), relDir, status,
                row == null ? null : row.exitCode(), row == null ? Double.NaN : row.seconds(), planned, command,
                commit, log, problems);
    }

    private static RunLog log(Path file, String shown, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(shown + ": missing (no epoch logged yet)");
            return null;
        }
        try {
            RunLog log = RunLog.read(file, shown);
            if (log.warning() != null) {
                problems.add(log.warning());
            }
            if (log.nonFiniteReturns() > 0) {
                problems.add(shown + ": " + log.nonFiniteReturns() + " evaluations with a non-finite "
                        + RunLog.RETURN + " (left out of means and deviations)");
            }
            return log;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + "; this run is left out of the figures and tables");
        } catch (IOException e) {
            problems.add(shown + ": cannot be read (" + e.getMessage() + ")");
        }
        return null;
    }

    /** The key=value lines of a config; a line without '=' is a problem, not a failure. */
    private static Map<String, String> config(Path file, String shown, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            List<String> lines = LimitedFiles.readAllLines(file, LimitedFiles.LOG_BYTES, "run log");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (eq <= 0) {
                    problems.add(shown + " line " + (i + 1) + ": expected key=value, found '" + line + "'");
                    continue;
                }
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        } catch (IOException e) {
            problems.add(shown + ": cannot be read (" + e.getMessage() + ")");
        }
        return values;
    }

    private static int epochs(Map<String, String> config) {
        try {
            return Integer.parseInt(config.getOrDefault("epochs", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Training echoes its config, commit included, at the top of stdout; older runs may have only that. */
    private static Optional<String> commitInStdout(Path stdout) {
        if (!Files.isRegularFile(stdout)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(stdout, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(COMMIT + "=")).map(l -> l.substring(COMMIT.length() + 1).trim())
                    .filter(s -> !s.isEmpty()).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
