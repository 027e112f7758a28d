package io.spikepilot.telemetry;

import io.spikepilot.controller.record.TickRecord;

/**
 * The JSON payloads published over MQTT for one tick record, as strings: {@link TelemetryEncoder}'s bytes, each
 * from a fresh encoder. Pure formatting for tests and rare messages; the publisher encodes with its own encoder.
 */
public final class TelemetryMessages {
    private TelemetryMessages() {
    }

    /** The state estimate the loop read this tick and the target it flew to, in NWU/FLU. */
    public static String state(TickRecord r) {
        TelemetryEncoder e = new TelemetryEncoder();
        e.state(r);
        return e.text();
    }

    /** What was commanded: mode, raw policy action, the SNN's, the PID's and the sent setpoint. */
    public static String control(TickRecord r) {
        TelemetryEncoder e = new TelemetryEncoder();
        e.control(r);
        return e.text();
    }

    /** Health: mode, reasons, timing, saturation and decoder flags, plus the publisher's own counters. */
    public static String health(TickRecord r, long published, long dropped) {
        TelemetryEncoder e = new TelemetryEncoder();
        e.health(r, published, dropped);
        return e.text();
    }

    /** A mode transition with the reasons that caused it. */
    public static String transition(TickRecord r) {
        TelemetryEncoder e = new TelemetryEncoder();
        e.transition(r);
        return e.text();
    }
}
