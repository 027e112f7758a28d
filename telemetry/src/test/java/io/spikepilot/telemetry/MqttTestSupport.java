package io.spikepilot.telemetry;

import io.spikepilot.controller.record.TickRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Shared pieces of the broker tests: free ports, a recording subscriber, waiting with a deadline. */
final class MqttTestSupport {
    private MqttTestSupport() {
    }

    /** A gate open to every command and target, as a flight is between take-off and landing. */
    static final CommandGate FLYING = new CommandGate() {
        @Override
        public String refusal(io.spikepilot.controller.supervisor.OperatorCommand command) {
            return null;
        }

        @Override
        public String targetRefusal() {
            return null;
        }
    };

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Polls {@code condition} until it holds or {@code timeoutMs} passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    /** A record at simulated time {@code nowNs}. */
    static TickRecord record(long tick, long nowNs) {
        TickRecord r = new TickRecord();
        r.tick = tick;
        r.nowNs = nowNs;
        r.stateTimeNs = nowNs - 2_000_000;
        r.mode = 1;
        r.previousMode = 1;
        r.stateAttitudeNwuFlu[0] = 1;
        r.sentSetpoint[0] = 0.55;
        r.sentSetpoint[1] = 1;
        return r;
    }

    /** A subscriber that records every (topic, payload) it receives. */
    static final class Recorder implements AutoCloseable {
        final List<String[]> messages = new CopyOnWriteArrayList<>();
        final MqttClient client;

        Recorder(String uri, String filter) throws MqttException {
            client = new MqttClient(uri, "recorder-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            // once in a full CI run on a loaded machine the embedded broker dropped the recorder's fresh connection
            // before its SUBACK ("connection lost"); the recorder is the test's eyes, not the thing under test, so it
            // connects again once rather than failing the test that uses it
            for (int attempt = 1; ; attempt++) {
                try {
                    if (!client.isConnected()) {
                        client.connect(o);
                    }
                    client.subscribe(filter, 1, (topic, msg) ->
                            messages.add(new String[] {topic, new String(msg.getPayload(), StandardCharsets.UTF_8)}));
                    return;
                } catch (MqttException e) {
                    if (attempt == 2 || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                        throw e;
                    }
                }
            }
        }

        long count(String topicSuffix) {
            return messages.stream().filter(m -> m[0].endsWith(topicSuffix)).count();
        }

        /** The acks on {@code cmd/ack} for {@code id} (null: acks without an id), in arrival order. */
        List<java.util.Map<?, ?>> acks(String id) {
            List<java.util.Map<?, ?>> found = new java.util.ArrayList<>();
            for (String[] m : messages) {
                if (m[0].endsWith("cmd/ack")) {
                    java.util.Map<?, ?> ack = (java.util.Map<?, ?>) io.spikepilot.controller.policy.Json.parse(m[1]);
                    Object ackId = ack.get("id") == io.spikepilot.controller.policy.Json.NULL ? null : ack.get("id");
                    if (java.util.Objects.equals(id, ackId)) {
                        found.add(ack);
                    }
                }
            }
            return found;
        }

        /** The first ack for {@code id}, null if none arrived (a resent copy is answered as a duplicate later). */
        java.util.Map<?, ?> ack(String id) {
            List<java.util.Map<?, ?>> found = acks(id);
            return found.isEmpty() ? null : found.get(0);
        }

        String last(String topicSuffix) {
            String found = null;
            for (String[] m : messages) {
                if (m[0].endsWith(topicSuffix)) {
                    found = m[1];
                }
            }
            return found;
        }

        @Override
        public void close() throws MqttException {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
            } catch (MqttException e) {
                // Paho's disconnect races its receiver: a broker that closes the socket on DISCONNECT before the
                // sender marks the packet written makes disconnect() report "connection lost". Either way we are gone.
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
            }
            client.close();
        }
    }
}
