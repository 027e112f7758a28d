/**
 * What a flight writes while it flies, off the loop thread: the {@link io.spikepilot.flight.record.RingDrainer} that
 * empties the controller's tick ring on its own thread into consumers (the trace writer, telemetry), the per-tick
 * trace and network-activity CSVs (with the hand-over narration in the log), the tick-timing histogram, and the log
 * folder kept to its budget. None of them is on the tick path.
 */
package io.spikepilot.flight.record;
