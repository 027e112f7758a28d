package io.spikepilot.controller.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.testing.AllocationMeter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortestDoubleTest {
    private static final int SAMPLES = 2_000_000;

    private static String text(double v) {
        return ShortestDouble.append(new StringBuilder(), v).toString();
    }

    /** Random doubles of several kinds: raw bits, powers of two and their neighbours, integers, subnormals, flight-sized. */
    private static double sample(SplittableRandom r, int i) {
        switch (i % 5) {
            case 0:
                return Double.longBitsToDouble(r.nextLong());
            case 1:
                return Double.longBitsToDouble(r.nextLong() & 0xfff0000000000000L | r.nextInt(4));
            case 2:
                return r.nextLong(1L << 54);
            case 3:
                return Double.longBitsToDouble(r.nextLong() & 0x800fffffffffffffL);
            default:
                return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(10) - 4);
        }
    }

    @Test
    void everySampleReadsBackToItsBitsAndIsNeverLongerThanTheJdks() {
        SplittableRandom r = new SplittableRandom(20261204L);
        StringBuilder sb = new StringBuilder(32);
        boolean jdkIsShortest = Runtime.version().feature() >= 19;
        for (int i = 0; i < SAMPLES; i++) {
            double v = sample(r, i);
            sb.setLength(0);
            String ours = ShortestDouble.append(sb, v).toString();
            String jdk = Double.toString(v);
            if (Double.isNaN(v)) {
                assertEquals("NaN", ours);
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(ours)),
                    () -> "round trip of " + jdk + ": " + ours);
            assertTrue(ours.length() <= jdk.length(), () -> jdk + " printed longer: " + ours);
            if (jdkIsShortest || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7)) {
                // JDK 19+ prints the same algorithm's text; JDK 17 is never seen to differ in the plain range, where
                // the traces' numbers live (so their bytes are unchanged)
                assertEquals(jdk, ours, () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(v)));
            }
        }
    }

    @Test
    void printsJdk25sTextWhereJdk17sIsNotTheShortestOrClosest() throws IOException {
        int lines = 0;
        try (InputStream in = getClass().getResourceAsStream("jdk17-not-shortest.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String row = line;
                String[] f = row.split(" ");
                double v = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
                assertEquals(f[1], text(v), () -> "bits " + f[0]);
                // JDK 17 printed more digits than needed, or as many but not the closest
                assertTrue(f[1].length() <= f[2].length() && !f[1].equals(f[2]), () -> "not a JDK 17 miss: " + row);
                lines++;
            }
        }
        assertEquals(300, lines);
    }

    @Test
    void layoutFollowsDoubleToString() {
        assertEquals("0.0", text(0.0));
        assertEquals("-0.0", text(-0.0));
        assertEquals("NaN", text(Double.NaN));
        assertEquals("Infinity", text(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", text(Double.NEGATIVE_INFINITY));
        assertEquals("1.0", text(1));
        assertEquals("100.0", text(100));
        assertEquals("-123.456", text(-123.456));
        assertEquals("0.001", text(1e-3));
        assertEquals("9.99E-4", text(9.99e-4));
        assertEquals("9999999.0", text(9_999_999));
        assertEquals("1.0E7", text(1e7));
        assertEquals("1.0E23", text(1e23));
        assertEquals("4.9E-324", text(Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", text(Double.MAX_VALUE));
        assertEquals("2.2250738585072014E-308", text(Double.MIN_NORMAL));
        assertEquals("0.1", text(0.1));
        assertEquals("0.30000000000000004", text(0.1 + 0.2));
    }

    @Test
    void allocatesNothing() {
        double[] values = new double[4096];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = sample(r, i);
        }
        StringBuilder sb = new StringBuilder(64);
        int[] next = {0};
        long bytes = AllocationMeter.bytesAllocatedBy(() -> {
            sb.setLength(0);
            ShortestDouble.append(sb, values[next[0]++ & (values.length - 1)]);
        }, 200_000, 100_000);
        assertEquals(0, bytes, "bytes allocated formatting 100,000 doubles");
    }
}
