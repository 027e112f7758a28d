package io.spikepilot.training.report.experiment;

import java.util.Locale;

/**
 * Mean and sample standard deviation (n − 1) of the finite values given, with how many there were. With one value
 * the deviation is NaN: one seed says nothing about the spread between seeds.
 */
public record Stat(int n, double mean, double std) {
    /** Over the finite entries of {@code values}. */
    public static Stat of(double... values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Stat(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Stat(1, mean, Double.NaN);
        }
        double sq = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sq += (v - mean) * (v - mean);
            }
        }
        return new Stat(n, mean, Math.sqrt(sq / (n - 1)));
    }

    /** "412.0 ± 6.7", "412.0 (1 seed)" or "—" with {@code decimals} decimals. */
    public String format(int decimals) {
        if (n == 0) {
            return "—";
        }
        String f = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, f, mean);
        return n == 1 ? m + " (1 seed)" : m + " ± " + String.format(Locale.ROOT, f, std);
    }
}
