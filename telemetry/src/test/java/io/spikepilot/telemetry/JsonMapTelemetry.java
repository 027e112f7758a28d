package io.spikepilot.telemetry;

import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The telemetry payloads as the publisher built them before {@link TelemetryEncoder}: maps and lists written by the
 * general {@link Json} writer. Kept as the reference the encoder's bytes are compared with.
 */
final class JsonMapTelemetry {
    private JsonMapTelemetry() {
    }

    /** The state estimate the loop read this tick and the target it flew to, in NWU/FLU. */
    public static String state(TickRecord r) {
        Map<String, Object> m = header(r);
        m.put("position_nwu_m", doubles(r.statePositionNwuM, 0, 3));
        m.put("target_nwu_m", doubles(r.targetNwuM, 0, 3));
        m.put("velocity_nwu_mps", doubles(r.stateVelocityNwuMps, 0, 3));
        m.put("attitude_q_nwu_flu", doubles(r.stateAttitudeNwuFlu, 0, 4));
        m.put("body_rate_flu_radps", doubles(r.stateBodyRateFluRadps, 0, 3));
        return Json.write(m);
    }

    /** What was commanded: mode, raw policy action, the SNN's, the PID's and the sent setpoint. */
    public static String control(TickRecord r) {
        Map<String, Object> m = header(r);
        m.put("mode", FlightMode.ofOrdinal(r.mode).name());
        m.put("action", floats(r.action, 0, r.action.length));
        m.put("snn_setpoint", setpoint(r.snnSetpoint));
        m.put("pid_setpoint", setpoint(r.pidSetpoint));
        m.put("sent_setpoint", setpoint(r.sentSetpoint));
        return Json.write(m);
    }

    /** Health: mode, reasons, timing, saturation and decoder flags, plus the publisher's own counters. */
    public static String health(TickRecord r, long published, long dropped) {
        Map<String, Object> m = header(r);
        m.put("mode", FlightMode.ofOrdinal(r.mode).name());
        m.put("reasons", Reasons.describe(r.reasons));
        m.put("missed_ticks", r.missedTicks);
        m.put("previous_tick_us", num(r.previousTickNs / 1000.0));
        m.put("state_age_ms", num((r.nowNs - r.stateTimeNs) / 1e6));
        m.put("fixed_point_saturation_events", r.saturationEvents);
        m.put("decoder_flags", r.decoderFlags);
        m.put("pid_flags", r.pidFlags);
        m.put("telemetry_published", published);
        m.put("telemetry_dropped", dropped);
        return Json.write(m);
    }

    /** A mode transition with the reasons that caused it. */
    public static String transition(TickRecord r) {
        Map<String, Object> m = header(r);
        m.put("event", "mode_transition");
        m.put("from", FlightMode.ofOrdinal(r.previousMode).name());
        m.put("to", FlightMode.ofOrdinal(r.mode).name());
        m.put("reasons", Reasons.describe(r.reasons));
        return Json.write(m);
    }

    private static Map<String, Object> header(TickRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts_us", r.nowNs / 1000);
        m.put("tick", r.tick);
        return m;
    }

    private static Map<String, Object> setpoint(double[] s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thrust", num(s[0]));
        m.put("q_nwu_flu", doubles(s, 1, 4));
        m.put("yaw_rate_flu_radps", num(s[5]));
        return m;
    }

    private static List<Object> floats(float[] a, int from, int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = num(a[from + i]);
        }
        return List.of(out);
    }

    private static List<Object> doubles(double[] a, int from, int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = num(a[from + i]);
        }
        return List.of(out);
    }

    /** JSON has no NaN or infinity: a non-finite value (a fault being reported) is published as null. */
    private static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : Json.NULL;
    }
}
