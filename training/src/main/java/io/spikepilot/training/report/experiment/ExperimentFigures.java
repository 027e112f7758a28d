package io.spikepilot.training.report.experiment;

import io.spikepilot.report.plot.BarChart;
import io.spikepilot.report.plot.LinePlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a report, as PNG files in one folder: for every experiment the learning curves (test return and
 * episode length at the last curriculum level, mean line ± one standard deviation over seeds, against environment
 * steps and against epochs, as in the paper's Fig. 3), and for {@code slopes} the grouped bars of the paper's Fig. 2
 * (epochs to return 100, best return) with the paper's values as markers.
 */
public final class ExperimentFigures {
    /** A written figure: its experiment, file name (in the folder given) and caption. */
    public record Figure(String experiment, String file, String caption) {
    }

    private static final String BAND = " The line is the mean over the seeds that evaluated at that epoch and the "
            + "band ± one sample standard deviation (none with one seed); incomplete runs count up to their last "
            + "evaluation.";

    private ExperimentFigures() {
    }

    /** Writes every figure of {@code report} into {@code dir}; returns them in reading order. */
    public static List<Figure> write(ExperimentReport report, Path dir) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (String experiment : report.experiments()) {
            List<RunGroup> groups = report.groups(experiment).stream().filter(g -> !g.logged().isEmpty()).toList();
            if (groups.isEmpty()) {
                continue;
            }
            if (experiment.equals("slopes")) {
                figures.addAll(slopeBars(experiment, groups, dir));
            }
            figures.addAll(curves(experiment, groups, dir));
        }
        return figures;
    }

    private static List<Figure> curves(String experiment, List<RunGroup> groups, Path dir) throws IOException {
        List<Figure> figures = new ArrayList<>();
        List<RunGroup> online = groups.stream().filter(g -> !g.offline()).toList();
        List<String> offline = groups.stream().filter(RunGroup::offline).map(RunGroup::label).toList();
        String offlineNote = offline.isEmpty() ? "" : " " + String.join(", ", offline) + " learn from a fixed dataset "
                + "and collect no environment steps, so they are shown against epochs only.";
        if (!online.isEmpty()) {
            figures.add(curve(experiment, online, dir, true, true, "Test return at the last curriculum level against "
                    + "environment steps collected (the paper's Fig. 3, left)." + BAND + offlineNote));
            figures.add(curve(experiment, online, dir, true, false, "Test episode length at the last curriculum "
                    + "level against environment steps (the paper's Fig. 3, right; 500 steps is a full episode)."
                    + BAND + offlineNote));
        }
        figures.add(curve(experiment, groups, dir, false, true, "Test return at the last curriculum level against "
                + "training epochs." + BAND));
        figures.add(curve(experiment, groups, dir, false, false, "Test episode length at the last curriculum level "
                + "against training epochs." + BAND));
        return figures;
    }

    private static Figure curve(String experiment, List<RunGroup> groups, Path dir, boolean bySteps,
            boolean returns, String caption) throws IOException {
        String file = experiment + "-" + (returns ? "return" : "length") + "-vs-" + (bySteps ? "steps" : "epochs")
                + ".png";
        LinePlot plot = new LinePlot(experiment + ": test " + (returns ? "return" : "episode length")
                + " at the last level vs " + (bySteps ? "env steps" : "epoch"), bySteps ? "environment steps" : "epoch",
                returns ? "mean test return" : "mean episode length (steps)", false);
        for (RunGroup g : groups) {
            Curve c = g.curve();
            plot.series(g.label() + " (" + g.logged().size() + (g.logged().size() == 1 ? " seed)" : " seeds)"),
                    bySteps ? c.envSteps() : c.epoch(), returns ? c.returnMean() : c.lengthMean(),
                    returns ? c.returnStd() : c.lengthStd(), g.colour());
        }
        plot.writePng(dir.resolve(file));
        return new Figure(experiment, file, caption);
    }

    /** Fig. 2: one group of bars per setting, one bar per method. */
    private static List<Figure> slopeBars(String experiment, List<RunGroup> groups, Path dir) throws IOException {
        List<String> settings = groups.stream().map(RunGroup::setting).distinct().toList();
        List<String> methods = groups.stream().map(RunGroup::method).distinct().toList();
        BarChart epochs = new BarChart(experiment + ": epochs to reach return " + (int) PaperNumbers.REACH_RETURN,
                "slope schedule", "epochs", settings, "paper (approx.)");
        BarChart best = new BarChart(experiment + ": best test return", "slope schedule", "return", settings,
                "paper (approx.)");
        for (String method : methods) {
            int n = settings.size();
            double[] reachMean = new double[n];
            double[] reachStd = new double[n];
            String[] reachMissing = new String[n];
            double[] bestMean = new double[n];
            double[] bestStd = new double[n];
            String[] bestMissing = new String[n];
            double[] paperReach = new double[n];
            double[] paperBest = new double[n];
            for (int s = 0; s < n; s++) {
                String setting = settings.get(s);
                RunGroup g = groups.stream().filter(x -> x.method().equals(method) && x.setting().equals(setting))
                        .findFirst().orElse(null);
                Reach reach = g == null ? new Reach(Stat.of(), 0) : g.epochsToReach(PaperNumbers.REACH_RETURN);
                Stat b = g == null ? Stat.of() : g.bestReturn();
                reachMean[s] = reach.when().mean();
                reachStd[s] = reach.when().std();
                reachMissing[s] = g == null ? "no run" : reach.runs() == 0 ? "no complete run" : "never";
                bestMean[s] = b.mean();
                bestStd[s] = b.std();
                bestMissing[s] = g == null ? "no run" : "no complete run";
                var paper = PaperNumbers.slope(method, setting);
                paperReach[s] = paper.map(PaperNumbers.Slope::epochsTo100).orElse(Double.NaN);
                paperBest[s] = paper.map(PaperNumbers.Slope::bestReturn).orElse(Double.NaN);
            }
            epochs.bars(new BarChart.Bars(method, reachMean, reachStd, reachMissing, paperReach));
            best.bars(new BarChart.Bars(method, bestMean, bestStd, bestMissing, paperBest));
        }
        String common = " Bars: mean over complete runs, error bars ± one sample standard deviation; diamonds: the "
                + "paper's Fig. 2, read off the figure.";
        epochs.writePng(dir.resolve(experiment + "-epochs-to-100.png"));
        best.writePng(dir.resolve(experiment + "-best-return.png"));
        return List.of(
                new Figure(experiment, experiment + "-epochs-to-100.png", "Epochs until the first evaluation with a "
                        + "test return of at least 100, over the seeds that got there (\"never\": none did)." + common),
                new Figure(experiment, experiment + "-best-return.png", "Best test return over the run." + common));
    }
}
