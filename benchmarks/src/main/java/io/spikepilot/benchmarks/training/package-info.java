/** Training throughput of the hand-written BPTT trainer, side by side with the PyTorch reference script. */
package io.spikepilot.benchmarks.training;
