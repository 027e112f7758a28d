package io.spikepilot.tools.bench;

import java.util.Locale;

/**
 * One row of the fault table.
 *
 * @param scenario          the fault
 * @param snnFlying         whether the SNN was flying when the fault began
 * @param ticksToFallback   ticks from the first tick that saw the fault to the first tick not flown by the SNN
 *                          (0: the same tick); {@link #NEVER_SEEN} when no tick saw it while the SNN flew,
 *                          {@link #NO_FALLBACK} when one did and the SNN flew on
 * @param autopilotResponseMs for faults the autopilot handles: ms from the fault to its failsafe (mode change), -1
 *                          otherwise
 * @param maxExcursionM     largest distance of the true position from where the fault found it, until the
 *                          observation ended, m
 * @param maxTiltDeg        largest true tilt in the same window, degrees
 * @param maxSpeedMps       largest true speed in the same window, m/s
 * @param envelopeViolated  whether excursion, tilt or speed left the supervisor's envelope
 * @param outcome           how the flight ended, in words (landed and at what touchdown speed, held, ...)
 * @param landedSafely      on the ground, disarmed, touchdown no faster than the safe landing speed
 * @param traceRowsLost     ticks run minus rows in the trace
 * @param fallbacks         SNN-to-PID fallbacks during the flight
 * @param notes             what else the run saw (supervisor reasons, link counters, the autopilot's events)
 */
public record FaultRow(FaultScenario scenario, boolean snnFlying, long ticksToFallback, long autopilotResponseMs,
                       double maxExcursionM, double maxTiltDeg, double maxSpeedMps, boolean envelopeViolated,
                       String outcome, boolean landedSafely, long traceRowsLost, long fallbacks, String notes) {
    /** {@link #ticksToFallback}: no tick flown by the SNN saw the fault (not visible, or the SNN was not flying). */
    public static final long NEVER_SEEN = -1;
    /** {@link #ticksToFallback}: a tick saw the fault and the SNN kept flying. */
    public static final long NO_FALLBACK = -2;

    /** CSV header matching {@link #csvRow()}. */
    public static final String CSV_HEADER = "scenario,label,snn_flying,ticks_to_fallback,autopilot_response_ms,"
            + "max_excursion_m,max_tilt_deg,max_speed_mps,envelope_violated,landed_safely,trace_rows_lost,fallbacks,"
            + "outcome,notes";

    /** The fallback goal: within one tick wherever a tick flown by the SNN saw the fault. */
    public boolean fallbackGoalMet() {
        return ticksToFallback == NEVER_SEEN || (ticksToFallback >= 0 && ticksToFallback <= 1);
    }

    /** This row as CSV (no line end). */
    public String csvRow() {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.3f,%.2f,%.2f,%s,%s,%d,%d,%s,%s", scenario.optionName(),
                quote(scenario.label()), snnFlying, ticksToFallback, autopilotResponseMs, maxExcursionM, maxTiltDeg,
                maxSpeedMps, envelopeViolated, landedSafely, traceRowsLost, fallbacks, quote(outcome), quote(notes));
    }

    /** This row for the Markdown table. */
    public String markdownRow() {
        String fallback = ticksToFallback >= 0 ? String.valueOf(ticksToFallback)
                : ticksToFallback == NO_FALLBACK ? "**no fallback**"
                : autopilotResponseMs >= 0 ? "autopilot: " + autopilotResponseMs + " ms"
                : !snnFlying ? "SNN not flying"
                : scenario.visibleToTick() ? "never reached the tick" : "not visible to the tick";
        return String.format(Locale.ROOT, "| %s | %s | %.2f m | %.1f° | %.2f m/s | %s | %s | %d |", scenario.label(),
                fallback, maxExcursionM, maxTiltDeg, maxSpeedMps, envelopeViolated ? "**violated**" : "inside",
                (landedSafely ? "yes: " : "**no**: ") + outcome, traceRowsLost);
    }

    /** Header of {@link #markdownRow()}. */
    public static String markdownHeader() {
        return "| fault | ticks to fallback | max excursion | max tilt | max speed | envelope | landed safely | "
                + "trace rows lost |\n|---|---|---|---|---|---|---|---|";
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
