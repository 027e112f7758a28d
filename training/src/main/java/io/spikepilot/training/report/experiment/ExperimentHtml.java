package io.spikepilot.training.report.experiment;

import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
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
    private static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.code, .code { font-family: monospace; font-size: 0.85em; word-break: break-all; }
            tr.bad td { background: #fde8e8; } tr.warn td { background: #fff6db; }
            figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #444; max-width: 900px; }
            .note { color: #555; font-size: 0.9em; } ul.problems li { font-family: monospace; font-size: 0.85em; }
            """;

    private ExperimentHtml() {
    }

    /**
     * Writes the page for {@code report} to {@code html}, embedding {@code figures} (files in {@code html}'s
     * folder, as {@link ExperimentFigures#write} left them).
     */
    public static void write(ExperimentReport report, List<ExperimentFigures.Figure> figures, Path html,
            Instant generatedAt) throws IOException {
        Path folder = html.toAbsolutePath().getParent();
        StringBuilder s = new StringBuilder();
        String title = "Experiment report: " + ExperimentReport.nameFromFolder(report.dir());
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(HtmlTable.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body>\n<h1>").append(HtmlTable.escape(title)).append("</h1>\n");
        paragraph(s, "note", "Generated " + WHEN.format(generatedAt) + " by spikepilot report experiment from "
                + report.dir().toAbsolutePath().normalize() + ". " + counts(report.runs()));
        paragraph(s, "note", "Returns and episode lengths are the mean test return and length at the last "
                + "curriculum level (eval_return_final, the paper's reported figure). ± is one sample standard "
                + "deviation over seeds (n − 1); tables count complete runs only, curves every run with a log.");
        for (String experiment : report.experiments()) {
            experiment(s, report, experiment, figures, folder);
        }
        s.append("<h2>Runs</h2>\n").append(runs(report.runs()).html());
        List<String> problems = report.allProblems();
        s.append("<h2>Problems</h2>\n");
        if (problems.isEmpty()) {
            paragraph(s, "note", "None: every log read to its end.");
        } else {
            s.append("<ul class=\"problems\">\n");
            problems.forEach(p -> s.append("<li>").append(HtmlTable.escape(p)).append("</li>\n"));
            s.append("</ul>\n");
        }
        s.append("</body>\n</html>\n");
        Files.createDirectories(folder);
        Files.writeString(html, s, StandardCharsets.UTF_8);
    }

    private static void experiment(StringBuilder s, ExperimentReport report, String experiment,
            List<ExperimentFigures.Figure> figures, Path folder) throws IOException {
        List<RunGroup> groups = report.groups(experiment);
        s.append("<h2>").append(HtmlTable.escape(experiment)).append("</h2>\n");
        s.append("<h3>Per method and setting</h3>\n").append(summary(groups).html());
        var paper = PaperTables.of(experiment, groups);
        if (paper.isPresent()) {
            s.append("<h3>Beside the paper</h3>\n");
            paragraph(s, "note", PaperTables.source(experiment));
            s.append(paper.get().html());
        }
        for (ExperimentFigures.Figure f : figures) {
            if (!f.experiment().equals(experiment)) {
                continue;
            }
            byte[] png = LimitedFiles.readAllBytes(folder.resolve(f.file()), LimitedFiles.LOG_BYTES, "figure");
            s.append("<figure>\n<img alt=\"").append(HtmlTable.escape(f.file()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\">\n<figcaption>")
                    .append(HtmlTable.escape(f.caption())).append("</figcaption>\n</figure>\n");
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

    private static void paragraph(StringBuilder s, String cssClass, String text) {
        s.append("<p class=\"").append(cssClass).append("\">").append(HtmlTable.escape(text)).append("</p>\n");
    }
}
