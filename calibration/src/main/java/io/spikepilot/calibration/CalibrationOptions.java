package io.spikepilot.calibration;

import io.spikepilot.controller.snn.FixedPointNetwork;

/**
 * Choices of a calibration run.
 *
 * @param weightBits          8 or 16
 * @param inputHeadroom       factor ≥ 1 on the largest |observation value| seen; beyond it inputs saturate (counted)
 * @param membraneHeadroom    factor ≥ 1 on max(|U|, |I|, |θ|) seen per neuron
 * @param membraneRangeBits   the headroom-scaled range maps to 2^bits membrane units, in [4, 29]
 * @param calibrationEpisodes seeded simulator episodes whose observations set the ranges, ≥ 1
 * @param evaluationEpisodes  further seeded episodes (disjoint seeds) for the equivalence report, ≥ 1
 * @param seed                first calibration seed; evaluation seeds start at seed + {@link #EVALUATION_SEED_OFFSET}
 */
public record CalibrationOptions(int weightBits, double inputHeadroom, double membraneHeadroom, int membraneRangeBits,
                                 int calibrationEpisodes, int evaluationEpisodes, long seed) {
    /** Evaluation episodes never share a seed with calibration episodes. */
    public static final long EVALUATION_SEED_OFFSET = 1_000_000L;

    public CalibrationOptions {
        if (weightBits != 8 && weightBits != 16) {
            throw new IllegalArgumentException("calibration: weight bits expected 8 or 16, found " + weightBits);
        }
        if (!(inputHeadroom >= 1 && inputHeadroom <= 1000) || !(membraneHeadroom >= 1 && membraneHeadroom <= 1000)) {
            throw new IllegalArgumentException("calibration: headrooms expected in [1, 1000], found " + inputHeadroom
                    + " and " + membraneHeadroom);
        }
        if (membraneRangeBits < 4 || membraneRangeBits > 29) {
            throw new IllegalArgumentException("calibration: membrane range bits expected in [4, 29], found "
                    + membraneRangeBits);
        }
        if (calibrationEpisodes < 1 || evaluationEpisodes < 1) {
            throw new IllegalArgumentException("calibration: episode counts expected ≥ 1, found "
                    + calibrationEpisodes + " and " + evaluationEpisodes);
        }
    }

    /** 16-bit weights, 2× headroom on inputs and membranes, 24-bit membrane range, 20 + 20 episodes from seed 1. */
    public static CalibrationOptions defaults() {
        return new CalibrationOptions(16, 2.0, 2.0, 24, 20, 20, 1);
    }

    /** Largest input code used: the engine's maximum. */
    public int inputMaxCode() {
        return FixedPointNetwork.MAX_INPUT_CODE;
    }
}
