package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class RequantizerTest {
    @Test
    void ratioOneIsMultiplier2Pow22Shift22() {
        assertEquals(1 << 22, Requantizer.multiplier(1.0));
        assertEquals(22, Requantizer.shift(1.0));
    }

    @Test
    void ratioJustBelowAPowerOfTwoRoundsUpIntoTheNextOctave() {
        double r = Math.nextDown(2.0);
        assertEquals(1 << 22, Requantizer.multiplier(r));
        assertEquals(21, Requantizer.shift(r));
    }

    @Test
    void halfRoundsTowardPlusInfinity() {
        int m = Requantizer.multiplier(0.5);
        int s = Requantizer.shift(0.5);
        assertEquals(3, Requantizer.apply(5, m, s));
        assertEquals(-2, Requantizer.apply(-5, m, s));
        assertEquals(-3, Requantizer.apply(-7, m, s));
    }

    @Test
    void zeroRatioGivesZero() {
        assertEquals(0, Requantizer.apply(123456, Requantizer.multiplier(0), Requantizer.shift(0)));
    }

    @Test
    void ratioAboveTheLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Requantizer.multiplier(0x1p22));
        assertEquals("requantizer: expected a ratio in [2^-40, 2^21], found 4194304.0", e.getMessage());
    }

    @Property(tries = 500)
    void representsTheRatioTo2Pow23Relative(@ForAll @DoubleRange(min = 1e-12, max = 2e6) @Scale(16) double r) {
        double back = Requantizer.ratio(Requantizer.multiplier(r), Requantizer.shift(r));
        assertTrue(Math.abs(back - r) <= r * 0x1p-23, r + " -> " + back);
    }
}
