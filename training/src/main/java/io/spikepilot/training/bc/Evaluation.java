package io.spikepilot.training.bc;

/**
 * Result of flying a policy on the evaluation episodes.
 *
 * @param meanReturn          mean undiscounted episode return (guide warm-up steps included, as the env counts them)
 * @param meanLength          mean episode length, steps
 * @param crashes             episodes that terminated before the step limit
 * @param meanPositionErrorM  mean ‖p − target‖ over the steps the policy flew (after the warm-up; every step when
 *                            the guide is evaluated alone), m
 * @param episodes            number of evaluation episodes
 */
public record Evaluation(double meanReturn, double meanLength, int crashes, double meanPositionErrorM, int episodes) {
}
