package io.spikepilot.training.bc;

import io.spikepilot.training.nn.Network;
import java.util.List;

/**
 * Outcome of a behaviour-cloning run.
 *
 * @param network        the network with the parameters of the best evaluation
 * @param bestEpoch      epoch of that evaluation
 * @param best           that evaluation
 * @param guide          the guide evaluated on the same episodes (no warm-up hand-over: it flies throughout)
 * @param dataset        the demonstrations
 * @param log            one record per epoch
 */
public record BcResult(Network network, int bestEpoch, Evaluation best, Evaluation guide, GuideDataset dataset,
                       List<EpochRecord> log) {
}
