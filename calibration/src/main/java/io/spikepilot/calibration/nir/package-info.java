/**
 * Import of NIR graphs (Neuromorphic Intermediate Representation, {@code .nir} HDF5 files as written by snnTorch, Norse
 * and others) into float spiking policies. NIR is continuous-time and stores no dt, and its LIF resets to
 * {@code v_reset} in the spiking step, so the caller states the dt and how to read the reset; what the runtime cannot
 * represent (synaptic current state, recurrence, stateful readouts, non-zero reset potentials) is refused with the
 * reason.
 */
package io.spikepilot.calibration.nir;
