package io.spikepilot.report.plot;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Polygon;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleToIntFunction;
import java.util.stream.IntStream;

/**
 * A small line chart (linear or log-10 y axis) rendered to PNG without a display. A series may carry a spread
 * (e.g. the standard deviation over seeds), drawn as a translucent band of ± spread around its line.
 */
public final class LinePlot {
    /** Opacity of a spread band: light enough that overlapping bands of other series stay readable. */
    private static final float BAND_ALPHA = 0.18f;

    private record Series(String name, double[] x, double[] y, double[] spread, int colour) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private boolean equalScale;

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /** Adds a series in the next palette colour; points with a non-finite y (or y ≤ 0 on a log axis) are skipped. */
    public LinePlot series(String name, double[] x, double[] y) {
        return series(name, x, y, null, series.size());
    }

    /**
     * Adds a series with a ± {@code spread} band (null for none; a non-finite spread leaves that point without a
     * band) in palette colour {@code colour}, so the same thing keeps its colour across figures that show
     * different subsets.
     */
    public LinePlot series(String name, double[] x, double[] y, double[] spread, int colour) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
        if (spread != null && spread.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + y.length + " y values but "
                    + spread.length + " spread values");
        }
        series.add(new Series(name, x.clone(), y.clone(), spread == null ? null : spread.clone(), colour));
        return this;
    }

    /**
     * One unit is as long on the x axis as on the y axis (a map: a circle flown is drawn round); the x range widens
     * around its centre to match the y axis. Linear axes only.
     */
    public LinePlot equalScale() {
        if (logY) {
            throw new IllegalStateException("equal scale needs a linear y axis");
        }
        equalScale = true;
        return this;
    }

    private boolean usable(double y) {
        return Double.isFinite(y) && (!logY || y > 0);
    }

    private double ty(double y) {
        return logY ? Math.log10(y) : y;
    }

    private boolean hasBand(Series s, int i) {
        return s.spread != null && Double.isFinite(s.spread[i]) && s.spread[i] > 0 && usable(s.y[i] - s.spread[i]);
    }

    public void writePng(Path file) throws IOException {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!usable(s.y[i])) {
                    continue;
                }
                minX = Math.min(minX, s.x[i]);
                maxX = Math.max(maxX, s.x[i]);
                double lo = hasBand(s, i) ? s.y[i] - s.spread[i] : s.y[i];
                double hi = hasBand(s, i) ? s.y[i] + s.spread[i] : s.y[i];
                minY = Math.min(minY, ty(lo));
                maxY = Math.max(maxY, ty(hi));
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        ChartFrame f = new ChartFrame(series.stream().map(Series::name).toList());
        if (equalScale) {
            double unitsPerPx = Math.max((maxX - minX) / f.plotW, (maxY - minY) / f.plotH);
            double midY = (minY + maxY) / 2;
            minY = midY - unitsPerPx * f.plotH / 2;
            maxY = midY + unitsPerPx * f.plotH / 2;
        }
        f.yAxis(minY, maxY, logY);
        if (equalScale) {
            // the y axis rounds outward to whole ticks; the x range follows it so the scale stays equal
            double midX = (minX + maxX) / 2;
            double halfX = f.ySpan() * f.plotW / f.plotH / 2;
            minX = midX - halfX;
            maxX = midX + halfX;
        }
        final double x0 = minX;
        final double x1 = maxX;
        DoubleToIntFunction px = v -> f.left + (int) Math.round(f.plotW * (v - x0) / (x1 - x0));
        for (double v : xTicks(minX, maxX)) {
            f.xTick(px.applyAsInt(v), ChartFrame.format(v), true);
        }
        for (Series s : series) {
            drawBand(f, s, px);
        }
        f.g.setStroke(new BasicStroke(series.stream().anyMatch(s -> s.x.length > f.plotW) ? 1.5f : 2f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            f.g.setColor(ChartFrame.colour(s.colour));
            drawLine(f, s, px);
            if (s.x.length <= 30) {
                for (int i = 0; i < s.x.length; i++) {
                    if (usable(s.y[i])) {
                        f.g.fillOval(px.applyAsInt(s.x[i]) - 3, f.py(ty(s.y[i])) - 3, 7, 7);
                    }
                }
            }
            int ly = f.legendRowY(k);
            f.g.drawLine(f.legendKeyX(), ly, f.legendKeyX() + f.legendKeyWidth(), ly);
            f.legendText(k, s.name);
        }
        f.frame(title, xLabel, yLabel);
        f.writePng(file);
    }

    /**
     * The series' line, one pixel column at a time: the points that fall into a column are drawn as one vertical
     * stroke from their lowest to their highest value, joined to the neighbouring columns, which is exactly what
     * drawing every segment would show, at the cost of the plot's width rather than the series' length. A
     * non-finite point breaks the line.
     */
    private void drawLine(ChartFrame f, Series s, DoubleToIntFunction px) {
        // one path per series: a single draw call costs the renderer far less than a call per segment
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, Math.min(s.x.length, 4 * f.plotW) + 16);
        boolean open = false;
        int col = Integer.MIN_VALUE;
        int lo = 0;
        int hi = 0;
        int last = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (!usable(s.y[i])) {
                if (col != Integer.MIN_VALUE) {
                    column(path, col, lo, hi, last);
                }
                col = Integer.MIN_VALUE;
                open = false;
                continue;
            }
            int cx = px.applyAsInt(s.x[i]);
            int cy = f.py(ty(s.y[i]));
            if (cx == col) {
                lo = Math.min(lo, cy);
                hi = Math.max(hi, cy);
                last = cy;
                continue;
            }
            if (col != Integer.MIN_VALUE) {
                column(path, col, lo, hi, last);
                open = true;
            }
            col = cx;
            lo = cy;
            hi = cy;
            last = cy;
            if (!open) {
                path.moveTo(cx, cy);
                open = true;
            } else {
                path.lineTo(cx, cy);
            }
        }
        if (col != Integer.MIN_VALUE) {
            column(path, col, lo, hi, last);
        }
        f.g.draw(path);
    }

    /** The stroke of one pixel column: down to its lowest and up to its highest point, ending at its last. */
    private static void column(Path2D.Float path, int x, int lo, int hi, int last) {
        if (lo == hi) {
            return;
        }
        path.lineTo(x, lo);
        path.lineTo(x, hi);
        path.lineTo(x, last);
    }

    /**
     * Tick values on [min, max]: every whole number on a short whole-number axis (epochs 1…10), else the multiples
     * of a nice step inside the data's range (20k, 40k, ... rather than 9716, 24.98k, ...), ends included when the
     * data starts or ends on one.
     */
    static double[] xTicks(double min, double max) {
        double span = max - min;
        if (span <= 10 && span == Math.rint(span) && min == Math.rint(min)) {
            return IntStream.rangeClosed(0, (int) span).mapToDouble(i -> min + i).toArray();
        }
        double step = ChartFrame.niceStep(span / 5);
        double first = Math.ceil(min / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; first + i * step <= max + step * 1e-9; i++) {
            double v = first + i * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The ± spread band of {@code s}, one polygon per run of consecutive points that have a band. */
    private void drawBand(ChartFrame f, Series s, DoubleToIntFunction px) {
        if (s.spread == null) {
            return;
        }
        Composite before = f.g.getComposite();
        f.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, BAND_ALPHA));
        f.g.setColor(ChartFrame.colour(s.colour));
        int i = 0;
        while (i < s.x.length) {
            if (!usable(s.y[i]) || !hasBand(s, i)) {
                i++;
                continue;
            }
            int end = i;
            while (end + 1 < s.x.length && usable(s.y[end + 1]) && hasBand(s, end + 1)) {
                end++;
            }
            Polygon band = new Polygon();
            for (int j = i; j <= end; j++) {
                band.addPoint(px.applyAsInt(s.x[j]), f.py(ty(s.y[j] + s.spread[j])));
            }
            for (int j = end; j >= i; j--) {
                band.addPoint(px.applyAsInt(s.x[j]), f.py(ty(s.y[j] - s.spread[j])));
            }
            if (end == i) {
                // a lone point: a short whisker instead of a zero-width polygon
                int cx = px.applyAsInt(s.x[i]);
                f.g.setComposite(before);
                f.g.drawLine(cx, f.py(ty(s.y[i] + s.spread[i])), cx, f.py(ty(s.y[i] - s.spread[i])));
                f.g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, BAND_ALPHA));
            } else {
                f.g.fillPolygon(band);
            }
            i = end + 1;
        }
        f.g.setComposite(before);
        f.g.setColor(Color.BLACK);
    }
}
