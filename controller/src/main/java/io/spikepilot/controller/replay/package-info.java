/**
 * Replay of recorded flights through the flight loop (the AdvantageKit pattern: the state source, the operator inbox
 * and the tick timing are the loop's only inputs, with the demo's injected fault; the trace records them, replay
 * feeds them back through the same code and diffs the outputs). Reading a trace
 * ({@link io.spikepilot.controller.replay.TraceReader}), serving its inputs tick by tick
 * ({@link io.spikepilot.controller.replay.ReplayStateSource}), re-running the controller
 * ({@link io.spikepilot.controller.replay.FlightReplay}) and comparing
 * ({@link io.spikepilot.controller.replay.ReplayComparison}). Offline code: it reads files and allocates; the
 * controller it drives does not.
 */
package io.spikepilot.controller.replay;
