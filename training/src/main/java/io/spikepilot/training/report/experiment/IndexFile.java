package io.spikepilot.training.report.experiment;

import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment runner's {@code index.csv}: one row per run that has finished or been skipped, rewritten after
 * every run. A row that does not read is left out and named in {@link #problems()}; the run's folder is then still
 * found by the scan of {@code runs/}.
 */
final class IndexFile {
    static final String NAME = "index.csv";
    private static final List<String> REQUIRED = List.of("experiment", "method", "setting", "seed", "status",
            "run_dir");

    /** One row; {@code exitCode} null and {@code seconds} NaN where the field is empty. */
    record Row(int line, String experiment, String method, String setting, long seed, RunStatus status,
               Integer exitCode, double seconds, int epochs, String runDir, String command) {
    }

    private final List<Row> rows;
    private final List<String> problems;

    private IndexFile(List<Row> rows, List<String> problems) {
        this.rows = List.copyOf(rows);
        this.problems = List.copyOf(problems);
    }

    List<Row> rows() {
        return rows;
    }

    List<String> problems() {
        return problems;
    }

    static IndexFile read(Path file) throws IOException {
        return parse(LimitedFiles.readAllLines(file, LimitedFiles.LOG_BYTES, "run log"));
    }

    static IndexFile parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add(NAME + ": empty; expected the header line 'experiment,method,setting,seed,...'");
            return new IndexFile(rows, problems);
        }
        List<String> header = CsvRow.split(lines.get(0));
        for (String c : REQUIRED) {
            if (!header.contains(c)) {
                problems.add(NAME + " line 1: column '" + c + "' missing; expected " + String.join(",", REQUIRED)
                        + ",... found '" + lines.get(0) + "'");
                return new IndexFile(rows, problems);
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = NAME + " line " + (i + 1);
            List<String> f = CsvRow.split(lines.get(i));
            if (f.size() != header.size()) {
                problems.add(where + ": expected " + header.size() + " fields, found " + f.size() + "; row left out");
                continue;
            }
            try {
                rows.add(new Row(i + 1, field(header, f, "experiment"), field(header, f, "method"),
                        field(header, f, "setting"), (long) whole(header, f, "seed", where),
                        RunStatus.ofIndex(field(header, f, "status"), where),
                        optionalWhole(header, f, "exit_code", where),
                        optionalNumber(header, f, "seconds", where), optionalEpochs(header, f, where),
                        field(header, f, "run_dir"), field(header, f, "command")));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + "; row left out");
            }
        }
        return new IndexFile(rows, problems);
    }

    private static String field(List<String> header, List<String> f, String name) {
        int c = header.indexOf(name);
        return c < 0 ? "" : f.get(c).trim();
    }

    private static double whole(List<String> header, List<String> f, String name, String where) {
        String v = field(header, f, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ", field " + name + ": expected a whole number, found '" + v
                    + "'");
        }
    }

    private static Integer optionalWhole(List<String> header, List<String> f, String name, String where) {
        return field(header, f, name).isEmpty() ? null : (int) whole(header, f, name, where);
    }

    private static int optionalEpochs(List<String> header, List<String> f, String where) {
        return field(header, f, "epochs").isEmpty() ? 0 : (int) whole(header, f, "epochs", where);
    }

    private static double optionalNumber(List<String> header, List<String> f, String name, String where) {
        String v = field(header, f, name);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ", field " + name + ": expected a number, found '" + v + "'");
        }
    }
}
