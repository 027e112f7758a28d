/**
 * Backpropagation through time over batches of fixed-length sequences, parallel over the batch with a deterministic
 * reduction: the batch is cut into fixed-size chunks, each chunk accumulates its own gradient, and the chunk gradients
 * are summed in chunk order, so the result depends neither on thread timing nor on the number of threads.
 */
package io.spikepilot.training.bptt;
