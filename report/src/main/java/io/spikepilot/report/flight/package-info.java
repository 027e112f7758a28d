/**
 * The flight report: a flight's ticks (a trace read up to any damage, or a replay's records) and the network's
 * activity (the optional file beside the trace) turned into one self-contained HTML page with PNG panels: path from
 * above, height and position error, the SNN's, the PID's and the sent commands, the mode timeline with the
 * supervisor's reasons, firing rates, spike rasters, watched membranes and tick timing. Panels the records cannot fill
 * are named on the page with the reason.
 */
package io.spikepilot.report.flight;
