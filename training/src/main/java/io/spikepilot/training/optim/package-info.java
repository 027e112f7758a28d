/** Optimisation of a flat parameter vector: Adam (PyTorch's formulation) and global gradient-norm clipping. */
package io.spikepilot.training.optim;
