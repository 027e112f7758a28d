/**
 * The onboard flight application: what happens between the autopilot link and the control loop during a flight.
 * {@link io.spikepilot.flight.FlightRun} opens the session, runs the pre-flight checks (the policy against the
 * flight configuration, the autopilot's streams), warms the JIT, arms, ticks the loop while a {@link
 * io.spikepilot.flight.FlightPlan} commands it, disarms after touchdown, and hands the vehicle back on a lost link,
 * a pilot takeover or a signal. Every command that flies ({@code fly}, {@code demo}, {@code bench}) builds one; the
 * command line only parses options and reports.
 *
 * <p>Depends on the controller, the MAVLink bridge and telemetry, never on the simulator or the trainer: what flies
 * on the vehicle is what the bench flies against the virtual flight controller. {@link io.spikepilot.flight.ExitCode}
 * lives here because a flight's outcomes (refused to arm, link lost) are the ones a systemd unit branches on; the
 * command line uses the same table for every command.
 */
package io.spikepilot.flight;
