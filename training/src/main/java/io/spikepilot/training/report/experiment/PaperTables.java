package io.spikepilot.training.report.experiment;

import io.spikepilot.report.html.HtmlTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Our numbers beside the paper's, one table per experiment the paper reports, keyed by experiment name:
 * {@code comparison} (Fig. 3), {@code ablation} (Table 4), {@code slopes} (Fig. 2). Other experiments have none.
 */
final class PaperTables {
    private PaperTables() {
    }

    /** The table for {@code experiment}, or empty when the paper has nothing to compare it with. */
    static Optional<HtmlTable> of(String experiment, List<RunGroup> groups) {
        return switch (experiment) {
            case "comparison" -> Optional.of(comparison(groups));
            case "ablation" -> Optional.of(ablation(groups));
            case "slopes" -> Optional.of(slopes(groups));
            default -> Optional.empty();
        };
    }

    /** What the paper's numbers beside ours are and where they come from. */
    static String source(String experiment) {
        return switch (experiment) {
            case "comparison" -> "Paper: Fig. 3 (5 seeds, 20 test episodes, 0–100k training steps), read off the "
                    + "figure, approximate.";
            case "ablation" -> "Paper: Table 4 (final reward; environment steps until reward 100; NA = never).";
            case "slopes" -> "Paper: Fig. 2 (frame-stacked input, no curriculum), read off the figure, approximate.";
            default -> "";
        };
    }

    private static HtmlTable comparison(List<RunGroup> groups) {
        HtmlTable t = new HtmlTable("method", "paper's name", "complete seeds", "final return (ours)",
                "end-of-curve return (paper)", "best return (ours)", "peak (paper)", "final episode length (ours)",
                "episode length (paper)");
        for (RunGroup g : groups) {
            Optional<PaperNumbers.Comparison> p = PaperNumbers.comparison(g.method());
            t.row(null, g.label(), PaperNumbers.paperName(g.method()), seeds(g), g.finalReturn().format(1),
                    p.map(PaperNumbers.Comparison::endReturn).orElse("—"), g.bestReturn().format(1),
                    p.map(PaperNumbers.Comparison::peakReturn).orElse("—"), g.finalLength().format(1),
                    p.map(PaperNumbers.Comparison::episodeLength).orElse("—"));
        }
        return t;
    }

    private static HtmlTable ablation(List<RunGroup> groups) {
        HtmlTable t = new HtmlTable("setting", "BC term", "jump-start", "complete seeds", "final return (ours)",
                "final reward (paper)", "env steps to return 100 (ours)", "steps to reward 100 (paper)");
        for (RunGroup g : groups) {
            Optional<PaperNumbers.Ablation> p = PaperNumbers.ablation(g.setting());
            Reach reach = g.stepsToReach(PaperNumbers.REACH_RETURN);
            t.row(null, g.label(), p.map(a -> yesNo(a.bcTerm())).orElse("—"),
                    p.map(a -> yesNo(a.jumpStart())).orElse("—"), seeds(g), g.finalReturn().format(1),
                    p.map(a -> plusMinus(a.reward(), a.rewardStd())).orElse("—"), reach.format(0),
                    p.map(a -> Double.isNaN(a.stepsTo100()) ? "NA" : plusMinus(a.stepsTo100(), a.stepsTo100Std()))
                            .orElse("—"));
        }
        return t;
    }

    private static HtmlTable slopes(List<RunGroup> groups) {
        HtmlTable t = new HtmlTable("method", "paper's name", "setting", "complete seeds",
                "epochs to return 100 (ours)", "epochs to reward 100 (paper)", "best return (ours)",
                "best reward (paper)");
        for (RunGroup g : groups) {
            Optional<PaperNumbers.Slope> p = PaperNumbers.slope(g.method(), g.setting());
            t.row(null, g.method(), PaperNumbers.paperName(g.method()), g.setting(), seeds(g),
                    g.epochsToReach(PaperNumbers.REACH_RETURN).format(1),
                    p.map(s -> "≈ " + (int) s.epochsTo100()).orElse("—"), g.bestReturn().format(1),
                    p.map(s -> "≈ " + (int) s.bestReturn()).orElse("—"));
        }
        return t;
    }

    /** "2 of 3": complete runs of all the group's runs. */
    static String seeds(RunGroup g) {
        return g.complete().size() + " of " + g.runs().size();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** As the paper prints it: "412 ± 6.72", "33030 ± 1600". */
    private static String plusMinus(double mean, double std) {
        return asPrinted(mean) + " ± " + asPrinted(std);
    }

    private static String asPrinted(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
