package io.spikepilot.training.report.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatTest {
    @Test
    void theDeviationIsTheSampleOneOverTheFiniteValues() {
        // 1, 2, 3, 4: mean 2.5, squared deviations 5 in all, 5 / 3 = 1.6667, sqrt = 1.2910
        Stat s = Stat.of(1, 2, Double.NaN, 3, 4);
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(1.2909944, s.std(), 1e-6);
        assertEquals("2.50 ± 1.29", s.format(2));
    }

    @Test
    void oneValueHasNoDeviationAndNoneHasNoMean() {
        assertTrue(Double.isNaN(Stat.of(7).std()));
        assertEquals("7.0 (1 seed)", Stat.of(7).format(1));
        assertEquals("—", Stat.of().format(1));
    }
}
