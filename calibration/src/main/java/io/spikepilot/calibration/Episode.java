package io.spikepilot.calibration;

/**
 * One recorded closed-loop episode: the observations the policy saw, its return and length.
 *
 * @param seed         environment seed
 * @param observations {@code steps × observationSize} values, row per step
 * @param steps        steps taken
 * @param episodeReturn summed reward
 */
public record Episode(long seed, float[] observations, int steps, double episodeReturn) {
}
