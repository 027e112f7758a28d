package io.spikepilot.training.report.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's results that our experiments reproduce, as data (paper-spec §1.8). Table 4 is printed in the paper;
 * every Fig. 2 and Fig. 3 number is read off the paper's figures by eye and is approximate, which is why the
 * Fig. 3 entries are text ("≈ 450–500") rather than numbers.
 */
public final class PaperNumbers {
    private PaperNumbers() {
    }

    /** The paper's names of our methods. */
    private static final Map<String, String> PAPER_NAME = Map.of(
            "jsrl", "TD3BC+JSRL", "bc-offline", "BC", "td3bc", "TD3BC", "td3", "TD3",
            "bc-stacked", "BC", "td3-stacked", "TD3");

    /** Fig. 3 (5 seeds, 20 test episodes, x axis 0–100k training steps), read off the figure. */
    public record Comparison(String method, String endReturn, String peakReturn, String episodeLength) {
    }

    public static final List<Comparison> FIG3 = List.of(
            new Comparison("jsrl", "≈ 400", "≈ 430 around 20k steps", "≈ 450–500"),
            new Comparison("td3bc", "≈ −140 at 100k steps", "≈ 190 at 20k steps", "≈ 350"),
            new Comparison("bc-offline", "≈ −150 … −200", "—", "≈ 250–370"),
            new Comparison("td3", "≈ 10", "—", "≈ 40"));

    /**
     * Table 4: final reward and environment steps until reward 100, mean ± std; NaN steps where the paper prints NA
     * (never reached). {@code setting} is our ablation setting's name.
     */
    public record Ablation(String setting, boolean bcTerm, boolean jumpStart, double reward, double rewardStd,
                           double stepsTo100, double stepsTo100Std) {
    }

    public static final List<Ablation> TABLE4 = List.of(
            new Ablation("bc-on_js-on", true, true, 412, 6.72, 2200, 124),
            new Ablation("bc-off_js-on", false, true, 334, 25.59, 33030, 1600),
            new Ablation("bc-on_js-off", true, false, 32, 1.2, Double.NaN, Double.NaN),
            new Ablation("bc-off_js-off", false, false, 36, 4.1, Double.NaN, Double.NaN));

    /** Fig. 2 (frame-stacked input, no curriculum), read off the figure: epochs to reward 100 and best reward. */
    public record Slope(String method, String setting, double epochsTo100, double bestReturn) {
    }

    public static final List<Slope> FIG2 = List.of(
            new Slope("bc-stacked", "slope-2", 22, 232),
            new Slope("bc-stacked", "slope-50", 22, 259),
            new Slope("bc-stacked", "slope-100", 29, 222),
            new Slope("bc-stacked", "interval", 20, 232),
            new Slope("bc-stacked", "adaptive", 15, 251),
            new Slope("td3-stacked", "slope-2", 42, 383),
            new Slope("td3-stacked", "slope-50", 161, 164),
            new Slope("td3-stacked", "slope-100", 149, 174),
            new Slope("td3-stacked", "interval", 37, 292),
            new Slope("td3-stacked", "adaptive", 50, 381));

    /** The return both Table 4 and Fig. 2 time ("steps / epochs to reward 100"). */
    public static final double REACH_RETURN = 100;

    /** The paper's name of {@code method}, or the method itself when the paper has none. */
    public static String paperName(String method) {
        return PAPER_NAME.getOrDefault(method, method);
    }

    public static Optional<Comparison> comparison(String method) {
        return FIG3.stream().filter(c -> c.method().equals(method)).findFirst();
    }

    public static Optional<Ablation> ablation(String setting) {
        return TABLE4.stream().filter(a -> a.setting().equals(setting)).findFirst();
    }

    public static Optional<Slope> slope(String method, String setting) {
        return FIG2.stream().filter(s -> s.method().equals(method) && s.setting().equals(setting)).findFirst();
    }
}
