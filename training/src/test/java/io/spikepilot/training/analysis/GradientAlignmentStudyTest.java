package io.spikepilot.training.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientAlignmentStudyTest {
    private static GradientAlignmentConfig small(int seeds) {
        GradientAlignmentConfig p = GradientAlignmentConfig.paper(seeds, 7);
        return new GradientAlignmentConfig(p.inputSize, p.hiddenSize, p.spikingLayers, p.outputSize, p.steps, 64,
                p.slopes, p.referenceSlope, seeds, 7);
    }

    @Test
    void referenceSlopeHasCosineOneInEveryLayer() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        for (int l = 0; l < 5; l++) {
            assertEquals(1.0, r.cosine[4][l], 1e-6);
        }
    }

    @Test
    void readoutGradientDoesNotDependOnTheSlope() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        for (int k = 0; k < 5; k++) {
            assertEquals(1.0, r.cosine[k][4], 1e-6);
            assertEquals(r.meanAbsGradient[4][4], r.meanAbsGradient[k][4], 0.0);
        }
    }

    @Test
    void paperShapeHoldsOnAFewSeeds() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(3), 2, null);
        List<ShapeCriteria.Criterion> criteria = ShapeCriteria.evaluate(r);
        assertTrue(ShapeCriteria.allHold(criteria), criteria.toString());
        // shallow slope: nearly orthogonal to the steep gradient in layer 0 (paper ≈ 0.03)
        assertTrue(r.cosine[0][0] < 0.1, "k=1 layer 0 cosine " + r.cosine[0][0]);
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        GradientAlignmentResult one = GradientAlignmentStudy.run(small(3), 1, null);
        GradientAlignmentResult two = GradientAlignmentStudy.run(small(3), 2, null);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(one.cosine[k], two.cosine[k], 0.0);
            assertArrayEquals(one.meanAbsGradient[k], two.meanAbsGradient[k], 0.0);
        }
    }

    @Test
    void criteriaFailWhenMagnitudesStopFalling() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        r.meanAbsGradient[3][1] = r.meanAbsGradient[2][1] * 2;
        List<ShapeCriteria.Criterion> criteria = ShapeCriteria.evaluate(r);
        assertFalse(criteria.get(0).holds);
        assertTrue(criteria.get(0).detail.startsWith("layer 1: k=50.0"), criteria.get(0).detail);
    }

    @Test
    void cosineOfOneOnlyToRoundingStillCountsAsNonDecreasing() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        r.cosine[4][3] = 1.0 + 1e-15;
        r.cosine[4][4] = 1.0 - 1e-15;
        assertTrue(ShapeCriteria.evaluate(r).get(3).holds);
        r.cosine[4][4] = 0.9;
        assertFalse(ShapeCriteria.evaluate(r).get(3).holds);
    }

    @Test
    void reportWritesTwentyFiveRowsAndTwoPngs(@TempDir Path dir) throws Exception {
        GradientAlignmentReport.write(GradientAlignmentStudy.run(small(1), 1, null), dir);
        List<String> lines = Files.readAllLines(dir.resolve(GradientAlignmentReport.CSV));
        assertEquals("slope,layer,cosine_similarity,mean_abs_gradient", lines.get(1));
        assertEquals(27, lines.size());
        BufferedImage png = ImageIO.read(dir.resolve(GradientAlignmentReport.MAGNITUDE_PNG).toFile());
        assertEquals(800, png.getWidth());
        assertEquals(520, png.getHeight());
    }

    @Test
    void referenceSlopeMustBeOneOfTheSlopes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientAlignmentConfig(63, 64, 4, 64, 2, 256, new float[] {1f, 10f}, 100f, 1, 1));
        assertEquals("gradient study: reference slope 100.0 is not among the slopes [1.0, 10.0]", e.getMessage());
    }
}
