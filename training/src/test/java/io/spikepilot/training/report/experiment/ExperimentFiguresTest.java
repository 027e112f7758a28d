package io.spikepilot.training.report.experiment;

import io.spikepilot.report.html.HeadlessChromium;
import io.spikepilot.report.html.PngChecks;
import static io.spikepilot.training.report.experiment.FabricatedExperiment.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentFiguresTest {
    /** FABRICATED slope study: bc-stacked and td3-stacked on slope-2 and adaptive, two seeds each. */
    static FabricatedExperiment slopes(Path dir) throws Exception {
        FabricatedExperiment e = new FabricatedExperiment(dir, "slopes");
        // bc-stacked slope-2: 100 first at epoch 20 (seed 1) and 30 (seed 2); best 232, 250
        e.run("bc-stacked", "slope-2", 1, "complete", 30, "f00d1", row(10, 1e4, 60.0, 80.0), row(20, 2e4, 120.0, 90.0),
                row(30, 3e4, 232.0, 95.0));
        e.run("bc-stacked", "slope-2", 2, "complete", 30, "f00d2", row(10, 1e4, 50.0, 80.0), row(20, 2e4, 90.0, 90.0),
                row(30, 3e4, 250.0, 95.0));
        e.run("bc-stacked", "adaptive", 1, "complete", 30, "f00d3", row(10, 1e4, 100.0, 80.0),
                row(20, 2e4, 200.0, 90.0), row(30, 3e4, 180.0, 95.0));
        // td3-stacked slope-2 never reaches 100; adaptive reaches it at epoch 30 in one seed of two
        e.run("td3-stacked", "slope-2", 1, "complete", 30, "f00d4", row(10, 1e4, 10.0, 20.0), row(20, 2e4, 20.0, 20.0),
                row(30, 3e4, 30.0, 20.0));
        e.run("td3-stacked", "adaptive", 1, "complete", 30, "f00d5", row(10, 1e4, 10.0, 20.0),
                row(20, 2e4, 50.0, 20.0), row(30, 3e4, 380.0, 20.0));
        e.run("td3-stacked", "adaptive", 2, "complete", 30, "f00d6", row(10, 1e4, 10.0, 20.0),
                row(20, 2e4, 40.0, 20.0), row(30, 3e4, 60.0, 20.0));
        return e.writeIndex();
    }

    private static void assertDrawn(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " does not decode");
        // the plot rectangle (ChartFrame: 90 px from the left, 50 from the top, 540 × 410)
        assertTrue(PngChecks.colours(image, 90, 50, 540, 410) > 20, png + ": too few colours");
        assertTrue(PngChecks.inked(image, 90, 50, 540, 410) > 0.02, png + ": nearly blank");
    }

    @Test
    void aComparisonHasCurvesAgainstStepsForOnlineMethodsAndAgainstEpochsForAll(@TempDir Path dir) throws Exception {
        ExperimentReport r = ExperimentReport.read(FabricatedExperiment.comparison(dir.resolve("exp")).dir());
        List<ExperimentFigures.Figure> figures = ExperimentFigures.write(r, dir.resolve("out"));
        assertEquals(List.of("comparison-return-vs-steps.png", "comparison-length-vs-steps.png",
                "comparison-return-vs-epochs.png", "comparison-length-vs-epochs.png"),
                figures.stream().map(ExperimentFigures.Figure::file).toList());
        for (ExperimentFigures.Figure f : figures) {
            assertDrawn(dir.resolve("out").resolve(f.file()));
        }
        assertTrue(figures.get(0).caption().contains("bc-offline, td3bc learn from a fixed dataset"),
                figures.get(0).caption());
    }

    @Test
    void slopesGetTheBarChartsOfFigureTwo(@TempDir Path dir) throws Exception {
        ExperimentReport r = ExperimentReport.read(slopes(dir.resolve("exp")).dir());
        List<ExperimentFigures.Figure> figures = ExperimentFigures.write(r, dir.resolve("out"));
        assertEquals("slopes-epochs-to-100.png", figures.get(0).file());
        assertEquals("slopes-best-return.png", figures.get(1).file());
        for (ExperimentFigures.Figure f : figures) {
            assertDrawn(dir.resolve("out").resolve(f.file()));
        }
    }

    @Test
    void slopeNumbersAreEpochsToAHundredAndTheBestReturnOverSeeds(@TempDir Path dir) throws Exception {
        ExperimentReport r = ExperimentReport.read(slopes(dir).dir());
        RunGroup bc2 = r.groups().get(0);
        assertEquals("bc-stacked slope-2", bc2.label());
        assertEquals(25, bc2.epochsToReach(100).when().mean(), 1e-9);
        assertEquals(Math.sqrt(50), bc2.epochsToReach(100).when().std(), 1e-9);
        assertEquals(new Stat(2, 241, Math.sqrt(81 * 2)), bc2.bestReturn());
        RunGroup td3Slope2 = r.groups().get(2);
        assertEquals("td3-stacked slope-2", td3Slope2.label());
        assertEquals("never", td3Slope2.epochsToReach(100).format(1));
        assertEquals("30.0 (1 of 2 seeds; the others never)", r.groups().get(3).epochsToReach(100).format(1));
    }
}
