package io.spikepilot.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Polygon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grouped bar chart rendered to PNG without a display: categories along x (e.g. slope schedules), one bar per
 * series in each (e.g. methods), an error bar of ± spread, an optional reference marker per bar (e.g. the paper's
 * value) and a short text where a bar has no value ("never", "no run").
 */
public final class BarChart {
    private static final Color REFERENCE = Color.BLACK;

    /**
     * One series: its bar heights per category, their ± spread (NaN: no error bar), what to print where a height is
     * not finite, and a reference value per category (NaN: no marker). Arrays may be null when unused.
     */
    public record Bars(String name, double[] values, double[] spread, String[] whenMissing, double[] reference) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> categories;
    private final String referenceName;
    private final List<Bars> bars = new ArrayList<>();

    /** {@code referenceName} labels the reference markers in the legend (e.g. "paper, approx."). */
    public BarChart(String title, String xLabel, String yLabel, List<String> categories, String referenceName) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
        this.referenceName = referenceName;
    }

    public BarChart bars(Bars b) {
        for (double[] a : new double[][] {b.values, b.spread, b.reference}) {
            if (a != null && a.length != categories.size()) {
                throw new IllegalArgumentException("bars '" + b.name + "': " + categories.size()
                        + " categories but " + a.length + " values");
            }
        }
        if (b.values == null) {
            throw new IllegalArgumentException("bars '" + b.name + "': no values");
        }
        bars.add(b);
        return this;
    }

    private static double at(double[] a, int i) {
        return a == null ? Double.NaN : a[i];
    }

    private boolean anyReference() {
        return bars.stream().anyMatch(b -> b.reference != null
                && java.util.Arrays.stream(b.reference).anyMatch(Double::isFinite));
    }

    public void writePng(Path file) throws IOException {
        double min = 0;
        double max = 0;
        for (Bars b : bars) {
            for (int c = 0; c < categories.size(); c++) {
                double v = b.values[c];
                double s = Double.isFinite(at(b.spread, c)) ? at(b.spread, c) : 0;
                if (Double.isFinite(v)) {
                    min = Math.min(min, v - s);
                    max = Math.max(max, v + s);
                }
                double r = at(b.reference, c);
                if (Double.isFinite(r)) {
                    min = Math.min(min, r);
                    max = Math.max(max, r);
                }
            }
        }
        List<String> legend = new ArrayList<>(bars.stream().map(Bars::name).toList());
        boolean references = anyReference();
        if (references) {
            legend.add(referenceName);
        }
        ChartFrame f = new ChartFrame(legend);
        f.yAxis(min, max, false);
        int groupW = f.plotW / Math.max(1, categories.size());
        int barW = Math.max(4, (int) (groupW * 0.8 / Math.max(1, bars.size())));
        int zeroY = f.py(0);
        FontMetrics fm = f.g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            int groupLeft = f.left + c * groupW + (groupW - barW * bars.size()) / 2;
            f.xTick(f.left + c * groupW + groupW / 2, categories.get(c), false);
            for (int k = 0; k < bars.size(); k++) {
                Bars b = bars.get(k);
                int x = groupLeft + k * barW;
                int cx = x + barW / 2;
                double v = b.values[c];
                if (Double.isFinite(v)) {
                    int y = f.py(v);
                    f.g.setColor(ChartFrame.colour(k));
                    f.g.fillRect(x + 1, Math.min(y, zeroY), barW - 2, Math.max(1, Math.abs(zeroY - y)));
                    double s = at(b.spread, c);
                    if (Double.isFinite(s) && s > 0) {
                        f.g.setColor(Color.DARK_GRAY);
                        f.g.setStroke(new BasicStroke(1.5f));
                        int hi = f.py(v + s);
                        int lo = f.py(v - s);
                        f.g.drawLine(cx, hi, cx, lo);
                        f.g.drawLine(cx - 4, hi, cx + 4, hi);
                        f.g.drawLine(cx - 4, lo, cx + 4, lo);
                    }
                } else {
                    String text = b.whenMissing == null || b.whenMissing[c] == null ? "" : b.whenMissing[c];
                    f.g.setColor(ChartFrame.colour(k));
                    drawVertical(f, text, cx + fm.getAscent() / 2 - 1, zeroY - 4);
                }
                double r = at(b.reference, c);
                if (Double.isFinite(r)) {
                    diamond(f, cx, f.py(r));
                }
            }
        }
        f.g.setColor(Color.DARK_GRAY);
        f.g.drawLine(f.left, zeroY, f.left + f.plotW, zeroY);
        for (int k = 0; k < bars.size(); k++) {
            int y = f.legendRowY(k);
            f.g.setColor(ChartFrame.colour(k));
            f.g.fillRect(f.legendKeyX(), y - 6, f.legendKeyWidth(), 12);
            f.legendText(k, bars.get(k).name);
        }
        if (references) {
            int row = bars.size();
            diamond(f, f.legendKeyX() + f.legendKeyWidth() / 2, f.legendRowY(row));
            f.legendText(row, referenceName);
        }
        f.frame(title, xLabel, yLabel);
        f.writePng(file);
    }

    /** Text read bottom to top, so a missing bar's reason fits in a bar's width. */
    private static void drawVertical(ChartFrame f, String text, int x, int baselineY) {
        java.awt.Graphics2D r = (java.awt.Graphics2D) f.g.create();
        r.translate(x, baselineY);
        r.rotate(-Math.PI / 2);
        r.drawString(text, 0, 0);
        r.dispose();
    }

    /** A hollow diamond: visible over a bar of any colour. */
    private static void diamond(ChartFrame f, int cx, int cy) {
        Polygon d = new Polygon(new int[] {cx, cx + 6, cx, cx - 6}, new int[] {cy - 6, cy, cy + 6, cy}, 4);
        f.g.setColor(Color.WHITE);
        f.g.fillPolygon(d);
        f.g.setColor(REFERENCE);
        f.g.setStroke(new BasicStroke(1.5f));
        f.g.drawPolygon(d);
    }
}
