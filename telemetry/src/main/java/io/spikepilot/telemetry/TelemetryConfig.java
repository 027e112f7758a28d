package io.spikepilot.telemetry;

import java.util.regex.Pattern;

/**
 * Where and how often telemetry goes.
 *
 * @param brokerUri       Paho server URI, e.g. {@code tcp://127.0.0.1:1883}
 * @param topicPrefix     first topic level, e.g. {@code spikepilot} (fleet name)
 * @param vehicleId       second topic level and MQTT client-id stem; letters, digits, '-', '_'
 * @param sampleRateHz    state/control/health samples per second, in (0, 100]; transitions are always sent
 * @param maxInflight     messages handed to the client and not yet written to the socket (and Paho's QoS 1
 *                        window); a full window drops samples instead of waiting
 * @param reconnectMinMs  first step of the reconnect back-off, ms, at least 10
 * @param reconnectMaxMs  largest step of the reconnect back-off, ms, at least {@code reconnectMinMs}
 * @param reconnectSeed   seed of the back-off's jitter (logged at start, so a run's reconnect timing can be redone)
 */
public record TelemetryConfig(String brokerUri, String topicPrefix, String vehicleId, double sampleRateHz,
                              int maxInflight, long reconnectMinMs, long reconnectMaxMs, long reconnectSeed) {
    /** First reconnect step by default, ms. */
    public static final long DEFAULT_RECONNECT_MIN_MS = 500;
    /** Largest reconnect step by default, ms: a broker back after a minute is found within half a minute. */
    public static final long DEFAULT_RECONNECT_MAX_MS = 30_000;

    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * The default back-off ({@value #DEFAULT_RECONNECT_MIN_MS} ms doubling to {@value #DEFAULT_RECONNECT_MAX_MS}
     * ms) with a seed fixed by the vehicle id: reproducible per vehicle, different across a fleet.
     */
    public TelemetryConfig(String brokerUri, String topicPrefix, String vehicleId, double sampleRateHz,
                           int maxInflight) {
        this(brokerUri, topicPrefix, vehicleId, sampleRateHz, maxInflight, DEFAULT_RECONNECT_MIN_MS,
                DEFAULT_RECONNECT_MAX_MS, vehicleId == null ? 0 : vehicleId.hashCode());
    }

    /** Defaults: local broker on 1883, prefix "spikepilot", vehicle "sim-1", 10 Hz, 1000 in flight. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig("tcp://127.0.0.1:1883", "spikepilot", "sim-1", 10.0, 1000);
    }

    /** Validates every field; messages name the field, what was expected and what was found. */
    public TelemetryConfig {
        if (brokerUri == null || !(brokerUri.startsWith("tcp://") || brokerUri.startsWith("ssl://"))) {
            throw new IllegalArgumentException("telemetry: field 'brokerUri' expected tcp://host:port or "
                    + "ssl://host:port, found '" + brokerUri + "'");
        }
        requireTopicLevel("topicPrefix", topicPrefix);
        requireTopicLevel("vehicleId", vehicleId);
        if (!(sampleRateHz > 0 && sampleRateHz <= 100)) {
            throw new IllegalArgumentException("telemetry: field 'sampleRateHz' expected a value in (0, 100], found "
                    + sampleRateHz);
        }
        if (maxInflight < 1 || maxInflight > 65_535) {
            throw new IllegalArgumentException("telemetry: field 'maxInflight' expected 1..65535, found " + maxInflight);
        }
        if (reconnectMinMs < 10 || reconnectMaxMs < reconnectMinMs || reconnectMaxMs > 3_600_000) {
            throw new IllegalArgumentException("telemetry: fields 'reconnectMinMs' and 'reconnectMaxMs' expected "
                    + "10 <= min <= max <= 3600000 ms, found " + reconnectMinMs + " and " + reconnectMaxMs);
        }
    }

    /** Whether {@code value} can be one level of a topic: 1-64 characters of [A-Za-z0-9_-]. */
    public static boolean isTopicLevel(String value) {
        return value != null && TOPIC_LEVEL.matcher(value).matches();
    }

    private static void requireTopicLevel(String field, String value) {
        if (!isTopicLevel(value)) {
            throw new IllegalArgumentException("telemetry: field '" + field + "' expected 1-64 characters of "
                    + "[A-Za-z0-9_-] (no MQTT wildcards or '/'), found '" + value + "'");
        }
    }

    public long samplePeriodNs() {
        return Math.round(1e9 / sampleRateHz);
    }

    /** Full topic for {@code suffix} under this vehicle, e.g. {@code spikepilot/sim-1/telemetry/state}. */
    public String topic(String suffix) {
        return topicPrefix + "/" + vehicleId + "/" + suffix;
    }
}
