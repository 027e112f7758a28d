package io.spikepilot.tools;

import io.spikepilot.training.report.experiment.ExperimentFigures;
import io.spikepilot.training.report.experiment.ExperimentHtml;
import io.spikepilot.training.report.experiment.ExperimentReport;
import io.spikepilot.training.report.experiment.RunGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikepilot report experiment <dir>}: the report of an experiment folder ({@link ExperimentReport}). */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "An experiment folder as one HTML page: curves, tables, the paper's numbers.",
            "",
            "Reads a folder of 'spikepilot experiment' (index.csv, and runs/<method>_<setting>_seed<N>/ with "
                    + "log.csv, config.txt, stdout.txt) and writes one self-contained HTML page (figures "
                    + "embedded, no scripts):",
            "  - test return and episode length at the last curriculum level against",
            "    environment steps and epochs: mean over seeds, band of +/- 1 std;",
            "  - per method and setting: final and best return, env steps and epochs",
            "    to return 100 (over complete runs);",
            "  - the paper's numbers beside ours: comparison (Fig. 3), ablation",
            "    (Table 4), slopes (Fig. 2, with its bar charts);",
            "  - every run's status, seed, commit and command.",
            "Works while the experiment still runs: incomplete and failed runs are shown as such; a missing or "
                    + "corrupt log is named (file, line, field) and the rest of the report is still written.",
            "",
            "Exit codes: 0 written (problems are listed on stderr and in the page), 1 could not write, 2 not "
                    + "an experiment folder."})
final class ReportExperimentCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment folder (spikepilot experiment --out).")
    Path dir;

    @Option(names = "--out", paramLabel = "HTML",
            description = "The page to write; its PNG figures go next to it. Default: <DIR>/report/index.html")
    Path out;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec).existingDirectory("DIR", dir);
        if (out != null) {
            check.writableFile("--out", out);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path html = out != null ? out : dir.resolve("report").resolve("index.html");
        try {
            ExperimentReport report = ExperimentReport.read(dir);
            Path folder = html.toAbsolutePath().getParent();
            List<ExperimentFigures.Figure> figures = ExperimentFigures.write(report, folder);
            ExperimentHtml.write(report, figures, html, Instant.now());
            List<String> problems = report.allProblems();
            for (String p : problems) {
                stderr.println("report: " + p);
            }
            List<RunGroup> groups = report.groups();
            stdout.printf(Locale.ROOT, "report: %s (%d runs in %d groups of %s, %d figures, %d problems)%n", html,
                    report.runs().size(), groups.size(), String.join(", ", report.experiments()), figures.size(),
                    problems.size());
            return 0;
        } catch (IllegalArgumentException e) {
            stderr.println("report: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            stderr.println("report: " + e.getMessage());
            return 1;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }
}
