package io.spikepilot.report.flight;

/**
 * One panel of the flight report: its PNG file, its caption, and, when the flight's records cannot fill it, why not
 * ({@code missingReason} non-null, no file written).
 */
public record Panel(String title, String file, String caption, String missingReason) {
    public static Panel drawn(String title, String file, String caption) {
        return new Panel(title, file, caption, null);
    }

    public static Panel missing(String title, String reason) {
        return new Panel(title, null, null, reason);
    }

    public boolean isDrawn() {
        return missingReason == null;
    }
}
