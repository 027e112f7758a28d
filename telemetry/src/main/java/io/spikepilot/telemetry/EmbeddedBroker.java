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
