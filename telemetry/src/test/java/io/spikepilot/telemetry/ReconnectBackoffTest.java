package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static long[] delays(ReconnectBackoff b, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.nextDelayMs();
        }
        return out;
    }

    @Test
    void eachDelayLiesInTheUpperHalfOfADoublingStepCappedAtTheMaximum() {
        ReconnectBackoff b = new ReconnectBackoff(500, 30_000, 1);
        long[] steps = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000};
        long[] d = delays(b, steps.length);
        for (int i = 0; i < steps.length; i++) {
            assertTrue(d[i] >= steps[i] / 2 && d[i] <= steps[i], "attempt " + i + ": " + d[i] + " against step "
                    + steps[i]);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelaysAndAnotherSeedOthers() {
        assertArrayEquals(delays(new ReconnectBackoff(500, 30_000, 7), 20),
                delays(new ReconnectBackoff(500, 30_000, 7), 20));
        assertFalse(Arrays.equals(delays(new ReconnectBackoff(500, 30_000, 7), 20),
                delays(new ReconnectBackoff(500, 30_000, 8), 20)));
    }

    @Test
    void aConnectionStartsTheStepsAgainFromTheFirst() {
        ReconnectBackoff b = new ReconnectBackoff(100, 10_000, 3);
        delays(b, 10);
        b.reset();
        long d = b.nextDelayMs();
        assertTrue(d >= 50 && d <= 100, "first step again: " + d);
    }

    @Test
    void manyAttemptsNeverOverflowTheStep() {
        ReconnectBackoff b = new ReconnectBackoff(1_000, 3_600_000, 5);
        long[] d = delays(b, 500);
        assertTrue(d[499] >= 1_800_000 && d[499] <= 3_600_000, "capped: " + d[499]);
    }

    @Test
    void boundsOutOfOrderAreRefused() {
        assertEquals("telemetry: reconnect back-off expected 10 <= min <= max ms, found 500 and 100",
                assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(500, 100, 1)).getMessage());
    }
}
