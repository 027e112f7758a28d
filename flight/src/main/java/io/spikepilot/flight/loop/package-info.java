/**
 * The thread that runs the control tick: {@link io.spikepilot.flight.loop.LoopRunner} calls a {@link
 * io.spikepilot.controller.loop.TickTarget} at absolute deadlines, waiting with a pluggable {@link
 * io.spikepilot.flight.loop.IdleStrategy} (park then spin, park, sleep, busy spin) and reporting each tick's lateness
 * and duration to a {@link io.spikepilot.flight.loop.TickTimingRecorder}. It lives here, not in the controller,
 * because it owns a thread and reads the clock: the controller is the tick, the flight application runs it.
 */
package io.spikepilot.flight.loop;
