package io.spikepilot.tools.demo;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.tools.demo.FlightRecorder.Row;
import io.spikepilot.training.report.LinePlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the recorded ticks of a demo flight into numbers a flight-control engineer checks first — time per mode,
 * tracking error per mode, how fast the watchdog caught the fault, tick timing — plus plots and a Markdown report.
 */
public final class DemoReport {
    /** Height above which the vehicle counts as flying, m (error statistics ignore the ground phases). */
    static final double AIRBORNE_M = 0.3;

    /** Tracking statistics of one mode while airborne. */
    public record Tracking(FlightMode mode, int ticks, double rmsErrorM, double maxErrorM) {
    }

    /** A mode change with its reasons. */
    public record Transition(double tS, FlightMode from, FlightMode to, String reasons) {
    }

    /** How the watchdog handled the injected fault. */
    public record FaultResponse(long firstFaultyTick, long pidTick, double faultTimeS) {
        /** Ticks between the first corrupted output and the PID flying (0 = within the same tick). */
        public long latencyTicks() {
            return pidTick - firstFaultyTick;
        }
    }

    private final List<Row> rows;
    private final long t0Ns;

    /**
     * A report over {@code rows} (in tick order, at least one). Times count from the take-off (the first IDLE → PID
     * transition), like the mission's, or from the first tick when there was none.
     */
    public DemoReport(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("demo report: no tick was recorded");
        }
        this.rows = rows;
        this.t0Ns = rows.stream()
                .filter(r -> r.transitioned() && r.previousMode() == FlightMode.IDLE.ordinal())
                .mapToLong(Row::nowNs).findFirst().orElse(rows.get(0).nowNs());
    }

    double timeS(Row r) {
        return (r.nowNs() - t0Ns) * 1e-9;
    }

    /** Seconds spent in each mode (indexed by ordinal). */
    public double[] secondsPerMode() {
        double[] s = new double[FlightMode.values().length];
        for (int i = 1; i < rows.size(); i++) {
            s[rows.get(i - 1).mode()] += (rows.get(i).nowNs() - rows.get(i - 1).nowNs()) * 1e-9;
        }
        return s;
    }

    /** Tracking error of {@code mode} while airborne. */
    public Tracking tracking(FlightMode mode) {
        int n = 0;
        double sumSq = 0;
        double max = 0;
        for (Row r : rows) {
            if (r.mode() == mode.ordinal() && r.positionNwuM()[2] > AIRBORNE_M && Double.isFinite(r.errorM())) {
                n++;
                sumSq += r.errorM() * r.errorM();
                max = Math.max(max, r.errorM());
            }
        }
        return new Tracking(mode, n, n == 0 ? Double.NaN : Math.sqrt(sumSq / n), n == 0 ? Double.NaN : max);
    }

    /** Every mode change, in order. */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.transitioned()) {
                out.add(new Transition(timeS(r), FlightMode.ofOrdinal(r.previousMode()), FlightMode.ofOrdinal(r.mode()),
                        Reasons.describe(r.reasons())));
            }
        }
        return out;
    }

    /** The watchdog's response to the first non-finite policy output while the SNN flew, or null if none. */
    public FaultResponse faultResponse() {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean snnWasFlying = i > 0 && rows.get(i - 1).mode() == FlightMode.SNN.ordinal();
            if (r.nonFinite() && snnWasFlying) {
                for (int j = i; j < rows.size(); j++) {
                    if (rows.get(j).mode() != FlightMode.SNN.ordinal()) {
                        return new FaultResponse(r.tick(), rows.get(j).tick(), timeS(r));
                    }
                }
                return new FaultResponse(r.tick(), Long.MAX_VALUE, timeS(r));
            }
        }
        return null;
    }

    /** Percentile (0..100) of the loop's measured tick durations, µs. */
    public double tickDurationPercentileUs(double p) {
        long[] d = rows.stream().mapToLong(Row::previousTickNs).filter(v -> v > 0).sorted().toArray();
        if (d.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(d.length - 1, Math.ceil(p / 100.0 * d.length) - 1);
        return d[Math.max(0, idx)] / 1000.0;
    }

    /** Ticks the loop skipped in all. */
    public long missedTicks() {
        return rows.stream().mapToLong(Row::missedTicks).sum();
    }

    /** Number of ticks recorded. */
    public int ticks() {
        return rows.size();
    }

    /** Writes altitude, ground track and tracking-error plots into {@code dir}; returns their file names. */
    public List<String> writePlots(Path dir) throws IOException {
        int n = rows.size();
        double[] t = new double[n];
        double[] z = new double[n];
        double[] zTarget = new double[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xTarget = new double[n];
        double[] yTarget = new double[n];
        double[] errSnn = new double[n];
        double[] errPid = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            t[i] = timeS(r);
            z[i] = r.positionNwuM()[2];
            zTarget[i] = r.targetNwuM()[2];
            x[i] = r.positionNwuM()[0];
            y[i] = r.positionNwuM()[1];
            xTarget[i] = r.targetNwuM()[0];
            yTarget[i] = r.targetNwuM()[1];
            boolean airborne = r.positionNwuM()[2] > AIRBORNE_M;
            errSnn[i] = airborne && r.mode() == FlightMode.SNN.ordinal() ? r.errorM() : Double.NaN;
            errPid[i] = airborne && r.mode() != FlightMode.SNN.ordinal() ? r.errorM() : Double.NaN;
        }
        Files.createDirectories(dir);
        new LinePlot("Altitude", "mission time (s)", "height z (m, up)", false)
                .series("target", t, zTarget).series("vehicle", t, z).writePng(dir.resolve("altitude.png"));
        new LinePlot("Ground track (NWU)", "x north (m)", "y west (m)", false)
                .series("target", xTarget, yTarget).series("vehicle", x, y).writePng(dir.resolve("track.png"));
        new LinePlot("Distance to target while airborne", "mission time (s)", "error (m)", false)
                .series("SNN flying", t, errSnn).series("PID flying", t, errPid).writePng(dir.resolve("error.png"));
        return List.of("altitude.png", "track.png", "error.png");
    }

    /** The summary printed at the end of a demo. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        double[] perMode = secondsPerMode();
        sb.append(String.format(Locale.ROOT, "%d ticks; time per mode:", ticks()));
        for (FlightMode m : FlightMode.values()) {
            sb.append(String.format(Locale.ROOT, " %s %.1f s", m, perMode[m.ordinal()]));
        }
        sb.append('\n');
        for (FlightMode m : List.of(FlightMode.SNN, FlightMode.PID)) {
            Tracking tr = tracking(m);
            sb.append(String.format(Locale.ROOT, "  %s tracking while airborne: RMS %.3f m, max %.3f m over %d ticks%n",
                    m, tr.rmsErrorM(), tr.maxErrorM(), tr.ticks()));
        }
        FaultResponse f = faultResponse();
        if (f == null) {
            sb.append("  fault: none seen while the SNN flew\n");
        } else {
            sb.append(String.format(Locale.ROOT, "  fault at t=%.2f s (tick %d): PID in control %s%n", f.faultTimeS(),
                    f.firstFaultyTick(), f.pidTick() == Long.MAX_VALUE ? "NEVER"
                            : f.latencyTicks() == 0 ? "in the same tick" : "after " + f.latencyTicks() + " ticks"));
        }
        sb.append(String.format(Locale.ROOT, "  loop: tick p50 %.1f µs, p99 %.1f µs, max %.1f µs; %d missed ticks%n",
                tickDurationPercentileUs(50), tickDurationPercentileUs(99), tickDurationPercentileUs(100),
                missedTicks()));
        return sb.toString();
    }

    /** The Markdown report body (without the files section, which the caller knows). */
    public String markdown(Mission mission, List<String> autopilotEvents, List<String> plots, String header) {
        StringBuilder sb = new StringBuilder();
        sb.append("# spikepilot demo flight\n\n").append(header)
                .append("\n\n## Mission\n\n| t (s after take-off) | action | why |\n");
        sb.append("|---|---|---|\n");
        for (Mission.Step s : mission.steps()) {
            sb.append(String.format(Locale.ROOT, "| %.1f | %s | %s |%n", s.atS(), s.action(), s.purpose()));
        }
        sb.append(String.format(Locale.ROOT, "%nCircle: radius %.1f m, %.0f s per lap, from t = %.0f s.%n",
                mission.circleRadiusM(), mission.circlePeriodS(), mission.circleStartS()));
        sb.append("\n## Summary\n\n```\n").append(summary()).append("```\n");
        sb.append("\n## Mode transitions (supervisor)\n\n| t (s after take-off) | from | to | reasons |\n")
                .append("|---|---|---|---|\n");
        for (Transition tr : transitions()) {
            // a '|' inside a cell would end it
            sb.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s |%n", tr.tS(), tr.from(), tr.to(),
                    tr.reasons().replace("|", ", ")));
        }
        sb.append("\n## Autopilot (virtual flight controller) events, on the autopilot's clock\n\n");
        for (String e : autopilotEvents) {
            sb.append("- ").append(e).append('\n');
        }
        sb.append("\n## Plots\n\n");
        for (String p : plots) {
            sb.append("![").append(p).append("](").append(p).append(")\n\n");
        }
        return sb.toString();
    }
}
