package io.spikepilot.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinePlotTest {
    @Test
    void tickStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, LinePlot.niceStep(0.2), 1e-12);
        assertEquals(0.25, LinePlot.niceStep(0.21), 1e-12);
        assertEquals(50, LinePlot.niceStep(31), 1e-9);
        assertEquals(100, LinePlot.niceStep(51), 1e-9);
    }

    @Test
    void seriesWithMismatchedLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "x", "y", false).series("s", new double[2], new double[3]));
        assertEquals("series 's': 2 x values but 3 y values", e.getMessage());
    }
}
