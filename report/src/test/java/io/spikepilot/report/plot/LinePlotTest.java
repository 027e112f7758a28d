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
}
