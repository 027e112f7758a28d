/**
 * What a flight writes while it flies, off the loop thread: the per-tick trace and network-activity CSVs (with the
 * hand-over narration in the log), the tick-timing histogram, and the log folder kept to its budget. Each drains the
 * tick ring or is fed by the drainer; none of them is on the tick path.
 */
package io.spikepilot.flight.record;
