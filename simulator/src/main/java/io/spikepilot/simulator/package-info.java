/**
 * The quadrotor simulator: data-driven airframes, rigid-body dynamics integrated with RK4, a PX4-like attitude and
 * rate inner loop with a mixer, the {@code SimulatedVehicle} that the closed-loop tests and the bench drive in
 * lockstep, and the batched training environments of the paper's task.
 */
package io.spikepilot.simulator;
