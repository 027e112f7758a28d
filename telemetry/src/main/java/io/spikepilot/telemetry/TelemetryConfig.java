package io.spikepilot.telemetry;

import java.util.regex.Pattern;

/**
 * Where and how often telemetry goes.
 *
 * @param brokerUri       Paho server URI, e.g. {@code tcp://127.0.0.1:1883}
 * @param topicPrefix     first topic level, e.g. {@code spikepilot} (fleet name)
 * @param vehicleId       second topic level and MQTT client-id stem; letters, digits, '-', '_'
 * @param sampleRateHz    state/control/health samples per second, in (0, 100]; transitions are always sent
 * @param maxInflight     Paho's in-flight window; a full window drops samples instead of waiting
 */
public record TelemetryConfig(String brokerUri, String topicPrefix, String vehicleId, double sampleRateHz,
                              int maxInflight) {
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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

    /** The sample period, ns. */
    public long samplePeriodNs() {
        return Math.round(1e9 / sampleRateHz);
    }

    /** Full topic for {@code suffix} under this vehicle, e.g. {@code spikepilot/sim-1/telemetry/state}. */
    public String topic(String suffix) {
        return topicPrefix + "/" + vehicleId + "/" + suffix;
    }
}
