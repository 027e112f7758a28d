package io.spikepilot.training.report.experiment;

import io.spikepilot.report.html.HtmlPage;
import io.spikepilot.report.html.HtmlTable;
import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: figures embedded as base64 {@code data:} URIs, CSS inline, no script
 * and no link out, so the file can be mailed, archived or opened offline and still shows everything. Per experiment:
 * a summary per group, our numbers beside the paper's, the figures; then every run with its status, seed, commit
 * and command, and every problem found, each naming its file.
 */
public final class ExperimentHtml {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private ExperimentHtml() {
    }

    /**
     * Writes the page for {@code report} to {@code html}, embedding {@code figures} (files in {@code html}'s
     * folder, as {@link ExperimentFigures#write} left them).
     */
    public static void write(ExperimentReport report, List<ExperimentFigures.Figure> figures, Path html,
            Instant generatedAt) throws IOException {
        Path folder = html.toAbsolutePath().getParent();
        HtmlPage s = new HtmlPage("Experiment report: " + ExperimentReport.nameFromFolder(report.dir()));
        s.paragraph("note", "Generated " + WHEN.format(generatedAt) + " by spikepilot report experiment from "
                + report.dir().toAbsolutePath().normalize() + ". " + counts(report.runs()));
        s.paragraph("note", "Returns and episode lengths are the mean test return and length at the last "
                + "curriculum level (eval_return_final, the paper's reported figure). ± is one sample standard "
                + "deviation over seeds (n − 1); tables count complete runs only, curves every run with a log.");
        for (String experiment : report.experiments()) {
            experiment(s, report, experiment, figures, folder);
        }
        s.heading("Runs").table(runs(report.runs()));
        List<String> problems = report.allProblems();
        s.heading("Problems");
        if (problems.isEmpty()) {
            s.paragraph("note", "None: every log read to its end.");
        } else {
            s.list("problems", problems);
        }
        s.write(html);
    }

    private static void experiment(HtmlPage s, ExperimentReport report, String experiment,
            List<ExperimentFigures.Figure> figures, Path folder) throws IOException {
        List<RunGroup> groups = report.groups(experiment);
        s.heading(experiment).subheading("Per method and setting").table(summary(groups));
        var paper = PaperTables.of(experiment, groups);
        if (paper.isPresent()) {
            s.subheading("Beside the paper").paragraph("note", PaperTables.source(experiment)).table(paper.get());
        }
        for (ExperimentFigures.Figure f : figures) {
            if (!f.experiment().equals(experiment)) {
                continue;
            }
            byte[] png = LimitedFiles.readAllBytes(folder.resolve(f.file()), LimitedFiles.LOG_BYTES, "figure");
            s.figure(png, f.file(), f.caption());
        }
    }

    private static HtmlTable summary(List<RunGroup> groups) {
        HtmlTable t = new HtmlTable("group", "method", "setting", "complete seeds", "final return", "best return",
                "final episode length", "env steps to return 100", "epochs to return 100");
        for (RunGroup g : groups) {
            t.row(g.complete().size() < g.runs().size() ? "warn" : null, g.label(), g.method(), g.setting(),
                    PaperTables.seeds(g), g.finalReturn().format(1), g.bestReturn().format(1),
                    g.finalLength().format(1),
                    g.offline() ? "offline (no env steps)" : g.stepsToReach(PaperNumbers.REACH_RETURN).format(0),
                    g.epochsToReach(PaperNumbers.REACH_RETURN).format(1));
        }
        return t;
    }

    private static HtmlTable runs(List<RunRecord> runs) {
        HtmlTable t = new HtmlTable("run", "seed", "status", "epochs logged", "exit code", "wall time (s)",
                "final return", "commit", "command").code(0, 7, 8);
        for (RunRecord r : runs) {
            String css = switch (r.status()) {
                case FAILED, MISSING -> "bad";
                case INCOMPLETE, NOT_INDEXED -> "warn";
                case COMPLETE -> r.problems().isEmpty() ? null : "warn";
            };
            String epochs = !r.learns() ? "—" : r.epochsLogged() + (r.epochsPlanned() > 0 ? " of " + r.epochsPlanned()
                    : "");
            String finalReturn = !r.learns() ? "— (dataset job, not a learning run)"
                    : r.log() == null ? "— (no readable log)"
                    : Double.isNaN(r.log().finalReturn()) ? "— (no evaluation yet)"
                    : String.format(Locale.ROOT, "%.1f", r.log().finalReturn());
            t.row(css, r.dir(), Long.toString(r.seed()), r.status().text(), epochs,
                    r.exitCode() == null ? "—" : Integer.toString(r.exitCode()),
                    Double.isNaN(r.seconds()) ? "—" : String.format(Locale.ROOT, "%.0f", r.seconds()), finalReturn,
                    r.commit(), r.command().isEmpty() ? "not recorded" : r.command());
        }
        return t;
    }

    private static String counts(List<RunRecord> runs) {
        long learning = runs.stream().filter(RunRecord::learns).count();
        StringBuilder s = new StringBuilder(learning + " learning runs");
        for (RunStatus status : RunStatus.values()) {
            long n = runs.stream().filter(r -> r.learns() && r.status() == status).count();
            if (n > 0) {
                s.append(", ").append(n).append(' ').append(status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return s.append('.').toString();
    }
}
