package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;

/** What the demo takes from the jar must be there and fit together, or the README's first command fails. */
class BundledFilesTest {
    private static Path extract(String resource, Path target) throws Exception {
        try (InputStream in = BundledFilesTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "missing from the jar: " + resource);
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void shippedFixedPointPolicyFitsTheShippedFlightConfig(@TempDir Path dir) throws Exception {
        Path config = extract("/io/spikepilot/tools/" + DemoCommand.BUNDLED_CONFIG, dir.resolve("flight.yaml"));
        Path policy = extract(DemoCommand.BUNDLED_POLICY, dir.resolve("policy.safetensors"));
        FlightSettings settings = FlightConfigFile.load(config);
        FlyPolicy fly = FlyPolicy.load(policy.toString(), settings.flight());
        assertTrue(fly.describe().contains("fixed-snn"), fly.describe());
        LoadedPolicy loaded = PolicyFile.load(policy);
        assertEquals("x500", loaded.metadata().airframe());
    }
}
