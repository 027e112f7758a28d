package io.spikepilot.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    private static int pixelsOf(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void barsAreFilledInTheirSeriesColourAndAMissingBarLeavesNone(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bars.png");
        new BarChart("t", "setting", "epochs", List.of("a", "b"), "paper")
                .bars(new BarChart.Bars("first", new double[] {40, 20}, new double[] {5, Double.NaN}, null,
                        new double[] {30, Double.NaN}))
                .bars(new BarChart.Bars("second", new double[] {Double.NaN, 10}, null, new String[] {"never", null},
                        null))
                .writePng(png);
        BufferedImage image = ImageIO.read(png.toFile());
        int first = pixelsOf(image, ChartFrame.colour(0).getRGB() & 0xffffff);
        int second = pixelsOf(image, ChartFrame.colour(1).getRGB() & 0xffffff);
        // two bars of the first series, one of the second (its other is "never"), each with a legend key
        assertTrue(first > 2 * second, "first " + first + " second " + second);
        assertTrue(second > 500, "second " + second);
    }

    @Test
    void valuesThatDoNotMatchTheCategoriesAreRefused() {
        BarChart chart = new BarChart("t", "x", "y", List.of("a", "b"), "paper");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chart.bars(new BarChart.Bars("s", new double[3], null, null, null)));
        assertEquals("bars 's': 2 categories but 3 values", e.getMessage());
    }
}
