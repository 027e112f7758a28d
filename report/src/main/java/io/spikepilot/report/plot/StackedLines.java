package io.spikepilot.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Several series over one time axis, each in its own horizontal lane on its own scale (its minimum at the lane's
 * bottom, its maximum at the top, both printed beside it), rendered to PNG. For quantities of one kind whose ranges
 * differ by orders of magnitude, such as the membranes of different neurons, where one shared axis would flatten
 * all but the widest.
 */
public final class StackedLines {
    private record Lane(String name, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String unit;
    private final double[] x;
    private final List<Lane> lanes = new ArrayList<>();

    /** Lanes over samples at times {@code x} (ascending); {@code unit} is printed with each lane's range. */
    public StackedLines(String title, String xLabel, String unit, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.unit = unit;
        this.x = x.clone();
    }

    /** Adds a lane; non-finite values break its line. */
    public StackedLines lane(String name, double[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("lane '" + name + "': " + x.length + " times but " + y.length
                    + " values");
        }
        lanes.add(new Lane(name, y.clone()));
        return this;
    }

    public void writePng(Path file) throws IOException {
        ChartFrame f = new ChartFrame(lanes.stream().map(Lane::name).toList());
        ChartFrame.XAxis axis = f.sampleAxis(x);
        int n = Math.max(1, lanes.size());
        int laneH = f.plotH / n;
        FontMetrics fm = f.g.getFontMetrics();
        f.g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < lanes.size(); k++) {
            Lane lane = lanes.get(k);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double v : lane.y) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            int laneTop = f.top + k * laneH;
            int pad = Math.max(2, laneH / 10);
            int bottomY = laneTop + laneH - pad;
            int topY = laneTop + pad;
            if (k > 0) {
                f.g.setColor(ChartFrame.GRID);
                f.g.drawLine(f.left, laneTop, f.left + f.plotW, laneTop);
            }
            f.g.setColor(Color.DARK_GRAY);
            if (min <= max) {
                String hi = String.format(Locale.ROOT, "%.3g", max);
                String low = String.format(Locale.ROOT, "%.3g", min);
                f.g.drawString(hi, f.left - 6 - fm.stringWidth(hi), topY + fm.getAscent() / 2);
                f.g.drawString(low, f.left - 6 - fm.stringWidth(low), bottomY + fm.getAscent() / 2);
                double range = max > min ? max - min : 1;
                double base = max > min ? min : min - 0.5;
                Path2D.Float path = new Path2D.Float();
                boolean open = false;
                for (int i = 0; i < x.length; i++) {
                    double v = lane.y[i];
                    if (!Double.isFinite(v)) {
                        open = false;
                        continue;
                    }
                    float px = axis.pxFloat(x[i]);
                    float py = (float) (bottomY - (bottomY - topY) * (v - base) / range);
                    if (open) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        open = true;
                    }
                }
                f.g.setColor(ChartFrame.colour(k));
                f.g.draw(path);
            }
            f.g.setColor(ChartFrame.colour(k));
            int ly = f.legendRowY(k);
            f.g.drawLine(f.legendKeyX(), ly, f.legendKeyX() + f.legendKeyWidth(), ly);
            f.legendText(k, lane.name);
        }
        f.g.setStroke(new BasicStroke(1f));
        f.frame(title, xLabel, unit + ", each lane on its own scale");
        f.writePng(file);
    }
}
