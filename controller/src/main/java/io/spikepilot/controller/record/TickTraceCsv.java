package io.spikepilot.controller.record;

import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import java.io.IOException;

/**
 * The side trace written beside the {@code .tlog}: one CSV row per tick with the observation, outputs, the three
 * setpoints, mode and reasons. Runs on the logger thread, never on the loop.
 */
public final class TickTraceCsv {
    private static final String[] SETPOINT_FIELDS = {"thrust", "qw", "qx", "qy", "qz", "yaw_rate_radps"};

    private TickTraceCsv() {
    }

    /** The header line (without line terminator). */
    public static String header() {
        StringBuilder sb = new StringBuilder();
        sb.append("tick,now_ns,deadline_ns,missed_ticks,previous_tick_ns,state_time_ns,mode,previous_mode,"
                + "transition,reasons,command,decoder_flags,pid_flags,saturation_events,"
                + "target_x_m,target_y_m,target_z_m,target_yaw_rad");
        for (String name : ObservationBuilder.NAMES) {
            sb.append(",obs_").append(name);
        }
        for (int i = 0; i < TickRecord.MAX_SPIKE_LAYERS; i++) {
            sb.append(",spikes_layer").append(i);
        }
        for (int i = 0; i < ObservationBuilder.ACTION_SIZE; i++) {
            sb.append(",action_").append(i);
        }
        for (String prefix : new String[] {"snn_", "pid_", "sent_"}) {
            for (String field : SETPOINT_FIELDS) {
                sb.append(',').append(prefix).append(field);
            }
        }
        return sb.toString();
    }

    /** Appends one row for {@code r} followed by a newline. */
    public static void appendRow(TickRecord r, Appendable out) throws IOException {
        StringBuilder sb = new StringBuilder(768);
        sb.append(r.tick).append(',').append(r.nowNs).append(',').append(r.deadlineNs).append(',')
                .append(r.missedTicks).append(',').append(r.previousTickNs).append(',').append(r.stateTimeNs)
                .append(',').append(FlightMode.ofOrdinal(r.mode)).append(',')
                .append(FlightMode.ofOrdinal(r.previousMode)).append(',').append(r.transitioned ? 1 : 0)
                .append(',').append(Reasons.describe(r.reasons)).append(',')
                .append(OperatorCommand.ofOrdinal(r.command)).append(',').append(r.decoderFlags).append(',')
                .append(r.pidFlags).append(',').append(r.saturationEvents);
        for (double v : r.targetNwuM) {
            sb.append(',').append(v);
        }
        sb.append(',').append(r.targetYawRad);
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
        out.append(sb);
    }

    private static void appendAll(StringBuilder sb, double[] values) {
        for (double v : values) {
            sb.append(',').append(v);
        }
    }
}
