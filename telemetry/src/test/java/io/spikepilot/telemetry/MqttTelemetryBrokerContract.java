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
import org.eclipse.paho.client.mqttv3.MqttMessage;
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

    @Test
    void groundCommandIsForwardedAndAcknowledged() throws Exception {
        OperatorInbox inbox = new OperatorInbox();
        try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(brokerUri(), "fleet/cmdv/cmd/ack");
             MqttTelemetry telemetry = new MqttTelemetry(config("cmdv"), new GroundCommands(inbox))) {
            assertTrue(await(telemetry::isConnected, 10_000));
            // The publisher subscribes in connectComplete; resend until that subscription answers with an ack.
            byte[] cmd = "{\"id\":\"g-7\",\"command\":\"land\"}".getBytes(StandardCharsets.UTF_8);
            assertTrue(await(() -> {
                try {
                    rec.client.publish("fleet/cmdv/cmd", new MqttMessage(cmd));
                } catch (Exception e) {
                    return false;
                }
                return rec.count("cmd/ack") > 0;
            }, 10_000), "no acknowledgement on fleet/cmdv/cmd/ack");
            Map<?, ?> ack = (Map<?, ?>) Json.parse(rec.last("cmd/ack"));
            assertEquals("g-7", ack.get("id"));
            assertEquals(true, ack.get("accepted"));
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
