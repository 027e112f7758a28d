package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;

/** The broker contract against the embedded Moquette broker the demo uses. */
class MoquetteTelemetryTest extends MqttTelemetryBrokerContract {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedBroker("127.0.0.1", MqttTestSupport.freePort());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void senderOfAMessageOverTheBrokersLimitIsDisconnectedAndTheVehicleFliesOn() throws Exception {
        OperatorInbox inbox = new OperatorInbox();
        GroundCommands commands = new GroundCommands(inbox);
        commands.gateBy(c -> null);
        TelemetryConfig config = new TelemetryConfig(broker.uri(), "fleet", "huge", 10.0, 1000);
        try (MqttTelemetry telemetry = new MqttTelemetry(config, commands);
             MqttTestSupport.Recorder sender = new MqttTestSupport.Recorder(broker.uri(), "fleet/huge/cmd/ack")) {
            assertTrue(await(telemetry::isConnected, 10_000));
            try {
                sender.client.publish("fleet/huge/cmd", new MqttMessage(new byte[EmbeddedBroker.MAX_MESSAGE_BYTES]));
            } catch (MqttException e) {
                // the broker closed the connection: MQTT 3.1.1 has no other way to refuse a PUBLISH
            }
            assertTrue(await(() -> !sender.client.isConnected(), 10_000), "the sender is still connected");
            assertTrue(telemetry.isConnected(), "the vehicle lost its connection");
            assertEquals(0, commands.accepted() + commands.refused(), "the message reached the vehicle");
        }
    }

    @Override
    String brokerUri() {
        return broker.uri();
    }
}
