package io.spikepilot.training.netstats;

import io.spikepilot.training.bc.Evaluation;

/**
 * One of our networks with its statistics and the test rollouts they were measured on.
 *
 * @param name       short name (file name without extension)
 * @param format     {@code float-snn}, {@code fixed-snn} or {@code ann}
 * @param task       task id the network was flown on
 * @param evaluation the test episodes' result at the reported curriculum level; null if it was not flown
 * @param stats      the statistics
 */
public record AnalyzedNetwork(String name, String format, String task, Evaluation evaluation, NetworkStats stats) {
}
