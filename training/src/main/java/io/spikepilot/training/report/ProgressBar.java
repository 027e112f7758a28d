package io.spikepilot.training.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run on stderr (so stdout stays clean for results). On a terminal it is one line rewritten in
 * place with carriage returns, redrawn only when the shown state changes. Anywhere else (a log file, a pipe, an
 * experiment's stdout.txt) a carriage return would pile every redraw onto one line, so it prints plain lines instead,
 * at most one per {@link #PLAIN_INTERVAL_NS} and a last one at the end.
 */
public final class ProgressBar {
    /** Time between the plain lines written when not on a terminal. */
    public static final long PLAIN_INTERVAL_NS = 30_000_000_000L;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos;
    private final boolean terminal;
    private String last = "";
    private boolean lineOpen;
    private long lastPlainNanos;
    private String pending;

    /** A bar that rewrites itself when the JVM has a terminal ({@link System#console()}), else prints plain lines. */
    public ProgressBar(PrintStream out, String label, long total, long startNanos) {
        this(out, label, total, startNanos, System.console() != null);
    }

    /** @param terminal whether {@code out} is a terminal, where carriage returns rewrite the line */
    public ProgressBar(PrintStream out, String label, long total, long startNanos, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.startNanos = startNanos;
        this.terminal = terminal;
        this.lastPlainNanos = startNanos;
    }

    /** Shows {@code done} of total with a free-form status (e.g. the latest loss). */
    public void update(long done, String status, long nowNanos) {
        long clamped = Math.max(0, Math.min(total, done));
        int filled = (int) (WIDTH * clamped / total);
        double seconds = (nowNanos - startNanos) / 1e9;
        String eta = clamped == 0 ? "?" : String.format(Locale.ROOT, "%.0fs", seconds * (total - clamped) / clamped);
        String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %s elapsed %.0fs eta %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), clamped, total, status, seconds, eta);
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            out.print("\r" + line);
            out.flush();
            lineOpen = true;
        } else if (nowNanos - lastPlainNanos >= PLAIN_INTERVAL_NS || clamped == total) {
            out.println(line);
            out.flush();
            lastPlainNanos = nowNanos;
            pending = null;
        } else {
            pending = line;
        }
    }

    /** Ends the bar's line before other output (on a terminal); elsewhere there is no open line to end. */
    public void endLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }

    /** Ends the bar: closes the line on a terminal, or prints the last state not yet printed. */
    public void finish() {
        if (terminal) {
            out.println();
            lineOpen = false;
        } else if (pending != null) {
            out.println(pending);
            pending = null;
        }
        out.flush();
    }
}
