/**
 * Layers with hand-written forward and backward passes (Linear, LIF with the fast-sigmoid surrogate, tanh, ReLU) and
 * the {@link io.spikepilot.training.nn.Network} that stacks them over one flat parameter vector. One time step of one
 * sequence is one row of a float "tape"; backpropagation through time walks the rows backwards.
 */
package io.spikepilot.training.nn;
