package io.spikepilot.report.flight;

import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.report.plot.Histogram;
import io.spikepilot.report.plot.LinePlot;
import io.spikepilot.report.plot.ModeTimeline;
import io.spikepilot.report.plot.RasterPlot;
import io.spikepilot.report.plot.StackedLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * The flight report's PNG panels, drawn from a {@link FlightData} and, when there is one, the flight's
 * {@link NetworkActivity}: path from above, height, position error, thrust and attitude commands of the SNN, the PID
 * and what was sent, the mode timeline, firing rate per layer, spike raster, watched membranes, tick timing. A
 * panel the records cannot fill is returned as missing with the reason instead of drawn empty.
 */
public final class FlightFigures {
    /** Length of the zoomed window of the raster and membrane panels, s: one pixel column per tick at 100 Hz. */
    static final double WINDOW_S = 4.0;
    /** Window of the firing-rate average, s. */
    static final double RATE_WINDOW_S = 0.25;
    private static final String TIME = "time since take-off (s)";
    private static final String TIME_NO_TAKEOFF = "time since the first tick (s)";
    private static final String NO_SPIKES = "the policy flown has no spiking layers (the PID or another non-spiking "
            + "policy), so there are no spikes or membranes to show";

    private final FlightData data;
    private final NetworkActivity activity;
    private final String activityMissing;
    private final double[] t;
    private final String timeLabel;

    /**
     * @param activity        the flight's network activity, or null
     * @param activityMissing why there is none (shown in place of the raster and membrane panels), when null
     */
    public FlightFigures(FlightData data, NetworkActivity activity, String activityMissing) {
        this.data = data;
        this.activity = activity;
        this.activityMissing = activityMissing;
        this.t = data.timesS();
        this.timeLabel = data.tookOff() ? TIME : TIME_NO_TAKEOFF;
    }

    /** Panels drawn at once: one per core, at most four (each holds one canvas of under 2 MB). */
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** One panel to draw. */
    private interface PanelTask {
        Panel draw() throws IOException;
    }

