package io.spikepilot.controller.record;

import io.spikepilot.controller.math.ShortestDouble;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The side trace written beside the {@code .tlog}: a format line, a header, then one CSV row per tick with the loop's
 * inputs (tick timing, the state read, link and operator inputs, an injected fault), the observation, outputs, the
 * three setpoints, mode and reasons. Runs on the logger thread, never on the loop.
 *
 * <p>Numbers are written so that they read back to the same bits: integers in decimal, doubles as their shortest
 * round-trip text ({@link ShortestDouble}: JDK 19+'s {@link Double#toString(double)}, without the garbage JDK 17's
 * makes), floats with {@link Float#toString(float)} (both round-trip exactly, including {@code -0.0}, {@code NaN} and
 * the infinities; a NaN's payload is not kept).
 */
public final class TickTraceCsv {
    /**
     * Format of the traces written by this class. 1 was the format before the loop inputs were recorded; 2 did not
     * record injected faults (it lacks the {@code fault_injected} column and is otherwise the same).
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest format a replay can still read. */
    public static final int OLDEST_REPLAYABLE_VERSION = 2;
    /** The column format 3 added. */
    static final String FAULT_INJECTED = "fault_injected";
    /** How the first line of a trace starts. */
    public static final String FORMAT_PREFIX = "#spikepilot-trace format=";

    private static final String[] SETPOINT_FIELDS = {"thrust", "qw", "qx", "qy", "qz", "yaw_rate_radps"};
    private static final List<String> COLUMNS = buildColumns();
    private static final List<String> COLUMNS_V2 =
            COLUMNS.stream().filter(c -> !c.equals(FAULT_INJECTED)).toList();
    private static final String HEADER = String.join(",", COLUMNS);

    private TickTraceCsv() {
    }

    private static List<String> buildColumns() {
        List<String> c = new ArrayList<>(List.of("tick", "now_ns", "deadline_ns", "missed_ticks", "previous_tick_ns",
                "state_received", "state_time_ns", "state_x_m", "state_y_m", "state_z_m", "state_vx_mps",
                "state_vy_mps", "state_vz_mps", "state_qw", "state_qx", "state_qy", "state_qz", "state_p_radps",
                "state_q_radps", "state_r_radps", "link_last_rx_ns", "command", "target_requested", "request_x_m",
                "request_y_m", "request_z_m", "request_yaw_rad", "policy_matches_config", FAULT_INJECTED,
                "mode", "previous_mode", "transition", "reasons", "decoder_flags", "pid_flags", "saturation_events",
                "target_x_m", "target_y_m", "target_z_m", "target_yaw_rad"));
        for (String name : ObservationBuilder.NAMES) {
            c.add("obs_" + name);
        }
        for (int i = 0; i < TickRecord.MAX_SPIKE_LAYERS; i++) {
            c.add("spikes_layer" + i);
        }
        for (int i = 0; i < ObservationBuilder.ACTION_SIZE; i++) {
            c.add("action_" + i);
        }
        for (String prefix : new String[] {"snn_", "pid_", "sent_"}) {
            for (String field : SETPOINT_FIELDS) {
                c.add(prefix + field);
            }
        }
        return List.copyOf(c);
    }

    /** The column names, in order. */
    public static List<String> columns() {
        return COLUMNS;
    }

    /** The column names of a trace of format {@code version} ({@link #OLDEST_REPLAYABLE_VERSION} or later). */
    public static List<String> columns(int version) {
        if (version == FORMAT_VERSION) {
            return COLUMNS;
        }
        if (version == 2) {
            return COLUMNS_V2;
        }
        throw new IllegalArgumentException("trace format: expected version 2 or " + FORMAT_VERSION + ", found "
                + version);
    }

    /**
     * The first line (without line terminator): the format version and where the flight's policy and configuration
     * came from, so a replay can tell a check of the same policy from a what-if.
     *
     * @param policyId identity of the policy flown (e.g. {@code sha256:...} of its file, or {@code pid})
     * @param configId identity of the flight configuration (e.g. {@code sha256:...} of its file)
     */
    public static String formatLine(String policyId, String configId) {
        return FORMAT_PREFIX + FORMAT_VERSION + " policy=" + token(policyId) + " config=" + token(configId);
    }

    private static String token(String id) {
        if (id == null || id.isBlank()) {
            return "unknown";
        }
        return id.strip().replaceAll("\\s+", "_");
    }

    /** The header line (without line terminator). */
    public static String header() {
        return HEADER;
    }

    /** Appends one row for {@code r} followed by a newline. */
    public static void appendRow(TickRecord r, Appendable out) throws IOException {
        StringBuilder sb = new StringBuilder(1280);
        formatRow(r, sb);
        out.append(sb);
    }

    /**
     * Appends one row for {@code r} followed by a newline to {@code sb}; allocation-free once {@code sb} has grown to
     * a row's length (a recorder reuses one, see {@link CsvRowBuffer}).
     */
    public static void formatRow(TickRecord r, StringBuilder sb) {
        sb.append(r.tick).append(',').append(r.nowNs).append(',').append(r.deadlineNs).append(',')
                .append(r.missedTicks).append(',').append(r.previousTickNs).append(',')
                .append(r.stateReceived ? 1 : 0).append(',').append(r.stateTimeNs);
        appendAll(sb, r.statePositionNwuM);
        appendAll(sb, r.stateVelocityNwuMps);
        appendAll(sb, r.stateAttitudeNwuFlu);
        appendAll(sb, r.stateBodyRateFluRadps);
        sb.append(',').append(r.linkLastRxNs).append(',').append(OperatorCommand.ofOrdinal(r.command).name())
                .append(',').append(r.targetRequested ? 1 : 0);
        appendAll(sb, r.requestedTargetNwuM);
        ShortestDouble.append(sb.append(','), r.requestedYawRad).append(',').append(r.policyMatchesConfig ? 1 : 0)
                .append(',').append(r.faultInjected ? 1 : 0);
        sb.append(',').append(FlightMode.ofOrdinal(r.mode).name()).append(',')
                .append(FlightMode.ofOrdinal(r.previousMode).name()).append(',').append(r.transitioned ? 1 : 0)
                .append(',');
        Reasons.appendTo(sb, r.reasons);
        sb.append(',').append(r.decoderFlags).append(',').append(r.pidFlags).append(',').append(r.saturationEvents);
        appendAll(sb, r.targetNwuM);
        ShortestDouble.append(sb.append(','), r.targetYawRad);
        for (float v : r.observation) {
            sb.append(',').append(v);
        }
        for (int i = 0; i < TickRecord.MAX_SPIKE_LAYERS; i++) {
            sb.append(',');
            if (i < r.spikeLayers) {
                sb.append(r.spikeCounts[i]);
            }
        }
        for (float v : r.action) {
            sb.append(',').append(v);
        }
        appendAll(sb, r.snnSetpoint);
        appendAll(sb, r.pidSetpoint);
        appendAll(sb, r.sentSetpoint);
        sb.append('\n');
    }

    private static void appendAll(StringBuilder sb, double[] values) {
        for (double v : values) {
            ShortestDouble.append(sb.append(','), v);
        }
    }
}
