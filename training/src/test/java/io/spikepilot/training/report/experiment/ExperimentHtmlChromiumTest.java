package io.spikepilot.training.report.experiment;

import io.spikepilot.report.html.HeadlessChromium;
import io.spikepilot.report.html.PngChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page in a real browser: it loads without console errors and its figures are on screen. Needs the
 * Debian {@code chromium} package and fails, saying so, without it.
 */
class ExperimentHtmlChromiumTest {
    /** jsrl's and td3's line colours (palette 0 and 1 of the report's first figure). */
    private static final int JSRL_BLUE = 0x1f77b4;
    private static final int TD3_ORANGE = 0xff7f0e;

    @Test
    void theReportLoadsWithoutConsoleErrorsAndShowsItsFigures(@TempDir Path dir) throws Exception {
        HeadlessChromium.require();
        ExperimentHtmlTest.page(FabricatedExperiment.comparison(dir.resolve("exp")).dir(), dir.resolve("out"));
        Path shot = dir.resolve("screenshot.png");
        HeadlessChromium.Load load = HeadlessChromium.screenshot(dir.resolve("out/index.html"), shot, dir);
        assertEquals(0, load.exitCode(), String.join("\n", load.stderr()));
        assertEquals(java.util.List.of(), load.console(), "console messages");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "screenshot does not decode");
        // find the figures by their line colours, drawn 1:1, then check that region is a picture, not blank
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        int lineColoured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb == JSRL_BLUE || rgb == TD3_ORANGE) {
                    lineColoured++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertTrue(lineColoured > 500, "pixels in the curves' colours: " + lineColoured);
        int w = right - left + 1;
        int h = bottom - top + 1;
        assertTrue(w > 300 && h > 200, "figure region " + w + " x " + h);
        assertTrue(PngChecks.colours(image, left, top, w, h) > 100, "distinct colours in the figure region");
        double inked = PngChecks.inked(image, left, top, w, h);
        assertTrue(inked > 0.05 && inked < 0.9, "non-white share of the figure region: " + inked);
    }

    @Test
    void aPageWithAScriptErrorIsCaughtSoTheCheckAboveCanFail(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("broken.html");
        Files.writeString(page,
                "<!DOCTYPE html><html><body><p>control</p><script>notDefined();</script></body></html>");
        HeadlessChromium.Load load = HeadlessChromium.screenshot(page, dir.resolve("broken.png"), dir);
        assertFalse(load.console().isEmpty(), "chromium's stderr no longer shows console errors: "
                + String.join("\n", load.stderr()));
        assertTrue(load.console().get(0).contains("notDefined"), load.console().get(0));
    }
}
