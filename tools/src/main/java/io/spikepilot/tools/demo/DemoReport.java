package io.spikepilot.tools.demo;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.report.flight.FlightData;
import java.util.List;
import java.util.Locale;
import io.spikepilot.flight.mission.Mission;

/**
 * The demo's own words about its flight: the summary printed at the end and {@code report.md} with the mission, the
 * numbers a flight-control engineer checks first (from {@link FlightData}, as the flight report has them) and links
 * to the flight report's panels.
 */
public final class DemoReport {
    private final FlightData data;

    public DemoReport(FlightData data) {
        this.data = data;
    }

    public FlightData data() {
        return data;
    }

    /** The summary printed at the end of a demo. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        double[] perMode = data.secondsPerMode();
        sb.append(String.format(Locale.ROOT, "%d ticks; time per mode:", data.tickCount()));
        for (FlightMode m : FlightMode.values()) {
            sb.append(String.format(Locale.ROOT, " %s %.1f s", m, perMode[m.ordinal()]));
        }
        sb.append('\n');
        for (FlightMode m : List.of(FlightMode.SNN, FlightMode.PID)) {
            FlightData.Tracking tr = data.tracking(m);
            sb.append(String.format(Locale.ROOT, "  %s tracking while airborne: RMS %.3f m, max %.3f m over %d ticks%n",
                    m, tr.rmsErrorM(), tr.maxErrorM(), tr.ticks()));
        }
        FlightData.FaultResponse f = data.faultResponse();
        if (f == null) {
            sb.append("  fault: none seen while the SNN flew\n");
        } else {
            sb.append(String.format(Locale.ROOT, "  fault at t=%.2f s (tick %d): PID in control %s%n", f.faultTimeS(),
                    f.firstFaultyTick(), f.pidTick() == Long.MAX_VALUE ? "NEVER"
                            : f.latencyTicks() == 0 ? "in the same tick" : "after " + f.latencyTicks() + " ticks"));
        }
        sb.append(String.format(Locale.ROOT, "  loop: tick p50 %.1f µs, p99 %.1f µs, max %.1f µs; %d missed ticks%n",
                data.tickDurationPercentileUs(50), data.tickDurationPercentileUs(99),
                data.tickDurationPercentileUs(100), data.missedTicks()));
        return sb.toString();
    }

    /**
     * The Markdown report body (without the files section, which the caller knows); {@code plots} are paths relative
     * to the report, e.g. the flight report's PNGs.
     */
    public String markdown(Mission mission, List<String> autopilotEvents, List<String> plots, String header) {
        StringBuilder sb = new StringBuilder();
        sb.append("# spikepilot demo flight\n\n").append(header)
                .append("\n\n## Mission\n\n| t (s after take-off) | action | why |\n");
        sb.append("|---|---|---|\n");
        for (Mission.Step s : mission.steps()) {
            sb.append(String.format(Locale.ROOT, "| %.1f | %s | %s |%n", s.atS(), s.action(), s.purpose()));
        }
        sb.append(String.format(Locale.ROOT, "%nCircle: radius %.1f m, %.0f s per lap, from t = %.0f s.%n",
                mission.circleRadiusM(), mission.circlePeriodS(), mission.circleStartS()));
        sb.append("\n## Summary\n\n```\n").append(summary()).append("```\n");
        sb.append("\n## Mode transitions (supervisor)\n\n| t (s after take-off) | from | to | reasons |\n")
                .append("|---|---|---|---|\n");
        for (FlightData.Transition tr : data.transitions()) {
            // a '|' inside a cell would end it
            sb.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s |%n", tr.tS(), tr.from(), tr.to(),
                    tr.reasons().replace("|", ", ")));
        }
        sb.append("\n## Autopilot (virtual flight controller) events, on the autopilot's clock\n\n");
        for (String e : autopilotEvents) {
            sb.append("- ").append(e).append('\n');
        }
        sb.append("\n## Plots\n\n");
        for (String p : plots) {
            sb.append("![").append(p).append("](").append(p).append(")\n\n");
        }
        return sb.toString();
    }
}
