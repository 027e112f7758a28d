package io.spikepilot.training.report.experiment;

/** Where a run stands, from {@code index.csv} or, for a run the index does not list yet, from its own log. */
public enum RunStatus {
    COMPLETE("complete"),
    INCOMPLETE("incomplete (stopped before its last epoch)"),
    FAILED("failed (non-zero exit)"),
    NOT_INDEXED("not in index.csv yet (running, or stopped before it finished)"),
    MISSING("listed in index.csv, folder missing");

    private final String text;

    RunStatus(String text) {
        this.text = text;
    }

    /** For people. */
    public String text() {
        return text;
    }

    /** The status an index row names ({@code complete}, {@code incomplete}, {@code failed}). */
    static RunStatus ofIndex(String s, String where) {
        return switch (s.trim()) {
            case "complete" -> COMPLETE;
            case "incomplete" -> INCOMPLETE;
            case "failed" -> FAILED;
            default -> throw new IllegalArgumentException(where + ", field status: expected complete, incomplete or "
                    + "failed, found '" + s + "'");
        };
    }
}
