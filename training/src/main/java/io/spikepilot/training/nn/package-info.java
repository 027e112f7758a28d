/**
 * Layers with hand-written forward and backward passes (Linear, LIF with the fast-sigmoid surrogate, tanh, ReLU) and
 * the {@link io.spikepilot.training.nn.Network} that stacks them over one flat parameter vector. One time step of one
 * sequence is one row of a float "tape"; backpropagation through time walks the rows backwards. Whole-sequence passes
 * run on register-blocked kernels written with the JDK's incubator Vector API ({@code Kernels}; the JVM needs
 * {@code --add-modules jdk.incubator.vector}); stepping row by row needs no incubator module.
 */
package io.spikepilot.training.nn;
