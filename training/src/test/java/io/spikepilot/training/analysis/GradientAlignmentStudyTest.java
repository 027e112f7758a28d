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

    /** The paper's network with 8 neurons per layer: layers fall silent often enough to give zero-norm samples. */
    private static GradientAlignmentConfig narrow(int seeds) {
        GradientAlignmentConfig p = GradientAlignmentConfig.paper(seeds, 3);
        return new GradientAlignmentConfig(p.inputSize, 8, p.spikingLayers, p.outputSize, p.steps, 64, p.slopes,
                p.referenceSlope, seeds, 3);
    }

    @Test
    void reducedStudyHasSelfSimilarityExactlyOneAndCosinesRisingWithK() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(4), 2, null);
        for (int l = 0; l < 5; l++) {
            assertEquals(1.0, r.cosine[4][l], 0.0, "layer " + l);
            for (int k = 1; k < 5; k++) {
                assertTrue(r.cosine[k][l] >= r.cosine[k - 1][l],
                        "layer " + l + ": k index " + k + " " + r.cosine[k][l] + " < " + r.cosine[k - 1][l]);
            }
        }
        assertTrue(ShapeCriteria.evaluate(r).get(4).holds);
    }

    @Test
    void selfSimilarityStaysOneWhenTheReferenceGradientIsZero() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(narrow(2), 1, null);
        long zeros = r.zeroNormSamples[4][4];
        assertTrue(zeros > 0, "the narrow network should silence its last LIF layer on some samples");
        for (int l = 0; l < 5; l++) {
            assertEquals(1.0, r.cosine[4][l], 0.0, "layer " + l);
        }
    }

    @Test
    void zeroNormSamplesCountAsCosineZeroAndAreCountedPerSlope() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(narrow(2), 1, null);
        long count = r.samplesPerCell();
        assertEquals(128, count);
        long zeros = r.zeroNormSamples[4][4];
        for (int k = 0; k < 4; k++) {
            // the readout gradient does not depend on k: silent input → zero for every slope, else cosine exactly 1
            assertEquals(zeros, r.zeroNormSamples[k][4], "k index " + k);
            assertEquals((double) (count - zeros) / count, r.cosine[k][4], 0.0, "k index " + k);
        }
        // layer 0 sees the Gaussian input, never zero: no zero-norm samples for any slope
        for (int k = 0; k < 5; k++) {
            assertEquals(0, r.zeroNormSamples[k][0]);
        }
    }

    @Test
    void readoutGradientDoesNotDependOnTheSlope() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        for (int k = 0; k < 5; k++) {
            assertEquals(1.0 - (double) r.zeroNormSamples[k][4] / r.samplesPerCell(), r.cosine[k][4], 0.0);
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
            assertArrayEquals(one.zeroNormSamples[k], two.zeroNormSamples[k]);
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
    void aCosineDipOfOneUlpAlongTheLayersFails() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        assertTrue(ShapeCriteria.evaluate(r).get(3).holds);
        r.cosine[3][4] = Math.nextDown(r.cosine[3][3]);
        ShapeCriteria.Criterion c = ShapeCriteria.evaluate(r).get(3);
        assertFalse(c.holds);
        assertTrue(c.detail.startsWith("k=50.0 layer 3→4"), c.detail);
    }

    @Test
    void layer0TargetsFollowThePaperLinesInSlopeOrder() {
        GradientAlignmentResult r = GradientAlignmentStudy.run(small(1), 1, null);
        double[] measured = {0.04, 0.36, 0.69, 0.90, 1.0};
        for (int k = 0; k < 5; k++) {
            r.cosine[k][0] = measured[k];
        }
        assertTrue(ShapeCriteria.evaluate(r).get(5).holds, ShapeCriteria.evaluate(r).get(5).toString());
        r.cosine[2][0] = 0.37; // the spec's reading (k = 25 ≈ 0.37) is off by one curve
        ShapeCriteria.Criterion c = ShapeCriteria.evaluate(r).get(5);
        assertFalse(c.holds);
        assertTrue(c.detail.contains("k=25.0 0.370 (paper 0.70, off)"), c.detail);
    }

    @Test
    void reportWritesTwentyFiveRowsAndTwoPngs(@TempDir Path dir) throws Exception {
        GradientAlignmentReport.write(GradientAlignmentStudy.run(small(1), 1, null), dir);
        List<String> lines = Files.readAllLines(dir.resolve(GradientAlignmentReport.CSV));
        assertEquals("slope,layer,cosine_similarity,mean_abs_gradient,zero_norm_samples", lines.get(1));
        assertTrue(lines.get(0).contains("samples_per_cell=64"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("100.0,4,1.00000000,"), lines.get(lines.size() - 1));
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
