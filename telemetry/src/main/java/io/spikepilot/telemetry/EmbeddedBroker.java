package io.spikepilot.telemetry;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/**
 * An in-process MQTT 3.1.1 broker (Moquette) so the demo and bench runs need nothing installed. In-memory only,
 * anonymous, bound to loopback by default; Moquette's phone-home features are switched off. Accepts what real clients
 * send: an empty client id (mosquitto 2's {@code mosquitto_sub} and {@code mosquitto_pub}) gets one assigned.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /**
     * The broker's maximum message size: the largest MQTT remaining length (topic, packet id and payload) it takes,
     * bytes. Far above anything spikepilot sends (samples are about 1 kB, commands at most
     * {@value GroundCommands#MAX_PAYLOAD_BYTES} bytes), so that an oversize command still reaches the vehicle, which
     * answers it on {@code cmd/ack}. Beyond this the broker closes the sender's connection: MQTT 3.1.1 has no way to
     * refuse a single PUBLISH. (Moquette's own default, 8092 bytes, dropped senders of anything over 8 kB.)
     */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Server server = new Server();
    private final String host;
    private final int port;

    /**
     * Starts the broker.
     *
     * @param host address to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 1..65535
     * @throws IOException when the port is taken or cannot be bound (the message names host and port)
     */
    public EmbeddedBroker(String host, int port) throws IOException {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("embedded broker: port expected 1..65535, found " + port);
        }
        this.host = host;
        this.port = port;
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        // mosquitto 2's clients (mosquitto_sub, mosquitto_pub) send an empty client id with a clean session and let
        // the broker name them, as MQTT 3.1.1 section 3.1.3.1 allows; Moquette refuses that ("identifier rejected")
        // unless told to assign one.
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("netty.epoll", "false");
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IOException("embedded MQTT broker: cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); pick another port or stop what uses it", e);
        }
    }

    /** The URI clients connect to. */
    public String uri() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
