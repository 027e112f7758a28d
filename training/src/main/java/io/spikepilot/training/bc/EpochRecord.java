package io.spikepilot.training.bc;

/**
 * One line of the training log.
 *
 * @param epoch       epoch number, from 1
 * @param loss        mean training loss (masked MSE) over the epoch's batches
 * @param slope       surrogate slope used in this epoch
 * @param gradNorm    mean gradient norm before clipping
 * @param evaluation  evaluation after this epoch, or null when none ran
 * @param seconds     wall time since the start of training
 */
public record EpochRecord(int epoch, double loss, float slope, double gradNorm, Evaluation evaluation,
                          double seconds) {
}
