package io.spikepilot.report.flight;

import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.report.html.HtmlPage;
import io.spikepilot.report.html.HtmlTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flight report: one self-contained HTML page ({@code index.html}, figures embedded) and its PNGs beside it, from
 * the ticks of one flight. What every command that flies or replays writes, and what {@code spikepilot report
 * flight} writes for a finished run.
 */
public final class FlightReport {
    /** The page's file name in the report folder. */
    public static final String PAGE = "index.html";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What was written: the page, every panel (drawn or not, with the reason), the problems met reading. */
    public record Written(Path page, List<Panel> panels, List<String> problems) {
        public List<Panel> missing() {
            return panels.stream().filter(p -> !p.isDrawn()).toList();
        }
    }

    private FlightReport() {
    }

    /**
     * The report folder of {@code trace}: {@code x.trace.csv} → {@code x-report/} beside it, so the flights of one
     * log folder keep a report each.
     */
    public static Path besideTrace(Path trace) {
        String name = trace.getFileName().toString();
        String stem = name.endsWith(".trace.csv") ? name.substring(0, name.length() - ".trace.csv".length())
                : name.replaceAll("\\.csv$", "");
        return trace.toAbsolutePath().resolveSibling(stem + "-report");
    }

    /** Reads the flight at {@code trace} and writes its report {@link #besideTrace beside it}. */
    public static Written writeBesideTrace(Path trace) throws IOException, TraceFormatException {
        return write(FlightRecords.load(trace), besideTrace(trace), Instant.now());
    }

    /** Writes the report of {@code records} into {@code dir} (created when missing). */
    public static Written write(FlightRecords records, Path dir, Instant generatedAt) throws IOException {
        Files.createDirectories(dir);
        FlightData data = new FlightData(records.trace().rows());
        List<Panel> panels = new FlightFigures(data, records.activity(), records.activityMissing()).write(dir);
        HtmlPage page = new HtmlPage("Flight report: " + Path.of(records.source()).getFileName());
        page.paragraph("note", "Generated " + WHEN.format(generatedAt) + " by spikepilot from "
                + records.source() + " (trace format " + records.trace().formatVersion() + "; policy "
                + records.trace().policyId() + "; configuration " + records.trace().configId() + ").");
        page.paragraph(null, String.format(Locale.ROOT, "%d ticks over %.1f s at %.0f Hz; %s.", data.tickCount(),
                data.durationS(), 1 / data.periodS(), data.tookOff() ? "times count from the take-off"
                        : "no take-off was recorded, times count from the first tick"));
        page.heading("Summary").table(modes(data)).table(loop(data));
        List<Panel> missing = panels.stream().filter(p -> !p.isDrawn()).toList();
        if (!missing.isEmpty()) {
            page.subheading("Panels these records cannot fill")
                    .list(null, missing.stream().map(p -> p.title() + ": " + p.missingReason()).toList());
        }
        page.subheading("Problems reading the records");
        if (records.problems().isEmpty()) {
            page.paragraph("note", "None: every file read to its end.");
        } else {
            page.list("problems", records.problems());
        }
        page.heading("Mode transitions (supervisor)").table(transitions(data));
        page.heading("Panels");
        for (Panel p : panels) {
            if (p.isDrawn()) {
                page.subheading(p.title()).figure(Files.readAllBytes(dir.resolve(p.file())), p.file(), p.caption());
            }
        }
        Path html = dir.resolve(PAGE);
        page.write(html);
        return new Written(html, panels, records.problems());
    }

    private static HtmlTable modes(FlightData data) {
        HtmlTable t = new HtmlTable("mode", "time (s)", "airborne ticks", "RMS position error (m)",
                "max position error (m)");
        double[] seconds = data.secondsPerMode();
        for (FlightMode m : FlightMode.values()) {
            FlightData.Tracking tr = data.tracking(m);
            t.row(null, m.name(), String.format(Locale.ROOT, "%.1f", seconds[m.ordinal()]),
                    Integer.toString(tr.ticks()), number(tr.rmsErrorM(), "%.3f"), number(tr.maxErrorM(), "%.3f"));
        }
        return t;
    }

    private static HtmlTable loop(FlightData data) {
        HtmlTable t = new HtmlTable("loop", "value");
        t.row(null, "tick duration p50 / p99 / max (µs)", number(data.tickDurationPercentileUs(50), "%.1f") + " / "
                + number(data.tickDurationPercentileUs(99), "%.1f") + " / "
                + number(data.tickDurationPercentileUs(100), "%.1f"));
        t.row(data.missedTicks() > 0 ? "warn" : null, "ticks skipped", Long.toString(data.missedTicks()));
        FlightData.FaultResponse f = data.faultResponse();
        t.row(f != null && f.latencyTicks() > 1 ? "bad" : null, "policy fault while the SNN flew", f == null
                ? "none seen" : String.format(Locale.ROOT, "at t = %.2f s (tick %d): PID in control %s",
                f.faultTimeS(), f.firstFaultyTick(), f.pidTick() == Long.MAX_VALUE ? "never"
                        : f.latencyTicks() == 0 ? "in the same tick" : "after " + f.latencyTicks() + " ticks"));
        return t;
    }

    private static HtmlTable transitions(FlightData data) {
        HtmlTable t = new HtmlTable("#", "t (s)", "tick", "from", "to", "reasons");
        int n = 0;
        for (FlightData.Transition tr : data.transitions()) {
            t.row(null, Integer.toString(++n), String.format(Locale.ROOT, "%.2f", tr.tS()), Long.toString(tr.tick()),
                    tr.from().name(), tr.to().name(), tr.reasons());
        }
        return t;
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
    }
}
