package io.spikepilot.controller.math;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random rotations for property tests: uniform components, rejected near zero, normalised. */
public final class QuaternionArbitraries {
    private QuaternionArbitraries() {
    }

    /** Unit quaternions (w, x, y, z). */
    public static Arbitrary<double[]> unit() {
        Arbitrary<Double> c = Arbitraries.doubles().between(-1, 1);
        return Combinators.combine(c, c, c, c).as((w, x, y, z) -> new double[] {w, x, y, z})
                .filter(q -> Quaternions.norm(q) > 0.1)
                .map(q -> {
                    Quaternions.normalize(q);
                    return q;
                });
    }
}
