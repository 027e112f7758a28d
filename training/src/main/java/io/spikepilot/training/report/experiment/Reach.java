package io.spikepilot.training.report.experiment;

import java.util.Locale;

/**
 * When the complete runs of a group first reached a return: {@code when} over the runs that did (in environment
 * steps or epochs), out of {@code runs} complete runs. Only complete runs count, since "never" is only known once a
 * run has ended.
 */
public record Reach(Stat when, int runs) {
    /** True when there were complete runs and none reached it. */
    public boolean never() {
        return runs > 0 && when.n() == 0;
    }

    /** "2200 ± 124", "never", "2200 ± 124 (3 of 5 seeds; the others never)" or "no complete run". */
    public String format(int decimals) {
        if (runs == 0) {
            return "no complete run";
        }
        if (never()) {
            return "never";
        }
        if (when.n() == runs) {
            return when.format(decimals);
        }
        // the count of seeds is said once, in the parenthesis, even when a single seed got there
        String s = when.n() == 1 ? String.format(Locale.ROOT, "%." + decimals + "f", when.mean())
                : when.format(decimals);
        return String.format(Locale.ROOT, "%s (%d of %d seeds; the others never)", s, when.n(), runs);
    }
}
