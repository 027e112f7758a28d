package io.spikepilot.calibration.nir;

/**
 * How to discretise a NIR graph.
 *
 * @param dtS   time step in seconds the graph is run at (one control tick). NIR stores none; snnTorch's exporter
 *              assumes 1e-4 s, Norse 1e-3 s. LIF β = 1 − dt/τ and input gain dt·r/τ follow from it.
 * @param reset how to read the graph's LIF reset
 */
public record NirImportOptions(double dtS, ResetReading reset) {
    /** The two readings of a NIR LIF reset this project can run. */
    public enum ResetReading {
        /** What the NIR file says: on a spike the membrane is set to v_reset (= 0) in the same step. */
        NIR_ZERO,
        /**
         * The caller declares the graph came from snnTorch {@code Leaky} with its defaults
         * ({@code reset_mechanism="subtract", reset_delay=True}); NIR cannot express that reset, so the exported file
         * alone would change the network's behaviour.
         */
        SNNTORCH_SUBTRACT_DELAYED
    }

    public NirImportOptions {
        if (!(Double.isFinite(dtS) && dtS > 0 && dtS <= 1)) {
            throw new IllegalArgumentException("NIR import: dt expected a time step in (0, 1] s, found " + dtS);
        }
        if (reset == null) {
            throw new IllegalArgumentException("NIR import: reset reading expected, found null");
        }
    }
}
