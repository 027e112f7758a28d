/**
 * The control tick: {@link io.spikepilot.controller.loop.FlightController#tick} (state → observation → policy →
 * decoder → PID in hot standby → supervisor → setpoint → tick record) and the configuration it runs with. What calls
 * it at absolute deadlines (the loop runner and its idle strategies, which own a thread) lives in the flight module
 * ({@code io.spikepilot.flight.loop}): this package is the tick, not the thread.
 *
 * <p>Time is always an argument: live flight passes the monotonic clock, the simulator and replay pass their own
 * time, so the same code runs in lockstep and in real time. The seams to the outside world are the
 * {@link io.spikepilot.controller.loop.StateSource}, {@link io.spikepilot.controller.loop.SetpointSink} and
 * {@link io.spikepilot.controller.loop.OperatorInbox} interfaces.
 */
package io.spikepilot.controller.loop;
