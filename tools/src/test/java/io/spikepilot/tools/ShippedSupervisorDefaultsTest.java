package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.supervisor.SupervisorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link SupervisorConfig#builder}'s defaults are the shipped configuration's, so tests built on it fly the same. */
class ShippedSupervisorDefaultsTest {
    @Test
    void builderDefaultsAreTheShippedFlightYamls() throws Exception {
        Path shipped = Path.of("..", "src", "config", "flight.yaml");
        SupervisorConfig parsed = FlightConfigFile.parse(shipped.toString(), Files.readString(shipped)).flight()
                .supervisor();
        assertEquals(parsed, SupervisorConfig.builder(parsed.periodNs()).build());
    }
}
