package io.spikepilot.training.bc;

import io.spikepilot.training.bptt.SequenceSet;

/**
 * Guide demonstrations cut into windows, with the numbers that describe how they were collected.
 *
 * @param windows         (actor observation → guide action) windows
 * @param episodes        episodes kept
 * @param discarded       episodes discarded for being shorter than two warm-ups
 * @param meanGuideReturn mean return of the kept episodes (flown with the collection noise)
 */
public record GuideDataset(SequenceSet windows, int episodes, int discarded, double meanGuideReturn) {
}
