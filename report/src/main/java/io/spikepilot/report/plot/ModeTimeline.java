package io.spikepilot.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which state a system was in over time, rendered to PNG: one lane per state (a flight mode), filled where the system
 * was in it, and numbered markers at the moments of change, so a table beside the picture can give each change's
 * reasons without crowding the chart.
 */
public final class ModeTimeline {
    private record Segment(int lane, double from, double to) {
    }

    private record Marker(double x, String label) {
    }

    private final String title;
    private final String xLabel;
    private final List<String> lanes;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    public ModeTimeline(String title, String xLabel, List<String> lanes) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("mode timeline '" + title + "': expected at least one lane");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.lanes = List.copyOf(lanes);
    }

    /** The system was in lane {@code lane}'s state over [{@code from}, {@code to}). */
    public ModeTimeline segment(int lane, double from, double to) {
        if (lane < 0 || lane >= lanes.size()) {
            throw new IllegalArgumentException("mode timeline '" + title + "': lane expected in [0, " + lanes.size()
                    + "), found " + lane);
        }
        segments.add(new Segment(lane, from, to));
        return this;
    }

    /** A numbered change at {@code x}. */
    public ModeTimeline marker(double x, String label) {
        markers.add(new Marker(x, label));
        return this;
    }

    public void writePng(Path file) throws IOException {
        ChartFrame f = new ChartFrame(lanes);
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        for (Segment s : segments) {
            x0 = Math.min(x0, s.from);
            x1 = Math.max(x1, s.to);
        }
        ChartFrame.XAxis axis = f.sampleAxis(x0 > x1 ? new double[0] : new double[] {x0, x1});
        java.util.function.DoubleToIntFunction px = axis::px;
        int laneH = f.plotH / lanes.size();
        FontMetrics fm = f.g.getFontMetrics();
        for (int l = 0; l < lanes.size(); l++) {
            int y = f.top + l * laneH;
            f.g.setColor(ChartFrame.GRID);
            f.g.drawLine(f.left, y + laneH, f.left + f.plotW, y + laneH);
            f.g.setColor(Color.DARK_GRAY);
            String name = lanes.get(l);
            f.g.drawString(name, f.left - 8 - fm.stringWidth(name), y + laneH / 2 + fm.getAscent() / 2);
            f.g.setColor(ChartFrame.colour(l));
            f.g.fillRect(f.legendKeyX(), f.legendRowY(l) - 6, f.legendKeyWidth(), 12);
            f.legendText(l, name);
        }
        for (Segment s : segments) {
            int xa = px.applyAsInt(s.from);
            int xb = Math.max(xa + 1, px.applyAsInt(s.to));
            f.g.setColor(ChartFrame.colour(s.lane));
            f.g.fillRect(xa, f.top + s.lane * laneH + laneH / 5, xb - xa, laneH * 3 / 5);
        }
        f.g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f},
                0f));
        int labelRow = 0;
        int lastLabelX = Integer.MIN_VALUE;
        for (Marker m : markers) {
            int x = px.applyAsInt(m.x);
            f.g.setColor(Color.BLACK);
            f.g.drawLine(x, f.top, x, f.top + f.plotH);
            // labels of changes close together are staggered so they stay readable
            labelRow = x - lastLabelX < fm.stringWidth(m.label) + 4 ? (labelRow + 1) % 3 : 0;
            lastLabelX = x;
            f.g.drawString(m.label, x + 2, f.top + fm.getAscent() + 2 + labelRow * (fm.getHeight()));
        }
        f.g.setStroke(new BasicStroke(1f));
        f.frame(title, xLabel, "mode");
        f.writePng(file);
    }
}
