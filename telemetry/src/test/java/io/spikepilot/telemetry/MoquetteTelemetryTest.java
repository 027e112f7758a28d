package io.spikepilot.telemetry;

import org.junit.jupiter.api.AfterAll;
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

    @Override
    String brokerUri() {
        return broker.uri();
    }
}
