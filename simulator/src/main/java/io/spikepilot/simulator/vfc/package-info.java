/**
 * A virtual flight controller: the simulated vehicle behind a PX4-like MAVLink face, for bench tests (hardware in
 * the loop without hardware) and the demo.
 *
 * <p>{@link io.spikepilot.simulator.vfc.VfcCore} is the autopilot's logic, single-threaded and driven by the time it
 * is given, so tests step it deterministically; {@link io.spikepilot.simulator.vfc.VirtualFlightController} puts it
 * on a real transport and paces it with the wall clock. What it imitates of PX4 (main modes, offboard entry and loss,
 * message intervals, arming, heartbeat) follows the rules in reference/mavlink-ecosystem.md §1.
 */
package io.spikepilot.simulator.vfc;
