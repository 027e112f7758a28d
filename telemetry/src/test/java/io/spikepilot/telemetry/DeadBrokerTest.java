package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeadBrokerTest {
    @Test
    void withNoBrokerEverySampleIsDroppedAndCountedAndNothingWaits() throws Exception {
        String uri = "tcp://127.0.0.1:" + MqttTestSupport.freePort(); // nothing listens there
        try (MqttTelemetry telemetry = new MqttTelemetry(new TelemetryConfig(uri, "fleet", "dead", 10, 10), null)) {
            for (int i = 0; i < 100; i++) {
                telemetry.accept(record(i, i * 10_000_000L));
            }
            assertEquals(30, telemetry.dropped());
            assertEquals(0, telemetry.published());
        }
    }
}
