package io.spikepilot.controller.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TanhTableTest {
    @Test
    void everyQ16ArgumentIsWithinTheStatedError() {
        double worst = 0;
        for (long z = -(9L << 16); z <= 9L << 16; z++) {
            double err = Math.abs(TanhTable.tanhQ16(z) - StrictMath.tanh(z / 65536.0));
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= TanhTable.MAX_ERROR, "worst error " + worst);
    }

    @Test
    void zeroIsExactlyZero() {
        assertEquals(0.0f, TanhTable.tanhQ16(0));
    }

    @Test
    void isOddSymmetric() {
        for (long z = 1; z < 600_000; z += 997) {
            assertEquals(-TanhTable.tanhQ16(z), TanhTable.tanhQ16(-z));
        }
    }

    @Test
    void hugeArgumentsSaturateBelowOne() {
        float v = TanhTable.tanhQ16(Long.MAX_VALUE / 2);
        assertTrue(v <= 1.0f && v > 0.99999f, Float.toString(v));
    }
}
