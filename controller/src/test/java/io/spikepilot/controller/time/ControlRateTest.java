package io.spikepilot.controller.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.supervisor.SupervisorConfig;
import org.junit.jupiter.api.Test;

class ControlRateTest {
    @Test
    void hzAndPeriodConvertBothWays() {
        ControlRate r = ControlRate.ofHz("rate", 100);
        assertEquals(10_000_000L, r.periodNs());
        assertEquals(0.01, r.periodS(), 0);
        assertEquals(r, ControlRate.ofPeriodNs("period", 10_000_000L));
        // a rate whose period is not a whole number of ns ticks at the rounded period
        assertEquals(3_333_333L, ControlRate.ofHz("rate", 300).periodNs());
        assertEquals(2_000_000L, ControlRate.MIN_PERIOD_NS);
        assertEquals(20_000_000L, ControlRate.MAX_PERIOD_NS);
    }

    @Test
    void theBoundsAreInclusiveAndNanIsRefused() {
        assertTrue(ControlRate.acceptsHz(50));
        assertTrue(ControlRate.acceptsHz(500));
        assertFalse(ControlRate.acceptsHz(49.999));
        assertFalse(ControlRate.acceptsHz(500.001));
        assertFalse(ControlRate.acceptsHz(Double.NaN));
        assertFalse(ControlRate.acceptsHz(Double.POSITIVE_INFINITY));
        assertTrue(ControlRate.acceptsPeriodNs(2_000_000L));
        assertTrue(ControlRate.acceptsPeriodNs(20_000_000L));
        assertFalse(ControlRate.acceptsPeriodNs(1_999_999L));
        assertFalse(ControlRate.acceptsPeriodNs(20_000_001L));
    }

    @Test
    void refusalsNameTheFieldTheRangeAndWhatWasFound() {
        IllegalArgumentException hz = assertThrows(IllegalArgumentException.class,
                () -> ControlRate.ofHz("flight config: field 'rateHz'", 1000));
        assertEquals("flight config: field 'rateHz' expected a value in [50, 500], found 1000.0", hz.getMessage());
        IllegalArgumentException ns = assertThrows(IllegalArgumentException.class,
                () -> ControlRate.ofPeriodNs("loop runner: field 'periodNs'", 1_000_000L));
        assertEquals("loop runner: field 'periodNs' expected a period in [2000000, 20000000] ns ([50, 500] Hz), "
                + "found 1000000 ns", ns.getMessage());
    }

    /** The configs that carry a rate accept exactly what ControlRate accepts, at both edges. */
    @Test
    void theSupervisorAcceptsExactlyThePeriodsOfAcceptedRates() {
        for (long periodNs : new long[] {ControlRate.MIN_PERIOD_NS, ControlRate.MAX_PERIOD_NS}) {
            assertEquals(periodNs, SupervisorConfig.builder(periodNs).build().periodNs());
        }
        for (long periodNs : new long[] {ControlRate.MIN_PERIOD_NS - 1, ControlRate.MAX_PERIOD_NS + 1}) {
            assertThrows(IllegalArgumentException.class, () -> SupervisorConfig.builder(periodNs).build());
        }
    }
}
