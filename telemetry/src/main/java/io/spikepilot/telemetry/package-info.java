/**
 * MQTT telemetry: state, control and health samples drained (decimated) from the controller's tick ring and published
 * with Eclipse Paho, plus validated ground commands that reach the loop through its operator inbox.
 *
 * <p>Nothing here runs on the control thread. A dead or slow broker costs samples, which are counted, never ticks.
 *
 * <p>Topics, under {@code <prefix>/<vehicle>/}: {@code telemetry/state}, {@code telemetry/control},
 * {@code telemetry/health} (QoS 0, not retained), {@code events} (mode transitions, QoS 1), {@code status}
 * (retained "online"/"offline", the latter as the MQTT last will), {@code cmd} (ground commands in) and
 * {@code cmd/ack} (their answers). Payloads are JSON with a {@code ts_us} field and units in the field names.
 */
package io.spikepilot.telemetry;
