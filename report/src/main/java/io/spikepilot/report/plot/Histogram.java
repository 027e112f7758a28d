package io.spikepilot.report.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A histogram of one sample set rendered to PNG: equal-width bins over [min, max] of the samples (or a given upper
 * edge, beyond which samples are counted in a last "more" bin so a few outliers do not squash the rest), counts on
 * a linear or log-10 axis, and optional marker lines (e.g. the control period) drawn across it.
 */
public final class Histogram {
    private record Marker(String name, double x) {
    }

    private final String title;
    private final String xLabel;
    private final boolean logY;
    private final int bins;
    private final double[] samples;
    private double upperEdge = Double.NaN;
    private final java.util.ArrayList<Marker> markers = new java.util.ArrayList<>();

    /** {@code bins} ≥ 1 bins over {@code samples} (non-finite ones are ignored). */
    public Histogram(String title, String xLabel, boolean logY, int bins, double[] samples) {
        if (bins < 1) {
            throw new IllegalArgumentException("histogram '" + title + "': expected at least 1 bin, found " + bins);
        }
        this.title = title;
        this.xLabel = xLabel;
        this.logY = logY;
        this.bins = bins;
        this.samples = samples.clone();
    }

    /** Bins end at {@code edge}; larger samples are counted in one last bin drawn past it. */
    public Histogram upTo(double edge) {
        upperEdge = edge;
        return this;
    }

    /** A vertical marker line at {@code x}, named in the legend. */
    public Histogram marker(String name, double x) {
        markers.add(new Marker(name, x));
        return this;
    }

    /** Counts per bin, the last entry the samples above {@link #upTo}'s edge (0 without one). */
    long[] counts(double min, double width) {
        long[] counts = new long[bins + 1];
        for (double v : samples) {
            if (!Double.isFinite(v)) {
                continue;
            }
            int b = (int) Math.floor((v - min) / width);
            counts[b >= bins ? (Double.isNaN(upperEdge) ? bins - 1 : bins) : Math.max(0, b)]++;
        }
        return counts;
    }

    public void writePng(Path file) throws IOException {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : samples) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        if (!Double.isNaN(upperEdge)) {
            max = Math.max(min, upperEdge);
        }
        if (max == min) {
            max = min + 1;
        }
        double width = (max - min) / bins;
        long[] counts = counts(min, width);
        boolean overflow = counts[bins] > 0;
        int drawn = bins + (overflow ? 1 : 0);
        double top = 1;
        for (long c : counts) {
            top = Math.max(top, c);
        }
        List<String> legend = new java.util.ArrayList<>(List.of("samples"));
        markers.forEach(m -> legend.add(m.name));
        ChartFrame f = new ChartFrame(legend);
        // a log axis starts a decade below one sample, so a bin of one still shows as a bar
        double bottom = logY ? -1 : 0;
        f.yAxis(bottom, logY ? Math.log10(top) : top, logY);
        double x0 = min;
        double x1 = min + width * drawn;
        java.util.function.DoubleToIntFunction px = v -> f.left + (int) Math.round(f.plotW * (v - x0) / (x1 - x0));
        for (double v : LinePlot.xTicks(min, max)) {
            f.xTick(px.applyAsInt(v), ChartFrame.format(v), true);
        }
        if (overflow) {
            f.xTick(px.applyAsInt(max + width / 2), "more", false);
        }
        int baseY = f.py(bottom);
        for (int b = 0; b < drawn; b++) {
            if (counts[b] == 0) {
                continue;
            }
            int xa = px.applyAsInt(min + b * width);
            int xb = px.applyAsInt(min + (b + 1) * width);
            int y = f.py(logY ? Math.log10(counts[b]) : counts[b]);
            f.g.setColor(b == bins ? ChartFrame.colour(3) : ChartFrame.colour(0));
            f.g.fillRect(xa, Math.min(y, baseY - 1), Math.max(1, xb - xa - 1), Math.max(1, baseY - y));
        }
        f.g.setColor(ChartFrame.colour(0));
        f.g.fillRect(f.legendKeyX(), f.legendRowY(0) - 6, f.legendKeyWidth(), 12);
        f.legendText(0, "samples");
        for (int m = 0; m < markers.size(); m++) {
            Color c = ChartFrame.colour(m + 1);
            f.g.setColor(c);
            int x = px.applyAsInt(markers.get(m).x);
            if (x >= f.left && x <= f.left + f.plotW) {
                f.g.drawLine(x, f.top, x, f.top + f.plotH);
            }
            int ly = f.legendRowY(m + 1);
            f.g.setColor(c);
            f.g.drawLine(f.legendKeyX(), ly, f.legendKeyX() + f.legendKeyWidth(), ly);
            f.legendText(m + 1, markers.get(m).name);
        }
        f.frame(title, xLabel, logY ? "count (log)" : "count");
        f.writePng(file);
    }
}
