/**
 * MQTT telemetry: state, control and health samples drained (decimated) from the controller's tick ring and published
 * with Eclipse Paho, plus validated ground commands that reach the loop through its operator inbox.
 *
 * <p>Nothing here runs on the control thread. A dead, hung or slow broker costs samples, which are counted, never
 * ticks; the client reconnects with a bounded, seeded-jitter exponential back-off
 * ({@link io.spikepilot.telemetry.ReconnectBackoff}).
 *
 * <p>Security ({@link io.spikepilot.telemetry.BrokerAccess}): a username and password from a file or the environment
 * ({@link io.spikepilot.telemetry.MqttCredentials}, never printed), TLS with the broker's CA and an optional client
 * certificate from PEM files ({@link io.spikepilot.telemetry.BrokerTls}, the JDK's own TLS). The broker's side, TLS,
 * passwords and an ACL, is {@code src/deploy/mosquitto/}.
 *
 * <p>Topics, under {@code <prefix>/<vehicle>/}: {@code telemetry/state}, {@code telemetry/control},
 * {@code telemetry/health} (QoS 0, not retained), {@code events} (mode transitions, QoS 1), {@code status}
 * (retained "online"/"offline", the latter as the MQTT last will), and, only when ground commands are switched on,
 * {@code cmd} (ground commands in) and {@code cmd/ack} (their answers, never retained). Payloads are JSON with a
 * {@code ts_us} field and units in the field names.
 *
 * <p>Ground commands are off unless the flight switches them on ({@code telemetry.ground_commands} in
 * {@code flight.yaml}, {@code fly --ground-commands}); off, the client does not subscribe to {@code cmd}. A command is
 * {@code {"id": "<new each time>", "ts_unix_ms": <send time, Unix ms>, "command": "land"}}, published without the
 * retain flag: {@link io.spikepilot.telemetry.GroundCommands} rate-limits every message, refuses retained messages,
 * ids already seen, {@code goto} targets outside the geofence and altitude limits
 * ({@link io.spikepilot.telemetry.CommandLimits}), and
 * timestamps further than the max age (default 5 s, {@code telemetry.command_max_age_ms}) from the vehicle's clock,
 * and asks the flight's {@link io.spikepilot.telemetry.CommandGate} whether the command makes sense now. The client id
 * is unique per process; the embedded broker takes messages up to 1 MiB and the client reads at most 4 KiB
 * ({@link io.spikepilot.telemetry.InboundSizeLimit}), answering bigger commands instead of reading them.
 */
package io.spikepilot.telemetry;
