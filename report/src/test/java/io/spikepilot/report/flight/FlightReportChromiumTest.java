package io.spikepilot.report.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.report.html.HeadlessChromium;
import io.spikepilot.report.html.PngChecks;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flight report of a real demo flight in a real browser: it loads without console errors, opens without a
 * network (everything is in the page), and its panels are on screen. Needs the Debian {@code chromium} package and
 * fails, saying so, without it.
 */
class FlightReportChromiumTest {
    /** The first palette colour: the target's line, the SNN lane and the first layer's spikes. */
    private static final int BLUE = 0x1f77b4;
    /** The second: the vehicle's line while the SNN flies, the PID lane, the second layer. */
    private static final int ORANGE = 0xff7f0e;
    private static final int WINDOW_HEIGHT_PX = 12_000;

    @Test
    void theReportOfARealFlightLoadsWithoutConsoleErrorsAndShowsItsPanels(@TempDir Path dir) throws Exception {
        HeadlessChromium.require();
        FlightReport.Written written = FlightReport.write(FlightRecords.load(DemoTrace.copyTo(dir, true)),
                dir.resolve("report"), Instant.EPOCH);
        assertEquals(List.of(), written.missing().stream().map(Panel::title).toList(), "panels not drawn");
        String html = Files.readString(written.page());
        assertTrue(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
                "the page is self-contained");
        Path shot = dir.resolve("screenshot.png");
        HeadlessChromium.Load load = HeadlessChromium.screenshot(written.page(), shot, dir, WINDOW_HEIGHT_PX);
        assertEquals(0, load.exitCode(), String.join("\n", load.stderr()));
        assertEquals(List.of(), load.console(), "console messages");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "screenshot does not decode");
        // the figures are drawn 1:1 (800 px wide in a 1280 px window): each PNG must be on screen pixel for pixel,
        // and be a picture rather than a blank canvas
        int previousTop = -1;
        for (Panel p : written.panels()) {
            BufferedImage figure = ImageIO.read(dir.resolve("report").resolve(p.file()).toFile());
            java.awt.Point at = PngChecks.find(image, figure);
            assertNotNull(at, p.file() + " is not on the screenshot as drawn");
            assertTrue(at.y > previousTop, p.file() + " is not below the panel before it");
            previousTop = at.y;
            int w = figure.getWidth();
            int h = figure.getHeight();
            assertTrue(PngChecks.colours(image, at.x, at.y, w, h) > 20, p.file() + ": distinct colours");
            double inked = PngChecks.inked(image, at.x, at.y, w, h);
            assertTrue(inked > 0.02 && inked < 0.9, p.file() + ": non-white share " + inked);
        }
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                coloured += rgb == BLUE || rgb == ORANGE ? 1 : 0;
            }
        }
        assertTrue(coloured > 20_000, "pixels in the plot colours: " + coloured);
    }
}
