package io.spikepilot.report.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * What every chart here shares: a white headless canvas, a y axis with grid lines at "nice" ticks, title and axis
 * labels, a legend on the right as wide as its longest entry (so names are not cut off), and the PNG file. The
 * charts ({@link LinePlot}, {@link BarChart}) only map their data into the plot rectangle.
 */
final class ChartFrame {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Ten colours, so Fig. 2's ten (method, slope) curves do not share one. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    static final Color GRID = new Color(0xe6e6e6);
    /** ImageIO's PNG quality (1 = no compression, 0 = the most); 0.75 deflates fast and still small. */
    private static final float PNG_COMPRESSION_QUALITY = 0.75f;
    private static final int PLOT_WIDTH_PX = 540;
    private static final int HEIGHT_PX = 520;
    private static final int LEFT_PX = 90;
    private static final int TOP_PX = 50;
    private static final int BOTTOM_PX = 60;
    private static final int LEGEND_GAP_PX = 15;
    private static final int LEGEND_KEY_PX = 25;
    /** The legend margin of short names: keeps every chart at least 800 px wide, as they always were. */
    private static final int MIN_RIGHT_PX = 170;

    final BufferedImage image;
    final Graphics2D g;
    final int left = LEFT_PX;
    final int top = TOP_PX;
    final int plotW = PLOT_WIDTH_PX;
    final int plotH = HEIGHT_PX - TOP_PX - BOTTOM_PX;
    private final Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private double minY;
    private double maxY;
    private boolean logY;

    /** A canvas whose right margin fits the longest of {@code legendNames} (names were cut off before). */
    ChartFrame(List<String> legendNames) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = probe.createGraphics();
        FontMetrics probeMetrics = p.getFontMetrics(plain);
        int longest = legendNames.stream().mapToInt(probeMetrics::stringWidth).max().orElse(0);
        p.dispose();
        int right = Math.max(MIN_RIGHT_PX, LEGEND_GAP_PX + LEGEND_KEY_PX + 6 + longest + 10);
        image = new BufferedImage(LEFT_PX + PLOT_WIDTH_PX + right, HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(plain);
    }

    /**
     * Sets the y range and draws its grid and tick labels. A linear range is widened to a "nice" step (1, 2, 2.5
     * or 5 × 10^n) so tick labels read as plain numbers; a log range ({@code min}, {@code max} already log-10) to
     * whole decades.
     */
    /** The y axis's span after {@link #yAxis} rounded it to whole ticks, in axis units. */
    double ySpan() {
        return maxY - minY;
    }

    void yAxis(double min, double max, boolean log) {
        logY = log;
        if (!(min <= max)) {
            min = 0;
            max = 1;
        }
        if (log) {
            min = Math.floor(min);
            max = Math.ceil(max);
        }
        if (max == min) {
            max = min + 1;
        }
        int ticks;
        if (log) {
            ticks = (int) Math.round(max - min);
        } else {
            double step = niceStep((max - min) / 5);
            min = Math.floor(min / step) * step;
            max = Math.ceil(max / step) * step;
            ticks = (int) Math.round((max - min) / step);
        }
        minY = min;
        maxY = max;
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= ticks; i++) {
            double v = min + (max - min) * i / ticks;
            int py = py(v);
            g.setColor(GRID);
            g.drawLine(left, py, left + plotW, py);
            g.setColor(Color.DARK_GRAY);
            String label = log ? "1e" + (int) Math.round(v) : format(v);
            g.drawString(label, left - 8 - fm.stringWidth(label), py + fm.getAscent() / 2);
        }
    }

    /** Pixel row of {@code v} (already log-10 on a log axis). */
    int py(double v) {
        return top + plotH - (int) Math.round(plotH * (v - minY) / (maxY - minY));
    }

    boolean logY() {
        return logY;
    }

    /** A tick label under the plot at pixel column {@code px}, with a vertical grid line when asked. */
    void xTick(int px, String label, boolean gridLine) {
        if (gridLine) {
            g.setColor(GRID);
            g.drawLine(px, top, px, top + plotH);
        }
        g.setColor(Color.DARK_GRAY);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(label, px - fm.stringWidth(label) / 2, top + plotH + fm.getAscent() + 6);
    }

    /** An x axis: where a value lies on it, and the axis' ends. */
    record XAxis(double min, double max, int left, int width) {
        double span() {
            return max - min;
        }

        /** Pixel column of {@code v}. */
        int px(double v) {
            return left + (int) Math.round(width * (v - min) / span());
        }

        /** Pixel column as a float, for paths. */
        float pxFloat(double v) {
            return (float) (left + width * (v - min) / span());
        }
    }

    /**
     * A linear x axis over the ascending samples {@code x} (first to last; [0, 1] without any, one unit for a single
     * one): tick labels and vertical grid lines at nice steps.
     */
    XAxis sampleAxis(double[] x) {
        double x0 = x.length == 0 ? 0 : x[0];
        double x1 = x.length == 0 ? 1 : x[x.length - 1];
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        XAxis axis = new XAxis(x0, x1, left, plotW);
        for (double v : LinePlot.xTicks(x0, x1)) {
            xTick(axis.px(v), format(v), true);
        }
        return axis;
    }

    /** Plot border, title and axis labels; call after the data so the border stays on top. */
    void frame(String title, String xLabel, String yLabel) {
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, top - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, left + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, image.getHeight() - 15);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(top + plotH / 2 + rotated.getFontMetrics().stringWidth(yLabel) / 2), 20);
        rotated.dispose();
        g.setFont(plain);
    }

    /** Left end of the legend's key in row {@code row}, and the key's vertical centre. */
    int legendKeyX() {
        return left + plotW + LEGEND_GAP_PX;
    }

    int legendRowY(int row) {
        return top + 10 + row * 20;
    }

    /** The legend text of row {@code row}, after a key the caller drew. */
    void legendText(int row, String name) {
        g.setColor(Color.BLACK);
        g.setFont(plain);
        g.drawString(name, legendKeyX() + LEGEND_KEY_PX + 6, legendRowY(row) + g.getFontMetrics().getAscent() / 2 - 1);
    }

    int legendKeyWidth() {
        return LEGEND_KEY_PX;
    }

    /** Writes the picture and releases the graphics. */
    void writePng(Path file) throws IOException {
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        java.util.Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available for " + file);
        }
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        // a lighter deflate than the default: a quarter less time for a few percent more bytes, which matters for
        // the dozen or more charts a flight report draws after every replay
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /**
     * A tick label: plain up to 9999, thousands as "20k" (environment-step axes run to 100k), and scientific
     * notation beyond a million or below 0.01. Trailing zeros go only after a decimal point (1000 stays 1000).
     */
    static String format(double v) {
        double a = Math.abs(v);
        if (v != 0 && (a >= 1e6 || a < 1e-2)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (a >= 1e4) {
            return plain(v / 1000) + "k";
        }
        return plain(v);
    }

    private static String plain(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
