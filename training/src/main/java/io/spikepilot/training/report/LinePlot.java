package io.spikepilot.training.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A small line chart (linear or log-10 y axis) rendered to PNG without a display. */
public final class LinePlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int WIDTH = 800;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> xs = new ArrayList<>();
    private final List<double[]> ys = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /** Adds a series; points with a non-finite y (or y ≤ 0 on a log axis) are skipped. */
    public LinePlot series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
        names.add(name);
        xs.add(x.clone());
        ys.add(y.clone());
        return this;
    }

    private boolean usable(double y) {
        return Double.isFinite(y) && (!logY || y > 0);
    }

    private double ty(double y) {
        return logY ? Math.log10(y) : y;
    }

    public void writePng(Path file) throws IOException {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int s = 0; s < names.size(); s++) {
            for (int i = 0; i < xs.get(s).length; i++) {
                double y = ys.get(s)[i];
                if (!usable(y)) {
                    continue;
                }
                minX = Math.min(minX, xs.get(s)[i]);
                maxX = Math.max(maxX, xs.get(s)[i]);
                minY = Math.min(minY, ty(y));
                maxY = Math.max(maxY, ty(y));
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (logY) {
            minY = Math.floor(minY);
            maxY = Math.ceil(maxY);
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        int yTicks;
        if (logY) {
            yTicks = (int) Math.round(maxY - minY);
        } else {
            // round the axis to a "nice" step (1, 2, 2.5 or 5 × 10^n) so tick labels read as plain numbers
            double step = niceStep((maxY - minY) / 5);
            minY = Math.floor(minY / step) * step;
            maxY = Math.ceil(maxY / step) * step;
            yTicks = (int) Math.round((maxY - minY) / step);
        }

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            // grid and ticks
            for (int i = 0; i <= yTicks; i++) {
                double v = minY + (maxY - minY) * i / yTicks;
                int py = TOP + plotH - (int) Math.round(plotH * (v - minY) / (maxY - minY));
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, py, LEFT + plotW, py);
                g.setColor(Color.DARK_GRAY);
                String label = logY ? "1e" + (int) Math.round(v) : format(v);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2);
            }
            double span = maxX - minX;
            int xTicks = span <= 10 && span == Math.rint(span) && minX == Math.rint(minX) ? (int) span : 5;
            for (int i = 0; i <= xTicks; i++) {
                double v = minX + (maxX - minX) * i / xTicks;
                int px = LEFT + (int) Math.round(plotW * (v - minX) / (maxX - minX));
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(px, TOP, px, TOP + plotH);
                g.setColor(Color.DARK_GRAY);
                String label = format(v);
                g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + fm.getAscent() + 6);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotW, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, TOP - 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 15);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + plotH / 2 + rotated.getFontMetrics().stringWidth(yLabel) / 2), 20);
            rotated.dispose();
            // series
            g.setStroke(new BasicStroke(2f));
            for (int s = 0; s < names.size(); s++) {
                Color color = PALETTE[s % PALETTE.length];
                g.setColor(color);
                double[] x = xs.get(s);
                double[] y = ys.get(s);
                int prevX = Integer.MIN_VALUE;
                int prevY = 0;
                for (int i = 0; i < x.length; i++) {
                    if (!usable(y[i])) {
                        prevX = Integer.MIN_VALUE;
                        continue;
                    }
                    int px = LEFT + (int) Math.round(plotW * (x[i] - minX) / (maxX - minX));
                    int py = TOP + plotH - (int) Math.round(plotH * (ty(y[i]) - minY) / (maxY - minY));
                    if (prevX != Integer.MIN_VALUE) {
                        g.drawLine(prevX, prevY, px, py);
                    }
                    if (x.length <= 30) {
                        g.fillOval(px - 3, py - 3, 7, 7);
                    }
                    prevX = px;
                    prevY = py;
                }
                int ly = TOP + 10 + s * 20;
                g.drawLine(LEFT + plotW + 15, ly, LEFT + plotW + 40, ly);
                g.setColor(Color.BLACK);
                g.drawString(names.get(s), LEFT + plotW + 46, ly + fm.getAscent() / 2 - 1);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String format(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-2)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
}
