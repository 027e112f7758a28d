package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static io.spikepilot.telemetry.MqttTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped mosquitto set-up ({@code src/deploy/mosquitto/}: TLS with client certificates, a password file, the
 * ACL) against the vehicle's client: who gets in, who may command whom, and what the operator is told when a login or
 * a handshake fails.
 */
class MosquittoSecurityTest {
    @TempDir
    static Path dir;
    private static FieldBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new FieldBroker(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** A ground tool (Paho, synchronous) logged in as {@code user}, recording what it receives. */
    static final class Ground implements AutoCloseable {
        final MqttClient client;
        final List<String[]> received = new CopyOnWriteArrayList<>();

        Ground(FieldBroker broker, String user) throws Exception {
            client = new MqttClient(broker.uri(), user + "-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            BrokerAccess access = broker.access(user);
            access.credentials().applyTo(o);
            o.setSocketFactory(access.tls().socketFactory());
            client.connect(o);
            client.subscribe("spikepilot/#", 1, (t, m) ->
                    received.add(new String[] {t, new String(m.getPayload(), StandardCharsets.UTF_8)}));
        }

        void command(String vehicle, String id, String command) throws MqttException {
            String payload = "{\"id\":\"" + id + "\",\"ts_unix_ms\":" + System.currentTimeMillis() + ",\"command\":\""
                    + command + "\"}";
            client.publish("spikepilot/" + vehicle + "/cmd", new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)));
        }

        Map<?, ?> ack(String vehicle, String id) {
            for (String[] m : received) {
                if (m[0].equals("spikepilot/" + vehicle + "/cmd/ack")) {
                    Map<?, ?> ack = (Map<?, ?>) Json.parse(m[1]);
                    if (id.equals(ack.get("id"))) {
                        return ack;
                    }
                }
            }
            return null;
        }

        long count(String topic) {
            return received.stream().filter(m -> m[0].equals(topic)).count();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    private static TelemetryConfig vehicle(String id) {
        return new TelemetryConfig(broker.uri(), "spikepilot", id, 10, 1000);
    }

    @Test
    void aVehicleWithItsPasswordTheCaAndItsCertificateConnectsAndEveryoneMayWatch() throws Exception {
        try (MqttTelemetry telemetry = new MqttTelemetry(vehicle("vehicle-1"), broker.access("vehicle-1"), null);
             Ground viewer = new Ground(broker, "viewer")) {
            assertTrue(await(telemetry::isConnected, 15_000), telemetry.lastConnectError() + broker.mosquitto.log());
            for (int i = 0; i < 20; i++) {
                telemetry.accept(record(i, i * 10_000_000L));
            }
            assertTrue(await(() -> viewer.count("spikepilot/vehicle-1/telemetry/state") == 2, 10_000),
                    "the viewer saw " + viewer.received.size() + " messages");
            assertEquals(0, telemetry.dropped());
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheErrorNamesTheUserAndTheSourceButNotThePassword() throws Exception {
        String wrong = "not-the-password-31337";
        BrokerAccess access = new BrokerAccess(MqttCredentials.fromFile(broker.credentials("vehicle-1", wrong)),
                new BrokerTls(broker.ca(), broker.cert("vehicle-1"), broker.key("vehicle-1")));
        try (MqttTelemetry telemetry = new MqttTelemetry(vehicle("vehicle-1"), access, null)) {
            assertTrue(await(() -> telemetry.lastConnectError() != null, 15_000));
            String error = telemetry.lastConnectError();
            assertTrue(error.startsWith("broker " + broker.uri() + " refused the login (MQTT CONNACK code 5, not "
                    + "authorized) for user 'vehicle-1' (MQTT credentials file '"), error);
            assertTrue(error.endsWith("; password hidden): check the username and password"), error);
            assertFalse(error.contains(wrong), error);
            assertFalse(telemetry.summaryLine().contains(wrong));
            assertFalse(access.describe().contains(wrong));
            assertFalse(telemetry.isConnected());
            telemetry.accept(record(0, 0));
            assertEquals(3, telemetry.dropped(), "samples are dropped and counted while refused");
        }
    }

    @Test
    void aUserWithoutTheGrantCannotCommandAndTheVehicleSeesNothingOfIt() throws Exception {
        OperatorInbox inbox1 = new OperatorInbox();
        OperatorInbox inbox2 = new OperatorInbox();
        GroundCommands commands1 = new GroundCommands(inbox1);
        GroundCommands commands2 = new GroundCommands(inbox2);
        commands1.gateBy(MqttTestSupport.FLYING);
        commands2.gateBy(MqttTestSupport.FLYING);
        try (MqttTelemetry v1 = new MqttTelemetry(vehicle("vehicle-1"), broker.access("vehicle-1"), commands1);
             MqttTelemetry v2 = new MqttTelemetry(vehicle("vehicle-2"), broker.access("vehicle-2"), commands2);
             Ground ground = new Ground(broker, "ground-1");
             Ground viewer = new Ground(broker, "viewer")) {
            assertTrue(await(() -> v1.isConnected() && v2.isConnected(), 15_000), broker.mosquitto.log());
            assertTrue(await(() -> ground.count("spikepilot/vehicle-2/status") > 0, 10_000));
            // the viewer may read everything but command nothing; ground-1 may command vehicle-1 only
            viewer.command("vehicle-1", "from-viewer", "land");
            ground.command("vehicle-2", "to-other-vehicle", "land");
            ground.command("vehicle-1", "allowed", "land");
            assertTrue(await(() -> ground.ack("vehicle-1", "allowed") != null, 10_000), "the allowed command got no "
                    + "answer: " + broker.mosquitto.log());
            assertEquals(true, ground.ack("vehicle-1", "allowed").get("accepted"));
            assertEquals(OperatorCommand.LAND, inbox1.pollCommand());
            Thread.sleep(1_000); // the denied ones were sent first; give them every chance to arrive anyway
            assertEquals(1, commands1.accepted() + commands1.refused(), "vehicle-1 saw the viewer's command");
            assertEquals(0, commands2.accepted() + commands2.refused(), "vehicle-2 saw ground-1's command");
            assertEquals(OperatorCommand.NONE, inbox2.pollCommand());
            assertEquals(null, ground.ack("vehicle-1", "from-viewer"));
            assertEquals(null, ground.ack("vehicle-2", "to-other-vehicle"));
        }
    }

    @Test
    void aClientWithoutTheCaCannotConnectAndIsToldTheBrokersCertificateIsNotTrusted() throws Exception {
        // no --mqtt-ca: the JDK's public CAs, which never signed the field broker's certificate
        BrokerAccess access = new BrokerAccess(MqttCredentials.fromFile(broker.credentials("vehicle-1",
                FieldBroker.PASSWORDS.get("vehicle-1"))), new BrokerTls(null, broker.cert("vehicle-1"),
                broker.key("vehicle-1")));
        try (MqttTelemetry telemetry = new MqttTelemetry(vehicle("vehicle-1"), access, null)) {
            assertTrue(await(() -> telemetry.lastConnectError() != null, 15_000));
            String error = telemetry.lastConnectError();
            assertTrue(error.startsWith("TLS handshake with " + broker.uri() + " failed: the broker's certificate is "
                    + "not signed by a trusted CA (checked against the JDK's default CAs, client certificate "), error);
            assertFalse(telemetry.isConnected());
        }
    }

    @Test
    void aClientWithAnotherCaIsToldWhichCaFileItCheckedAgainst(@TempDir Path other) throws Exception {
        Path rogueCa = other.resolve("other-ca.crt");
        new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", other.resolve("other-ca.key").toString(), "-out", rogueCa.toString(), "-days",
                "1", "-subj", "/CN=someone else").redirectErrorStream(true).start().waitFor();
        BrokerAccess access = new BrokerAccess(null, new BrokerTls(rogueCa, null, null));
        try (MqttTelemetry telemetry = new MqttTelemetry(vehicle("vehicle-1"), access, null)) {
            assertTrue(await(() -> telemetry.lastConnectError() != null, 15_000));
            assertTrue(telemetry.lastConnectError().contains("not signed by a trusted CA (checked against CA "
                    + rogueCa + ", no client certificate)"), telemetry.lastConnectError());
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedByABrokerThatRequiresOne() throws Exception {
        BrokerAccess access = new BrokerAccess(MqttCredentials.fromFile(broker.credentials("vehicle-1",
                FieldBroker.PASSWORDS.get("vehicle-1"))), new BrokerTls(broker.ca(), null, null));
        try (MqttTelemetry telemetry = new MqttTelemetry(vehicle("vehicle-1"), access, null)) {
            assertTrue(await(() -> telemetry.lastConnectError() != null, 15_000));
            String error = telemetry.lastConnectError();
            assertNotNull(error);
            assertTrue(error.startsWith("TLS handshake with " + broker.uri() + " failed") || error.contains("cannot "
                    + "reach"), error);
            assertFalse(telemetry.isConnected());
        }
    }
}
