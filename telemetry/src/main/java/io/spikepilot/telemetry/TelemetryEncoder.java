package io.spikepilot.telemetry;

import io.spikepilot.controller.math.ShortestDouble;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;

/**
 * Writes the telemetry payloads of a tick record as compact JSON into one reused builder and hands them out as UTF-8
 * bytes, without garbage once warm: the publisher's thread runs beside the loop, and what it allocates brings on the
 * collections that stop the loop's thread too. The bytes are those the {@link io.spikepilot.controller.policy.Json}
 * writer gives for the same maps (key order as listed, numbers as their shortest round-trip text from
 * {@link ShortestDouble}, a non-finite number as {@code null}). Not thread-safe: one per publisher.
 *
 * <p>A payload is returned in an array of exactly its length (Paho takes a whole array and copies it when the
 * message is made), taken from a cache of one array per length: the array is valid until the next call.
 */
public final class TelemetryEncoder {
    /** Payloads longer than this get a fresh array each; ours are under 1 kB. */
    static final int MAX_CACHED_BYTES = 4096;

    private final StringBuilder json = new StringBuilder(1024);
    private final byte[][] byLength = new byte[MAX_CACHED_BYTES + 1][];

    /** The state estimate the loop read this tick and the target it flew to, in NWU/FLU. */
    public byte[] state(TickRecord r) {
        header(r);
        doubles("position_nwu_m", r.statePositionNwuM, 0, 3);
        doubles("target_nwu_m", r.targetNwuM, 0, 3);
        doubles("velocity_nwu_mps", r.stateVelocityNwuMps, 0, 3);
        doubles("attitude_q_nwu_flu", r.stateAttitudeNwuFlu, 0, 4);
        doubles("body_rate_flu_radps", r.stateBodyRateFluRadps, 0, 3);
        return finish();
    }

    /** What was commanded: mode, raw policy action, the SNN's, the PID's and the sent setpoint. */
    public byte[] control(TickRecord r) {
        header(r);
        key("mode").append('"').append(FlightMode.ofOrdinal(r.mode).name()).append('"');
        key("action").append('[');
        for (int i = 0; i < r.action.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            number(r.action[i]);
        }
        json.append(']');
        setpoint("snn_setpoint", r.snnSetpoint);
        setpoint("pid_setpoint", r.pidSetpoint);
        setpoint("sent_setpoint", r.sentSetpoint);
        return finish();
    }

    /** Health: mode, reasons, timing, saturation and decoder flags, plus the publisher's own counters. */
    public byte[] health(TickRecord r, long published, long dropped) {
        header(r);
        key("mode").append('"').append(FlightMode.ofOrdinal(r.mode).name()).append('"');
        reasons(r.reasons);
        key("missed_ticks").append(r.missedTicks);
        key("previous_tick_us");
        number(r.previousTickNs / 1000.0);
        key("state_age_ms");
        number((r.nowNs - r.stateTimeNs) / 1e6);
        key("fixed_point_saturation_events").append(r.saturationEvents);
        key("decoder_flags").append(r.decoderFlags);
        key("pid_flags").append(r.pidFlags);
        key("telemetry_published").append(published);
        key("telemetry_dropped").append(dropped);
        return finish();
    }

    /** A mode transition with the reasons that caused it. */
    public byte[] transition(TickRecord r) {
        header(r);
        key("event").append("\"mode_transition\"");
        key("from").append('"').append(FlightMode.ofOrdinal(r.previousMode).name()).append('"');
        key("to").append('"').append(FlightMode.ofOrdinal(r.mode).name()).append('"');
        reasons(r.reasons);
        return finish();
    }

    /** The payload just encoded, as text (allocates; for tests and the {@link TelemetryMessages} strings). */
    String text() {
        return json.toString();
    }

    private void header(TickRecord r) {
        json.setLength(0);
        json.append("{\"ts_us\":").append(r.nowNs / 1000).append(",\"tick\":").append(r.tick);
    }

    /** Starts the next member: {@code ,"name":} (every payload opens with the header's members). */
    private StringBuilder key(String name) {
        return json.append(",\"").append(name).append("\":");
    }

    private void doubles(String name, double[] a, int from, int n) {
        key(name);
        array(a, from, n);
    }

    private void array(double[] a, int from, int n) {
        json.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            number(a[from + i]);
        }
        json.append(']');
    }

    private void setpoint(String name, double[] s) {
        key(name).append("{\"thrust\":");
        number(s[0]);
        json.append(",\"q_nwu_flu\":");
        array(s, 1, 4);
        json.append(",\"yaw_rate_flu_radps\":");
        number(s[5]);
        json.append('}');
    }

    private void reasons(int reasons) {
        Reasons.appendTo(key("reasons").append('"'), reasons).append('"');
    }

    /** JSON has no NaN or infinity: a non-finite value (a fault being reported) is published as null. */
    private void number(double v) {
        if (Double.isFinite(v)) {
            ShortestDouble.append(json, v);
        } else {
            json.append("null");
        }
    }

    private byte[] finish() {
        json.append('}');
        int n = json.length();
        byte[] out = n <= MAX_CACHED_BYTES ? byLength[n] : null;
        if (out == null) {
            out = new byte[n];
            if (n <= MAX_CACHED_BYTES) {
                byLength[n] = out;
            }
        }
        // every character is ASCII: digits, signs, '.', 'E', JSON punctuation, fixed keys, enum and reason names
        for (int i = 0; i < n; i++) {
            out[i] = (byte) json.charAt(i);
        }
        return out;
    }
}
