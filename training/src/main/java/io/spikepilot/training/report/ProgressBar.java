package io.spikepilot.training.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar rewritten in place with carriage returns (meant for stderr, so stdout stays clean for
 * results). Redraws only when the shown state changes, to keep the terminal quiet on long runs.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos;
    private String last = "";

    public ProgressBar(PrintStream out, String label, long total, long startNanos) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.startNanos = startNanos;
    }

    /** Shows {@code done} of total with a free-form status (e.g. the latest loss). */
    public void update(long done, String status, long nowNanos) {
        long clamped = Math.max(0, Math.min(total, done));
        int filled = (int) (WIDTH * clamped / total);
        double seconds = (nowNanos - startNanos) / 1e9;
        String eta = clamped == 0 ? "?" : String.format(Locale.ROOT, "%.0fs", seconds * (total - clamped) / clamped);
        String line = String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %s elapsed %.0fs eta %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), clamped, total, status, seconds, eta);
        if (!line.equals(last)) {
            out.print(line);
            out.flush();
            last = line;
        }
    }

    /** Ends the line. */
    public void finish() {
        out.println();
        out.flush();
    }
}
