package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static io.spikepilot.telemetry.MqttTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every broker must show with our publisher; run against embedded Moquette and against Debian's mosquitto
 * by the two subclasses.
 */
abstract class MqttTelemetryBrokerContract {
    /** URI of a running broker for this test. */
    abstract String brokerUri();

    private TelemetryConfig config(String vehicle) {
        return new TelemetryConfig(brokerUri(), "fleet", vehicle, 10.0, 1000);
    }

    @Test
    void decimatesOneHundredHertzTicksToTenHertzSamples() throws Exception {
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/dec/#");
             MqttTelemetry telemetry = new MqttTelemetry(config("dec"), null)) {
            assertTrue(await(telemetry::isConnected, 10_000), "publisher never connected to " + brokerUri());
            for (int i = 0; i < 100; i++) {
                telemetry.accept(record(i, i * 10_000_000L)); // 1 s of 100 Hz ticks
            }
            assertTrue(await(() -> rec.count("telemetry/health") == 10, 10_000),
                    "health samples received: " + rec.count("telemetry/health"));
            assertEquals(10, rec.count("telemetry/state"));
            assertEquals(10, rec.count("telemetry/control"));
            Map<?, ?> control = (Map<?, ?>) Json.parse(rec.last("telemetry/control"));
            assertEquals(900_000L, control.get("ts_us"));
            assertEquals("PID", control.get("mode"));
            assertEquals(0L, telemetry.dropped());
        }
    }

    @Test
    void everyTransitionIsPublishedEvenBetweenSamples() throws Exception {
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/ev/#");
             MqttTelemetry telemetry = new MqttTelemetry(config("ev"), null)) {
            assertTrue(await(telemetry::isConnected, 10_000));
            telemetry.accept(record(0, 0));
            TickRecord t = record(1, 10_000_000L);
            t.transitioned = true;
            t.previousMode = 1;
            t.mode = 2;
            telemetry.accept(t);
            assertTrue(await(() -> rec.count("events") == 1, 10_000));
            Map<?, ?> ev = (Map<?, ?>) Json.parse(rec.last("events"));
            assertEquals("SNN", ev.get("to"));
            assertEquals(1, rec.count("telemetry/state"), "the transition tick was inside the sample period");
        }
    }

    /** Ground commands with the gate open, as in flight once the flight procedure has armed and taken off. */
    private static GroundCommands openCommands(OperatorInbox inbox) {
        GroundCommands commands = new GroundCommands(inbox);
        commands.gateBy(c -> null);
        return commands;
    }

    private static byte[] command(String id, String command) {
        return ("{\"id\":\"" + id + "\",\"ts_unix_ms\":" + System.currentTimeMillis() + ",\"command\":\"" + command
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes {@code payload} (not retained) until an ack for {@code id} arrives; the subscription lags connecting. */
    private static Map<?, ?> sendUntilAcked(MqttTestSupport.Recorder rec, String topic, String id, byte[] payload)
            throws InterruptedException {
        assertTrue(await(() -> {
            try {
                if (rec.ack(id) == null) {
                    rec.client.publish(topic, new MqttMessage(payload));
                }
            } catch (Exception e) {
                return false;
            }
            try {
                return await(() -> rec.ack(id) != null, 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, 10_000), "no acknowledgement for '" + id + "' on " + topic + "/ack");
        return rec.ack(id);
    }

    @Test
    void groundCommandIsForwardedAndAcknowledged() throws Exception {
        OperatorInbox inbox = new OperatorInbox();
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/cmdv/cmd/ack");
             MqttTelemetry telemetry = new MqttTelemetry(config("cmdv"), openCommands(inbox))) {
            assertTrue(await(telemetry::isConnected, 10_000));
            Map<?, ?> ack = sendUntilAcked(rec, "fleet/cmdv/cmd", "g-7", command("g-7", "land"));
            assertEquals(true, ack.get("accepted"), String.valueOf(ack.get("reason")));
            assertEquals(OperatorCommand.LAND, inbox.pollCommand());
        }
    }

    @Test
    void retainedCommandIsNeverExecutedNotEvenAfterAReconnect() throws Exception {
        OperatorInbox inbox = new OperatorInbox();
        GroundCommands commands = openCommands(inbox);
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/ret/cmd/ack")) {
            // a fresh, valid take-off left retained on the broker before the vehicle subscribes
            rec.client.publish("fleet/ret/cmd", command("stale-takeoff", "takeoff"), 1, true);
            try (MqttTelemetry telemetry = new MqttTelemetry(config("ret"), commands)) {
                assertTrue(await(() -> rec.ack("stale-takeoff") != null, 10_000), "no ack for the retained command");
                Map<?, ?> ack = rec.ack("stale-takeoff");
                assertEquals(false, ack.get("accepted"));
                assertTrue(String.valueOf(ack.get("reason")).contains("found retained"), ack.toString());
                assertEquals(OperatorCommand.NONE, inbox.pollCommand());

                Map<?, ?> live = sendUntilAcked(rec, "fleet/ret/cmd", "live-land", command("live-land", "land"));
                assertEquals(true, live.get("accepted"), String.valueOf(live.get("reason")));
                assertEquals(OperatorCommand.LAND, inbox.pollCommand());

                // the connection drops (here: another client takes the vehicle's id once); Paho reconnects and
                // subscribes again, and the broker hands over the retained command again
                MqttClient intruder = new MqttClient(brokerUri(), telemetry.clientId(), new MemoryPersistence());
                intruder.connect();
                assertTrue(await(() -> !telemetry.isConnected(), 10_000), "the vehicle was not disconnected");
                intruder.disconnect();
                intruder.close();
                assertTrue(await(() -> rec.acks("stale-takeoff").size() == 2, 20_000),
                        "acks after the reconnect: " + rec.messages.stream().map(m -> m[1]).toList());
                assertEquals(false, rec.acks("stale-takeoff").get(1).get("accepted"));
                assertEquals(OperatorCommand.NONE, inbox.pollCommand(), "a reconnect re-executed a command");
                assertEquals(1, commands.accepted());
            } finally {
                rec.client.publish("fleet/ret/cmd", new byte[0], 1, true); // clear the retained command
            }
        }
        // acks are never retained: a late subscriber gets no old answer
        try (MqttTestSupport.Recorder late = new MqttTestSupport.Recorder(brokerUri(), "fleet/ret/cmd/ack")) {
            Thread.sleep(500);
            assertEquals(0, late.count("cmd/ack"));
        }
    }

    @Test
    void oneMegabyteCommandIsAnsweredAndNobodyIsDisconnected() throws Exception {
        OperatorInbox inbox = new OperatorInbox();
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/big/cmd/ack");
             MqttTelemetry telemetry = new MqttTelemetry(config("big"), openCommands(inbox))) {
            assertTrue(await(telemetry::isConnected, 10_000));
            sendUntilAcked(rec, "fleet/big/cmd", "warm", command("warm", "release_snn")); // subscription is live
            inbox.pollCommand();
            rec.client.publish("fleet/big/cmd", new MqttMessage(new byte[1_000_000]));
            assertTrue(await(() -> rec.ack(null) != null, 10_000), "no ack for the 1 MB command");
            Map<?, ?> ack = rec.ack(null);
            assertEquals(false, ack.get("accepted"));
            assertEquals("payload expected at most 1024 bytes, found 1000000", ack.get("reason"));
            assertTrue(rec.client.isConnected(), "the sender was disconnected");
            assertTrue(telemetry.isConnected(), "the vehicle was disconnected");
            Map<?, ?> after = sendUntilAcked(rec, "fleet/big/cmd", "after", command("after", "land"));
            assertEquals(true, after.get("accepted"), String.valueOf(after.get("reason")));
            assertEquals(OperatorCommand.LAND, inbox.pollCommand());
        }
    }

    @Test
    void twoPublishersForTheSameVehicleDoNotKickEachOtherOffTheBroker() throws Exception {
        try (MqttTelemetry first = new MqttTelemetry(config("twin"), null)) {
            assertTrue(await(first::isConnected, 10_000));
            try (MqttTelemetry second = new MqttTelemetry(config("twin"), null)) {
                assertTrue(await(second::isConnected, 10_000));
                // A broker disconnects the earlier holder of a client id; Paho would reconnect within a second or two
                // and kick the other in turn. Watch both for longer than that.
                assertFalse(await(() -> !first.isConnected() || !second.isConnected(), 3_000),
                        "a publisher lost its connection: first " + first.isConnected() + ", second "
                                + second.isConnected());
                assertTrue(first.clientId().startsWith("spikepilot-twin-" + ProcessHandle.current().pid() + "-"),
                        first.clientId());
                assertNotEquals(first.clientId(), second.clientId());
            }
        }
    }

    @Test
    void brokerPublishesTheLastWillWhenTheConnectionDies() throws Exception {
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/lwt/status")) {
            MqttTelemetry telemetry = new MqttTelemetry(config("lwt"), null);
            assertTrue(await(telemetry::isConnected, 10_000));
            assertTrue(await(() -> "online".equals(rec.last("status")), 10_000));
            telemetry.dropConnectionAbruptly();
            assertTrue(await(() -> "offline".equals(rec.last("status")), 15_000),
                    "status after an abrupt drop: " + rec.last("status"));
            telemetry.close();
        }
    }
}
