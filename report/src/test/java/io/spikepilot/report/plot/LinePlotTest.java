package io.spikepilot.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @Test
    void seriesWithMismatchedLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "x", "y", false).series("s", new double[2], new double[3]));
        assertEquals("series 's': 2 x values but 3 y values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "x", "y", false).series("s", new double[2], new double[2], new double[1], 0));
        assertEquals("series 's': 2 y values but 1 spread values", e.getMessage());
    }

    @Test
    void xTicksAreWholeNumbersOnAShortAxisAndNiceMultiplesOnALongOne() {
        assertArrayEquals(new double[] {1, 2, 3, 4}, LinePlot.xTicks(1, 4), 1e-12);
        // environment steps 9716 … 86030: steps of 20k inside the range, not five equal parts of it
        assertArrayEquals(new double[] {20000, 40000, 60000, 80000}, LinePlot.xTicks(9716, 86030), 1e-6);
        assertArrayEquals(new double[] {5, 10, 15, 20, 25, 30}, LinePlot.xTicks(5, 30), 1e-12);
    }

    @Test
    void aSpreadIsDrawnAsATintedBandAroundTheLine(@TempDir Path dir) throws Exception {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        double[] y = new double[x.length];
        double[] spread = new double[x.length];
        java.util.Arrays.fill(spread, 40);
        Path png = dir.resolve("band.png");
        new LinePlot("band", "x", "y", false).series("mean", x, y, spread, 0).writePng(png);
        BufferedImage image = ImageIO.read(png.toFile());
        // the palette's first colour (0x1f77b4) at 18 % over white, half-way between the line and the band's edge
        int tinted = 0;
        for (int py = 0; py < image.getHeight(); py++) {
            int rgb = image.getRGB(300, py) & 0xffffff;
            int r = rgb >> 16;
            int b = rgb & 0xff;
            if (b > r + 20 && r > 180) {
                tinted++;
            }
        }
        assertTrue(tinted > 50, "band rows at x=300: " + tinted);
    }

    @Test
    void anEqualScaleDrawsACircleRoundWhereTheDefaultStretchesIt(@TempDir Path dir) throws Exception {
        double[] x = new double[400];
        double[] y = new double[400];
        for (int i = 0; i < x.length; i++) {
            // a 1.5 m circle, like the demo's: the default fills the plot with it, squashed to the plot's shape
            x[i] = 1.5 * Math.cos(2 * Math.PI * i / (x.length - 1));
            y[i] = 1.5 + 1.5 * Math.sin(2 * Math.PI * i / (x.length - 1));
        }
        Path equal = dir.resolve("equal.png");
        Path stretched = dir.resolve("stretched.png");
        new LinePlot("map", "east (m)", "north (m)", false).equalScale().series("path", x, y).writePng(equal);
        new LinePlot("map", "east (m)", "north (m)", false).series("path", x, y).writePng(stretched);
        double equalRatio = widthOverHeight(ImageIO.read(equal.toFile()));
        double stretchedRatio = widthOverHeight(ImageIO.read(stretched.toFile()));
        assertEquals(1.0, equalRatio, 0.05, "drawn width / height of the circle with an equal scale");
        assertTrue(stretchedRatio > 1.2, "without it the circle is stretched: " + stretchedRatio);
        assertThrows(IllegalStateException.class, () -> new LinePlot("t", "x", "y", true).equalScale());
    }

    /** Width over height of the pixels in the palette's first colour (0x1f77b4), legend key left out. */
    private static double widthOverHeight(BufferedImage image) {
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        for (int py = 0; py < image.getHeight(); py++) {
            for (int px = 0; px < image.getWidth() - 200; px++) {
                int rgb = image.getRGB(px, py) & 0xffffff;
                if (Math.abs((rgb >> 16) - 0x1f) < 30 && Math.abs(((rgb >> 8) & 0xff) - 0x77) < 30
                        && Math.abs((rgb & 0xff) - 0xb4) < 30) {
                    minX = Math.min(minX, px);
                    maxX = Math.max(maxX, px);
                    minY = Math.min(minY, py);
                    maxY = Math.max(maxY, py);
                }
            }
        }
        return (maxX - minX + 1.0) / (maxY - minY + 1.0);
    }
}
