package io.spikepilot.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts the flight report adds: raster, histogram, mode timeline, lanes, and long line series. */
class FlightChartsTest {
    /** Plot rectangle of every chart (ChartFrame): left 90, top 50, 540 × 410 px. */
    private static final int LEFT = 90;
    private static final int TOP = 50;
    private static final int W = 540;
    private static final int H = 410;
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    private static int count(BufferedImage img, int x0, int y0, int x1, int y1, int rgb) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    /** Pixels that are ink: neither the white canvas nor a grid line. */
    private static int inked(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                n += rgb != 0xffffff && rgb != (ChartFrame.GRID.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aRasterWithOneSampleAColumnPutsEachSpikeInItsRowAndColumn(@TempDir Path dir) throws Exception {
        // 540 samples (one per pixel column), 10 sources; source 3 fires at sample 100 only, source 9 always
        int samples = W;
        double[] t = new double[samples];
        long[] bits = new long[samples];
        for (int i = 0; i < samples; i++) {
            t[i] = i;
            bits[i] = 1L << 9 | (i == 100 ? 1L << 3 : 0);
        }
        new RasterPlot("r", "t", t).band("layer", 10, bits, 1).writePng(dir.resolve("r.png"));
        BufferedImage img = ImageIO.read(dir.resolve("r.png").toFile());
        // rows are 41 px (410 / 10), source 0 at the bottom: source 3 spans y in [50 + 6·41, 50 + 7·41)
        int y3 = TOP + 6 * 41 + 20;
        int x100 = LEFT + 100 * W / (samples - 1);
        assertEquals(BLUE, img.getRGB(x100, y3) & 0xffffff, "the lone spike, full colour");
        assertEquals(1, count(img, LEFT + 1, y3, LEFT + W, y3 + 1, BLUE), "one spike in source 3's row");
        assertTrue(count(img, LEFT + 1, TOP + 5, LEFT + W, TOP + 6, BLUE) > W - 5, "source 9 fires every sample");
    }

    @Test
    void aRasterOfManySamplesAColumnShadesByTheShareThatFired(@TempDir Path dir) throws Exception {
        int samples = 100 * W;
        double[] t = new double[samples];
        long[] bits = new long[samples];
        for (int i = 0; i < samples; i++) {
            t[i] = i;
            bits[i] = i % 2 == 0 ? 1L : 0L;
        }
        new RasterPlot("r", "t", t).band("layer", 1, bits, 1).writePng(dir.resolve("r.png"));
        BufferedImage img = ImageIO.read(dir.resolve("r.png").toFile());
        int expected = RasterPlot.shade(ChartFrame.colour(0), 0.5);
        int found = img.getRGB(LEFT + 200, TOP + H / 2);
        for (int shift : new int[] {0, 8, 16}) {
            // about half of the ~100 samples of a column fired: the shade of one half, within a sample's rounding
            assertEquals(expected >> shift & 0xff, found >> shift & 0xff, 3, "channel at bit " + shift);
        }
    }

    @Test
    void aHistogramCountsEachSampleOnceAndOutliersInTheLastBin() {
        Histogram h = new Histogram("h", "x", true, 4, new double[] {0, 0.5, 1.2, 2.9, 3.0, 3.9, 50, Double.NaN})
                .upTo(4);
        assertArrayEquals(new long[] {2, 1, 1, 2, 1}, h.counts(0, 1));
    }

    @Test
    void aHistogramBinOfOneSampleIsStillABar(@TempDir Path dir) throws Exception {
        new Histogram("h", "x", true, 2, new double[] {0, 0, 0, 1.9}).writePng(dir.resolve("h.png"));
        BufferedImage img = ImageIO.read(dir.resolve("h.png").toFile());
        assertTrue(count(img, LEFT + W / 2 + 2, TOP, LEFT + W, TOP + H, BLUE) > 500, "the bin holding one sample");
    }

    @Test
    void aModeTimelineFillsEachLaneWhereTheModeWas(@TempDir Path dir) throws Exception {
        new ModeTimeline("m", "t", List.of("A", "B")).segment(0, 0, 5).segment(1, 5, 10).marker(5, "1")
                .writePng(dir.resolve("m.png"));
        BufferedImage img = ImageIO.read(dir.resolve("m.png").toFile());
        int laneA = TOP + H / 4;
        int laneB = TOP + 3 * H / 4;
        assertEquals(BLUE, img.getRGB(LEFT + W / 4, laneA) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(LEFT + 3 * W / 4, laneA) & 0xffffff);
        assertEquals(ORANGE, img.getRGB(LEFT + 3 * W / 4, laneB) & 0xffffff);
    }

    @Test
    void lanesGiveEachSeriesItsWholeLaneWhateverItsRange(@TempDir Path dir) throws Exception {
        double[] t = {0, 1, 2, 3};
        new StackedLines("s", "t", "u", t).lane("small", new double[] {0, 1e-3, 0, 1e-3})
                .lane("large", new double[] {-300, 0, -300, 0}).writePng(dir.resolve("s.png"));
        BufferedImage img = ImageIO.read(dir.resolve("s.png").toFile());
        // each lane's line reaches near both edges of its lane (10% padding)
        int laneH = H / 2;
        int pad = laneH / 10;
        assertTrue(inked(img, LEFT + 1, TOP + pad - 2, LEFT + W, TOP + pad + 3) > 0, "small: top");
        assertTrue(inked(img, LEFT + 1, TOP + laneH - pad - 2, LEFT + W, TOP + laneH - pad + 3) > 0, "small: bottom");
        assertTrue(inked(img, LEFT + 1, TOP + laneH + pad - 2, LEFT + W, TOP + laneH + pad + 3) > 0, "large: top");
        // and nothing between the lanes' padding bands but the lines crossing them
        assertEquals(0, inked(img, LEFT + 1, TOP + 1, LEFT + W, TOP + pad - 4), "above the small lane's line");
    }

    @Test
    void aSeriesOfAMillionPointsDrawsTheSameEnvelopeAsItsShape(@TempDir Path dir) throws Exception {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            // a fast oscillation between -1 and 1: every pixel column must span the whole range
            y[i] = i % 2 == 0 ? -1 : 1;
        }
        new LinePlot("l", "x", "y", false).series("s", x, y).writePng(dir.resolve("l.png"));
        BufferedImage img = ImageIO.read(dir.resolve("l.png").toFile());
        int filled = inked(img, LEFT + 5, TOP + H / 2, LEFT + W - 5, TOP + H / 2 + 1);
        assertTrue(filled > W - 20, "columns crossing the middle: " + filled);
    }
}
