package io.spikepilot.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChartFrameTest {
    @Test
    void tickStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, ChartFrame.niceStep(0.2), 1e-12);
        assertEquals(0.25, ChartFrame.niceStep(0.21), 1e-12);
        assertEquals(50, ChartFrame.niceStep(31), 1e-9);
        assertEquals(100, ChartFrame.niceStep(51), 1e-9);
    }

    @Test
    void tickLabelsKeepTheirZerosBeforeTheDecimalPointAndShortenThousands() {
        assertEquals("1000", ChartFrame.format(1000));
        assertEquals("-200", ChartFrame.format(-200));
        assertEquals("2.5", ChartFrame.format(2.5));
        assertEquals("0", ChartFrame.format(0));
        assertEquals("20k", ChartFrame.format(20000));
        assertEquals("12.5k", ChartFrame.format(12500));
        assertEquals("2.5e+06", ChartFrame.format(2.5e6));
        assertEquals("1.0e-03", ChartFrame.format(0.001));
    }
}