    /**
     * Writes every panel the records can fill into {@code dir}; returns all panels in page order. The panels are
     * independent pictures, so they are drawn in parallel: a report after every replay must not slow the replay
     * down to less than a hundred times real time.
     */
    public List<Panel> write(Path dir) throws IOException {
        List<PanelTask> tasks = List.of(() -> path(dir), () -> height(dir), () -> error(dir), () -> modes(dir),
                () -> thrust(dir), () -> angle(dir, "roll", "Roll command", 1),
                () -> angle(dir, "pitch", "Pitch command", 2), () -> yawRate(dir), () -> firingRate(dir),
                () -> raster(dir, false), () -> raster(dir, true), () -> membranes(dir), () -> tickTiming(dir));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "spikepilot-report");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Panel>> drawn = new ArrayList<>();
            for (PanelTask task : tasks) {
                drawn.add(pool.submit(task::draw));
            }
            List<Panel> panels = new ArrayList<>();
            for (Future<Panel> f : drawn) {
                panels.add(f.get());
            }
            return panels;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the report's panels", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private double[] series(ToDoubleFunction<TickRecord> f) {
        List<TickRecord> ticks = data.ticks();
        double[] v = new double[ticks.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(ticks.get(i));
        }
        return v;
    }

    /** {@code v} where {@code keep} holds, NaN (a break in the line) elsewhere. */
    private double[] where(double[] v, java.util.function.Predicate<TickRecord> keep) {
        double[] out = v.clone();
        List<TickRecord> ticks = data.ticks();
        for (int i = 0; i < out.length; i++) {
            if (!keep.test(ticks.get(i))) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static boolean flying(TickRecord r, FlightMode mode) {
        return r.mode == mode.ordinal();
    }

    private Panel path(Path dir) throws IOException {
        // seen from above with north up and east to the right: NWU's x is north, its y points west
        double[] east = series(r -> -r.statePositionNwuM[1]);
        double[] north = series(r -> r.statePositionNwuM[0]);
        double[] targetEast = series(r -> -r.targetNwuM[1]);
        double[] targetNorth = series(r -> r.targetNwuM[0]);
        java.util.function.Predicate<TickRecord> snn = r -> flying(r, FlightMode.SNN) && FlightData.airborne(r);
        java.util.function.Predicate<TickRecord> other = r -> !flying(r, FlightMode.SNN) && FlightData.airborne(r);
        new LinePlot("Path seen from above", "east (m)", "north (m)", false).equalScale()
                .series("target", targetEast, targetNorth)
                .series("vehicle, SNN flying", where(east, snn), where(north, snn))
                .series("vehicle, PID / landing", where(east, other), where(north, other))
                .writePng(dir.resolve("path.png"));
        return Panel.drawn("Path vs target, from above", "path.png", "The vehicle's position while airborne (above "
                + FlightData.AIRBORNE_M + " m), coloured by who flew it, and the target it was given; north up, "
                + "east right (the trace's NWU frame turned to a map).");
    }

    private Panel height(Path dir) throws IOException {
        new LinePlot("Height", timeLabel, "height (m, up)", false)
                .series("target", t, series(r -> r.targetNwuM[2]))
                .series("vehicle", t, series(r -> r.statePositionNwuM[2]))
                .writePng(dir.resolve("height.png"));
        return Panel.drawn("Height", "height.png", "Height of the state estimate the loop read, and of the target.");
    }

    private Panel error(Path dir) throws IOException {
        double[] e = series(FlightData::errorM);
        new LinePlot("Position error while airborne", timeLabel, "distance to target (m)", false)
                .series("SNN flying", t, where(e, r -> flying(r, FlightMode.SNN) && FlightData.airborne(r)))
                .series("PID flying", t, where(e, r -> flying(r, FlightMode.PID) && FlightData.airborne(r)))
                .series("landing", t, where(e, r -> flying(r, FlightMode.LAND) && FlightData.airborne(r)))
                .writePng(dir.resolve("error.png"));
        return Panel.drawn("Position error", "error.png", "Distance between the state estimate and the target, per "
                + "mode, while airborne.");
    }

    private Panel modes(Path dir) throws IOException {
        List<String> lanes = Arrays.stream(FlightMode.values()).map(Enum::name).toList();
        ModeTimeline chart = new ModeTimeline("Mode (supervisor)", timeLabel, lanes);
        List<TickRecord> ticks = data.ticks();
        int start = 0;
        for (int i = 1; i <= ticks.size(); i++) {
            if (i == ticks.size() || ticks.get(i).mode != ticks.get(start).mode) {
                double end = i == ticks.size() ? t[i - 1] + data.periodS() : t[i];
                chart.segment(ticks.get(start).mode, t[start], end);
                start = i;
            }
        }
        int n = 0;
        for (FlightData.Transition tr : data.transitions()) {
            chart.marker(tr.tS(), Integer.toString(++n));
        }
        chart.writePng(dir.resolve("modes.png"));
        return Panel.drawn("Mode timeline", "modes.png", "Who flew when; the numbered lines are the mode changes, "
                + "listed with the supervisor's reasons in the table of transitions.");
    }

    private Panel thrust(Path dir) throws IOException {
        new LinePlot("Thrust command", timeLabel, "collective thrust (normalised)", false)
                .series("SNN", t, series(r -> r.snnSetpoint[0]))
                .series("PID", t, series(r -> r.pidSetpoint[0]))
                .series("sent", t, series(r -> r.sentSetpoint[0]))
                .writePng(dir.resolve("thrust.png"));
        return Panel.drawn("Thrust command", "thrust.png", "Collective thrust of the SNN's decoded setpoint, the "
                + "PID's (hot standby) and the one sent to the autopilot.");
    }

    private double[] angleDeg(double[][] setpoints, int axis) {
        double[] q = new double[4];
        double[] out = new double[setpoints.length];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(setpoints[i], 1, q, 0, 4);
            out[i] = Math.toDegrees(axis == 1 ? Quaternions.roll(q) : Quaternions.pitch(q));
        }
        return out;
    }

    private Panel angle(Path dir, String name, String title, int axis) throws IOException {
        List<TickRecord> ticks = data.ticks();
        double[][] snn = ticks.stream().map(r -> r.snnSetpoint).toArray(double[][]::new);
        double[][] pid = ticks.stream().map(r -> r.pidSetpoint).toArray(double[][]::new);
        double[][] sent = ticks.stream().map(r -> r.sentSetpoint).toArray(double[][]::new);
        new LinePlot(title, timeLabel, name + " (deg, NWU/FLU)", false)
                .series("SNN", t, angleDeg(snn, axis))
                .series("PID", t, angleDeg(pid, axis))
                .series("sent", t, angleDeg(sent, axis))
                .writePng(dir.resolve(name + ".png"));
        return Panel.drawn(title, name + ".png", "The " + name + " angle of the commanded attitude (Z-Y-X "
                + "decomposition of the setpoint quaternion, NWU world / FLU body): SNN, PID and sent.");
    }

    private Panel yawRate(Path dir) throws IOException {
        new LinePlot("Yaw-rate command", timeLabel, "yaw rate (deg/s, FLU)", false)
                .series("SNN", t, series(r -> Math.toDegrees(r.snnSetpoint[5])))
                .series("PID", t, series(r -> Math.toDegrees(r.pidSetpoint[5])))
                .series("sent", t, series(r -> Math.toDegrees(r.sentSetpoint[5])))
                .writePng(dir.resolve("yaw-rate.png"));
        return Panel.drawn("Yaw-rate command", "yaw-rate.png", "Yaw-rate feed-forward of the SNN, the PID and the "
                + "setpoint sent.");
    }

    private Panel firingRate(Path dir) throws IOException {
        String title = "Firing rate per layer";
        int layers = data.spikeLayers();
        if (layers == 0) {
            return Panel.missing(title, NO_SPIKES);
        }
        // the trace's spike counts serve every spiking flight; the activity file adds the widths for a rate in Hz
        boolean perNeuron = activity != null && activity.layout().layers() == layers;
        double period = data.periodS();
        int window = Math.max(1, (int) Math.round(RATE_WINDOW_S / period));
        LinePlot plot = new LinePlot(title, timeLabel, perNeuron ? "mean firing rate per neuron (Hz)"
                : "spikes per tick (layer total)", false);
        for (int k = 0; k < layers; k++) {
            final int layer = k;
            double[] counts = series(r -> r.spikeLayers > layer ? r.spikeCounts[layer] : Double.NaN);
            double scale = perNeuron ? 1.0 / (activity.layout().width(k) * period) : 1.0;
            plot.series("layer " + k + (perNeuron ? " (" + activity.layout().width(k) + " neurons)" : ""), t,
                    movingMean(counts, window, scale));
        }
        plot.writePng(dir.resolve("firing-rate.png"));
        return Panel.drawn(title, "firing-rate.png", String.format(Locale.ROOT, "Spikes per hidden layer from the "
                + "trace, averaged over %.2f s%s.", window * period, perNeuron ? " and divided by the layer's width "
                + "and the control period" : "; without the activity file the layers' widths are unknown, so this is "
                + "the layer's total per tick"));
    }

    /** Trailing mean of {@code v} over {@code window} samples, times {@code scale}; NaN samples are left out. */
    static double[] movingMean(double[] v, int window, double scale) {
        double[] out = new double[v.length];
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                sum += v[i];
                n++;
            }
            if (i >= window && Double.isFinite(v[i - window])) {
                sum -= v[i - window];
                n--;
            }
            out[i] = n == 0 ? Double.NaN : sum / n * scale;
        }
        return out;
    }

    /** First tick of the zoomed window: the SNN's first take-over, else the first tick the policy stepped airborne. */
    int windowStart() {
        List<TickRecord> ticks = data.ticks();
        for (int i = 0; i < ticks.size(); i++) {
            TickRecord r = ticks.get(i);
            if (r.transitioned && r.mode == FlightMode.SNN.ordinal()) {
                return i;
            }
        }
        for (int i = 0; i < ticks.size(); i++) {
            if (FlightData.airborne(ticks.get(i)) && (activity == null || i < activity.ticks() && activity.stepped(i))) {
                return i;
            }
        }
        return 0;
    }

    private String activityProblem() {
        if (data.spikeLayers() == 0) {
            return NO_SPIKES;
        }
        return activity == null ? activityMissing : null;
    }

    private Panel raster(Path dir, boolean zoomed) throws IOException {
        String title = zoomed ? "Spike raster, " + (int) WINDOW_S + " s from the SNN's take-over"
                : "Spike raster, whole flight";
        String problem = activityProblem();
        if (problem != null) {
            return Panel.missing(title, problem);
        }
        int n = Math.min(activity.ticks(), t.length);
        int from = zoomed ? Math.min(windowStart(), Math.max(0, n - 1)) : 0;
        int to = zoomed ? Math.min(n, from + (int) Math.round(WINDOW_S / data.periodS())) : n;
        RasterPlot plot = new RasterPlot(title, timeLabel, Arrays.copyOfRange(t, from, to));
        for (int k = 0; k < activity.layout().layers(); k++) {
            int words = activity.layerWords(k);
            plot.band("layer " + k + " (" + activity.layout().width(k) + ")", activity.layout().recordedWidth(k),
                    Arrays.copyOfRange(activity.spikeBits(k), from * words, to * words), words);
        }
        String file = zoomed ? "raster-window.png" : "raster.png";
        plot.writePng(dir.resolve(file));
        return Panel.drawn(title, file, zoomed
                ? String.format(Locale.ROOT, "Every spike of every hidden neuron, one pixel column per tick, from "
                        + "t = %.2f s.", t[from])
                : "Every hidden neuron over the whole flight; where a pixel column holds several ticks its shade "
                        + "is the share of them with a spike.");
    }

    /**
     * The watched neurons' membranes over the raster's window, each in its own lane on its own scale: membranes
     * differ by orders of magnitude between neurons (a silent one drifts far below its threshold), and on a shared
     * axis the others would be flat lines.
     */
    private Panel membranes(Path dir) throws IOException {
        String title = "Membranes of watched neurons";
        String problem = activityProblem();
        if (problem != null) {
            return Panel.missing(title, problem);
        }
        if (activity.layout().watched() == 0) {
            return Panel.missing(title, "the activity file watches no neuron");
        }
        int n = Math.min(activity.ticks(), t.length);
        int from = Math.min(windowStart(), Math.max(0, n - 1));
        int to = Math.min(n, from + (int) Math.round(WINDOW_S / data.periodS()));
        StackedLines plot = new StackedLines(title, timeLabel, "membrane potential", Arrays.copyOfRange(t, from, to));
        for (int w = 0; w < activity.layout().watched(); w++) {
            float[] m = activity.membrane(w);
            double[] y = new double[to - from];
            for (int i = from; i < to; i++) {
                y[i - from] = activity.stepped(i) ? m[i] : Double.NaN;
            }
            plot.lane("layer " + activity.layout().watchedLayer(w) + " neuron " + activity.layout().watchedNeuron(w), y);
        }
        plot.writePng(dir.resolve("membranes.png"));
        return Panel.drawn(title, "membranes.png", String.format(Locale.ROOT, "Membrane potential after each step "
                + "(the float network's units) of the neurons the recorder watches, spread evenly over each layer, "
                + "over the raster's window from t = %.2f s; each lane has its own scale, its range printed at the "
                + "left.", t[from]));
    }

    private Panel tickTiming(Path dir) throws IOException {
        String title = "Tick timing";
        double[] d = data.tickDurationsUs();
        if (d.length == 0) {
            return Panel.missing(title, "no tick durations were measured: the trace was recorded in lockstep "
                    + "(a simulation or a replay of one), where the loop times nothing");
        }
        double p99 = data.tickDurationPercentileUs(99);
        double edge = Math.max(p99 * 2, 1);
        new Histogram("Tick duration", "duration of the tick (µs)", true, 60, d).upTo(edge)
                .marker(String.format(Locale.ROOT, "p50 %.0f µs", data.tickDurationPercentileUs(50)),
                        data.tickDurationPercentileUs(50))
                .marker(String.format(Locale.ROOT, "p99 %.0f µs", p99), p99)
                .writePng(dir.resolve("tick-timing.png"));
        return Panel.drawn(title, "tick-timing.png", String.format(Locale.ROOT, "Histogram of the loop's measured "
                + "tick durations (%d ticks; counts on a log axis); ticks longer than %.0f µs are counted in the "
                + "last bar, the longest took %.0f µs. The control period is %.0f µs; %d ticks were skipped.",
                d.length, edge, data.tickDurationPercentileUs(100), data.periodS() * 1e6, data.missedTicks()));
    }
}
