package io.spikepilot.telemetry;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes decimated tick records to an MQTT broker. Runs on a {@code RingDrainer}'s thread, never on the loop's.
 *
 * <p>Every publish is asynchronous and non-blocking: while the broker is unreachable, or the in-flight window is
 * full, samples are dropped and counted. Paho reconnects on its own; the retained {@code status} topic says
 * "online" after each (re)connection and the broker publishes the last will "offline" if the connection dies.
 * Mode transitions are published on {@code events} with QoS 1 regardless of decimation.
 *
 * <p>The MQTT client id is {@code spikepilot-<vehicle>-<pid>-<random>}: unique per process, so no other client (a
 * second run, a ground tool, someone guessing) can take the vehicle's session over by connecting with the same id,
 * which an MQTT broker answers by disconnecting the earlier holder.
 */
public final class MqttTelemetry implements TickRecordConsumer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetry.class);
    static final byte[] ONLINE = "online".getBytes(StandardCharsets.UTF_8);
    static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);
    /**
     * The client's maximum message size: the largest MQTT remaining length (topic, packet id and payload) of a
     * message it reads, bytes. Only commands come in, and those are at most {@link GroundCommands#MAX_PAYLOAD_BYTES};
     * a bigger delivery is skipped unread and refused with an ack (tcp:// connections; see {@link InboundSizeLimit}).
     */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4096;

    private final TelemetryConfig config;
    private final MqttAsyncClient client;
    private final String clientId;
    private final long samplePeriodNs;
    private final String stateTopic;
    private final String controlTopic;
    private final String healthTopic;
    private final String eventsTopic;
    private final String commandTopic;
    private final String ackTopic;
    private final GroundCommands commands;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long lastSampleNs = Long.MIN_VALUE;
    private volatile boolean closed;

    /**
     * Creates the client and starts connecting in the background; returns at once, broker or not.
     *
     * @throws IllegalArgumentException when the broker URI is malformed (names the field and the value)
     */
    public MqttTelemetry(TelemetryConfig config, GroundCommands commands) {
        this.config = config;
        this.samplePeriodNs = config.samplePeriodNs();
        this.stateTopic = config.topic("telemetry/state");
        this.controlTopic = config.topic("telemetry/control");
        this.healthTopic = config.topic("telemetry/health");
        this.eventsTopic = config.topic("events");
        this.commandTopic = config.topic("cmd");
        this.ackTopic = config.topic("cmd/ack");
        this.commands = commands;
        this.clientId = uniqueClientId(config.vehicleId());
        try {
            client = new MqttAsyncClient(config.brokerUri(), clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("telemetry: field 'brokerUri' could not be used ('"
                    + config.brokerUri() + "'): " + e.getMessage(), e);
        }
        client.setCallback(new Callbacks());
        connect();
    }

    private void connect() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(5);
        options.setMaxInflight(config.maxInflight());
        options.setWill(config.topic("status"), OFFLINE, 1, true);
        if (config.brokerUri().startsWith("tcp://")) {
            // Paho's v3 client has no inbound size limit of its own; over TLS the broker's limit is all there is
            options.setSocketFactory(new InboundSizeLimit(MAX_INBOUND_MESSAGE_BYTES, this::skippedOversize));
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() announces the connection, for the first connect and every reconnect.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("telemetry: cannot reach MQTT broker {} ({}); samples are dropped until it answers",
                            config.brokerUri(), e == null ? "no reason given" : e.getMessage());
                    scheduleRetry();
                }
            });
        } catch (MqttException e) {
            LOG.warn("telemetry: connect to {} failed: {}", config.brokerUri(), e.getMessage());
        }
    }

    /** {@code spikepilot-<vehicle>-<pid>-<8 random hex digits>}: the pid separates processes on one host, the random
     *  part separates hosts and instances within one process. */
    static String uniqueClientId(String vehicleId) {
        return "spikepilot-" + vehicleId + "-" + ProcessHandle.current().pid() + "-"
                + String.format("%08x", new SecureRandom().nextInt());
    }

    /** The MQTT client id this publisher connects with. */
    public String clientId() {
        return clientId;
    }

    /** Automatic reconnect only covers lost connections, not a first connect that failed: retry that by hand. */
    private void scheduleRetry() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!client.isConnected() && !closed) {
                connect();
            }
        }, "telemetry-reconnect");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void accept(TickRecord r) {
        if (r.transitioned) {
            publish(eventsTopic, TelemetryMessages.transition(r), 1, false);
        }
        if (lastSampleNs != Long.MIN_VALUE && r.nowNs - lastSampleNs < samplePeriodNs) {
            return;
        }
        lastSampleNs = r.nowNs;
        publish(stateTopic, TelemetryMessages.state(r), 0, false);
        publish(controlTopic, TelemetryMessages.control(r), 0, false);
        publish(healthTopic, TelemetryMessages.health(r, published.get(), dropped.get()), 0, false);
    }

    private void publish(String topic, String json, int qos, boolean retained) {
        if (!client.isConnected()) {
            dropped.incrementAndGet();
            return;
        }
        try {
            MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
            m.setQos(qos);
            m.setRetained(retained);
            client.publish(topic, m);
            published.incrementAndGet();
        } catch (MqttException e) {
            // Full in-flight window or a connection that died between the check and the call: drop, count, go on.
            dropped.incrementAndGet();
        }
    }

    /** Paho's receiver thread: a delivery too big to read was skipped; answer it if it was a command. */
    private void skippedOversize(String topic, long payloadBytes, boolean retained) {
        LOG.warn("telemetry: skipped a {}-byte message on {} (the client reads at most {} bytes)", payloadBytes, topic,
                MAX_INBOUND_MESSAGE_BYTES);
        if (commands != null && topic.equals(commandTopic)) {
            acknowledge(commands.oversize(payloadBytes));
        }
    }

    private void acknowledge(String ack) {
        try {
            // never retained: an old answer must not greet the next subscriber as if it were news
            client.publish(ackTopic, ack.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            LOG.warn("telemetry: could not acknowledge a ground command: {}", e.getMessage());
        }
    }

    /** Messages handed to the broker connection. */
    public long published() {
        return published.get();
    }

    /** Messages dropped because the broker was unreachable or the in-flight window full. */
    public long dropped() {
        return dropped.get();
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes "offline" on the status topic, then disconnects cleanly. */
    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(config.topic("status"), OFFLINE, 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.warn("telemetry: clean disconnect failed: {}", e.getMessage());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("telemetry: close: {}", e.getMessage());
            }
        }
    }

    /** Test hook: drops the TCP connection without DISCONNECT, as a crash would, so the broker sends the will. */
    void dropConnectionAbruptly() throws MqttException {
        closed = true;
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            // Paho races its own receiver here: when the reader sees the closed socket first, the forced disconnect
            // completes with "connection lost", which is exactly the outcome asked for.
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
        }
    }

    private final class Callbacks implements org.eclipse.paho.client.mqttv3.MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info("telemetry: {} MQTT broker {}", reconnect ? "reconnected to" : "connected to", serverUri);
            try {
                client.publish(config.topic("status"), ONLINE, 1, true);
                if (commands != null) {
                    // QoS 0: a command is delivered at most once (never again after a reconnect), and an oversize
                    // one can be skipped without owing the broker a PUBACK
                    client.subscribe(commandTopic, 0);
                }
            } catch (MqttException e) {
                LOG.warn("telemetry: announcing on {} failed: {}", serverUri, e.getMessage());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("telemetry: lost MQTT broker {} ({}); reconnecting, samples dropped meanwhile",
                    config.brokerUri(), cause == null ? "no reason given" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commands == null) {
                return;
            }
            // a retained command is refused, never run: it is delivered again on every (re)subscription
            acknowledge(commands.handle(message.getPayload(), message.isRetained()));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            // QoS 0 samples need no bookkeeping; QoS 1 events and acks are fire-and-forget too.
        }
    }
}
