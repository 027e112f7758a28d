package io.spikepilot.telemetry;

import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import io.spikepilot.controller.supervisor.FlightMode;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Every publish is asynchronous and non-blocking: while the broker is unreachable, or {@code maxInflight}
 * messages are still waiting for the socket (a broker that stopped reading, a slow link), samples are dropped and
 * counted. The client reconnects by itself with a bounded, jittered exponential back-off ({@link ReconnectBackoff};
 * the first connect too, so a broker that is down at start is found when it comes up); the retained {@code status}
 * topic says "online" after each (re)connection and the broker publishes the last will "offline" if the connection
 * dies. Mode transitions are published on {@code events} with QoS 1 regardless of decimation.
 *
 * <p>Security ({@link BrokerAccess}): username and password from a file or the environment, TLS with the broker's CA
 * and an optional client certificate. A refused login or a failed TLS handshake is logged with what to check (the
 * credentials' source, the CA file), never with the password; {@link #lastConnectError} keeps it for the summary.
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
    private final BrokerAccess access;
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
    private final TelemetryEncoder encoder = new TelemetryEncoder();
    private final ReconnectBackoff backoff;
    private final ScheduledExecutorService reconnector;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong connectionsLost = new AtomicLong();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile String lastConnectError;
    private long lastSampleNs = Long.MIN_VALUE;
    private volatile boolean closed;

    /** Anonymous, no TLS settings: see {@link #MqttTelemetry(TelemetryConfig, BrokerAccess, GroundCommands)}. */
    public MqttTelemetry(TelemetryConfig config, GroundCommands commands) {
        this(config, BrokerAccess.ANONYMOUS, commands);
    }

    /**
     * Creates the client and starts connecting in the background; returns at once, broker or not.
     *
     * @param access   credentials and TLS files
     * @param commands ground commands to accept, or null for telemetry only (the client then never subscribes)
     * @throws IllegalArgumentException when the broker URI is malformed or does not fit the TLS settings (names the
     *                                  field and the value)
     */
    public MqttTelemetry(TelemetryConfig config, BrokerAccess access, GroundCommands commands) {
        this.config = config;
        this.access = access == null ? BrokerAccess.ANONYMOUS : access;
        if (this.access.tls() != null && !config.brokerUri().startsWith("ssl://")) {
            throw new IllegalArgumentException("telemetry: TLS files (" + this.access.tls().describe() + ") expected "
                    + "an ssl:// broker, found '" + config.brokerUri() + "'");
        }
        this.samplePeriodNs = config.samplePeriodNs();
        this.stateTopic = config.topic("telemetry/state");
        this.controlTopic = config.topic("telemetry/control");
        this.healthTopic = config.topic("telemetry/health");
        this.eventsTopic = config.topic("events");
        this.commandTopic = config.topic("cmd");
        this.ackTopic = config.topic("cmd/ack");
        this.commands = commands;
        this.clientId = uniqueClientId(config.vehicleId());
        this.backoff = new ReconnectBackoff(config.reconnectMinMs(), config.reconnectMaxMs(), config.reconnectSeed());
        try {
            client = new MqttAsyncClient(config.brokerUri(), clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("telemetry: field 'brokerUri' could not be used ('"
                    + config.brokerUri() + "'): " + e.getMessage(), e);
        }
        reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telemetry-reconnect");
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new Callbacks());
        LOG.info("telemetry: MQTT broker {} as {}; reconnect back-off {}-{} ms, jitter seed {}", config.brokerUri(),
                this.access.describe(), backoff.minMs(), backoff.maxMs(), backoff.seed());
        connect();
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        // our own back-off instead of Paho's (1 s doubling to 2 min, no jitter, and none for a first connect)
        options.setAutomaticReconnect(false);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(5);
        options.setMaxInflight(config.maxInflight());
        options.setWill(config.topic("status"), OFFLINE, 1, true);
        if (access.credentials() != null) {
            access.credentials().applyTo(options);
        }
        if (config.brokerUri().startsWith("tcp://")) {
            // Paho's v3 client has no inbound size limit of its own; over TLS the broker's limit is all there is
            options.setSocketFactory(new InboundSizeLimit(MAX_INBOUND_MESSAGE_BYTES, this::skippedOversize));
        } else if (access.tls() != null) {
            options.setSocketFactory(access.tls().socketFactory());
        }
        options.setHttpsHostnameVerificationEnabled(true);
        return options;
    }

    /** One attempt; on failure the next is scheduled after the back-off's delay. Never blocks. */
    private void connect() {
        if (closed || client.isConnected() || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting.set(false);
                    // connectComplete() announces the connection
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connecting.set(false);
                    connectFailures.incrementAndGet();
                    String why = ConnectFailure.describe(e, config.brokerUri(), access);
                    boolean changed = !why.equals(lastConnectError);
                    lastConnectError = why;
                    long delayMs = scheduleRetry();
                    // the first failure of a kind is a warning; repeats of the same one only at debug level
                    if (changed) {
                        LOG.warn("telemetry: {}; samples are dropped until it answers (next try in {} ms)", why,
                                delayMs);
                    } else {
                        LOG.debug("telemetry: {} (again; next try in {} ms)", why, delayMs);
                    }
                }
            });
        } catch (MqttException | RuntimeException e) {
            connecting.set(false);
            lastConnectError = ConnectFailure.describe(e, config.brokerUri(), access);
            LOG.warn("telemetry: connect to {} failed: {}", config.brokerUri(), lastConnectError);
            scheduleRetry();
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

    private long scheduleRetry() {
        long delayMs = backoff.nextDelayMs();
        if (!closed) {
            try {
                reconnector.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                // closed meanwhile
            }
        }
        return delayMs;
    }

    @Override
    public void accept(TickRecord r) {
        if (r.transitioned && commands != null && r.previousMode == FlightMode.IDLE.ordinal()
                && r.mode == FlightMode.PID.ordinal()) {
            commands.takeoffPoint(r.statePositionNwuM);
        }
        if (r.transitioned) {
            publish(eventsTopic, encoder.transition(r), 1, false);
        }
        if (lastSampleNs != Long.MIN_VALUE && r.nowNs - lastSampleNs < samplePeriodNs) {
            return;
        }
        lastSampleNs = r.nowNs;
        publish(stateTopic, encoder.state(r), 0, false);
        publish(controlTopic, encoder.control(r), 0, false);
        publish(healthTopic, encoder.health(r, published.get(), dropped.get()), 0, false);
    }

    /** {@code json} is the encoder's reused array: Paho copies it into its message before this returns. */
    private void publish(String topic, byte[] json, int qos, boolean retained) {
        // QoS 0 messages wait in Paho's queue, unbounded, while the socket does not take them: bound them here
        if (!client.isConnected() || client.getPendingDeliveryTokens().length >= config.maxInflight()) {
            dropped.incrementAndGet();
            return;
        }
        try {
            client.publish(topic, json, qos, retained);
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

    /** Successful connections, the first included. */
    public long connections() {
        return connections.get();
    }

    /** Connections lost after they were up. */
    public long connectionsLost() {
        return connectionsLost.get();
    }

    /** Connect attempts that failed. */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** Why the last connect attempt failed, in words (never the password); null if none failed. */
    public String lastConnectError() {
        return lastConnectError;
    }

    /** One line for the flight summary: what went out, what was dropped and why, how the connection fared. */
    public String summaryLine() {
        String error = lastConnectError;
        return "telemetry " + config.brokerUri() + ": " + published.get() + " messages published, " + dropped.get()
                + " dropped (broker unreachable or not taking them), " + connections.get() + " connections, "
                + connectionsLost.get() + " lost, " + connectFailures.get() + " failed attempts"
                + (error == null ? "" : " (last: " + error + ")")
                + (client.isConnected() ? "" : "; not connected at the end");
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes "offline" on the status topic, then disconnects cleanly. */
    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
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
            boolean again = connections.getAndIncrement() > 0;
            backoff.reset();
            lastConnectError = null;
            LOG.info("telemetry: {} MQTT broker {} as {}", again ? "reconnected to" : "connected to", serverUri,
                    access.describe());
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
            connectionsLost.incrementAndGet();
            long delayMs = scheduleRetry();
            LOG.warn("telemetry: lost MQTT broker {} ({}); reconnecting in {} ms with back-off, samples dropped "
                    + "meanwhile", config.brokerUri(), cause == null ? "no reason given" : cause.getMessage(), delayMs);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commands == null) {
                return;
            }
            // a retained command is refused, never run: it is delivered again on every (re)subscription
            String ack = commands.handle(message.getPayload(), message.isRetained());
            if (ack != null) {
                acknowledge(ack);
            }
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            // QoS 0 samples need no bookkeeping; QoS 1 events and acks are fire-and-forget too.
        }
    }
}
