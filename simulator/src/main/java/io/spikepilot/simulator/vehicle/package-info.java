/**
 * The simulated vehicle as an autopilot presents it to a companion computer: it accepts thrust + attitude setpoints,
 * flies them through the PX4-like inner loop, and reports its true state. Driven in lockstep by simulated time.
 */
package io.spikepilot.simulator.vehicle;
