package io.spikepilot.simulator.airframe;

/**
 * One rotor: where it sits in the FLU body frame and which way its drag torque turns the body about +z. Every rotor
 * thrusts along +z body (both supported airframes are flat quads), so only x and y of the position produce torque.
 *
 * @param xFluM            position along body x (forward), m
 * @param yFluM            position along body y (left), m
 * @param zFluM            position along body z (up), m; carried for completeness, it does not enter the torque
 * @param torqueDirection  +1 or −1: sign of the yaw torque k_m·T this rotor puts on the body about +z
 */
public record Rotor(double xFluM, double yFluM, double zFluM, int torqueDirection) {
}
