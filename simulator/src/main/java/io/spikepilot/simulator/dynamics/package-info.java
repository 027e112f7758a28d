/**
 * Rigid-body quadrotor dynamics of paper-spec §4.2: NWU world, FLU body, quaternion attitude, first-order motor lag
 * feeding a quadratic thrust curve, rotor yaw torque, integrated with one classical RK4 step per call.
 * Allocation-free after construction.
 */
package io.spikepilot.simulator.dynamics;
