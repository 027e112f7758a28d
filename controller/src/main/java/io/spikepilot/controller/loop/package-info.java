/**
 * The fixed-rate flight loop: {@link io.spikepilot.controller.loop.FlightController#tick} (state → observation →
 * policy → decoder → PID in hot standby → supervisor → setpoint → tick record) and the
 * {@link io.spikepilot.controller.loop.LoopRunner} that calls it at absolute deadlines with a pluggable idle strategy.
 *
 * <p>Time is always an argument: live flight passes the monotonic clock, the simulator and replay pass their own
 * time, so the same code runs in lockstep and in real time. The seams to the outside world are the
 * {@link io.spikepilot.controller.loop.StateSource}, {@link io.spikepilot.controller.loop.SetpointSink} and
 * {@link io.spikepilot.controller.loop.OperatorInbox} interfaces.
 */
package io.spikepilot.controller.loop;
