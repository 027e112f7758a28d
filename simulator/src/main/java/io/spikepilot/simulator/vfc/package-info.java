/**
 * A virtual flight controller: the simulated vehicle behind a PX4-like or ArduCopter-like MAVLink face, for bench
 * tests (hardware in the loop without hardware) and the demo.
 *
 * <p>{@link io.spikepilot.simulator.vfc.SimulatedAutopilot} is the autopilot's logic, single-threaded and driven by the time it
 * is given, so tests step it deterministically; {@link io.spikepilot.simulator.vfc.VirtualFlightController} puts it
 * on a real transport and paces it with the wall clock. What it imitates of each stack (modes, offboard or guided
 * entry and loss, message intervals, arming and its refusals, parameters, heartbeat) follows the rules in
 * reference/mavlink-ecosystem.md §1; the differences live in one {@code AutopilotDialect} per stack
 * ({@code Px4Dialect}, {@code ArduCopterDialect}) around the one shared core.
 */
package io.spikepilot.simulator.vfc;
