/**
 * The trainer: spiking and non-spiking networks with hand-written forward and backward passes, backpropagation through
 * time over sequences, optimisation, surrogate-slope schedules, the gradient-alignment study and behaviour cloning.
 */
package io.spikepilot.training;
