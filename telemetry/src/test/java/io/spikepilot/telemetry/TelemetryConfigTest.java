package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelemetryConfigTest {
    @Test
    void defaultsPublishAtTenHertzOnLocalhost() {
        TelemetryConfig c = TelemetryConfig.defaults();
        assertEquals(100_000_000L, c.samplePeriodNs());
        assertEquals("spikepilot/sim-1/telemetry/state", c.topic("telemetry/state"));
    }

    @Test
    void wildcardInVehicleIdIsRefusedWithFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TelemetryConfig("tcp://127.0.0.1:1883", "fleet", "quad/#", 10, 10));
        assertTrue(e.getMessage().contains("vehicleId") && e.getMessage().contains("quad/#"), e.getMessage());
    }

    @Test
    void nonTcpUriIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TelemetryConfig("http://broker", "fleet", "q1", 10, 10));
        assertTrue(e.getMessage().contains("brokerUri") && e.getMessage().contains("http://broker"), e.getMessage());
    }

    @Test
    void sampleRateOutsideRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TelemetryConfig("tcp://127.0.0.1:1883", "fleet", "q1", Double.NaN, 10));
        assertTrue(e.getMessage().contains("sampleRateHz") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
