package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.FlightReplay;
import io.spikepilot.controller.replay.ReplayComparison;
import io.spikepilot.controller.replay.TraceReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlyPolicy;

/**
 * The shipped trained SNN, calibrated to fixed point as it would be deployed, flies the simulated X500 (the SNN holds
 * control between the engage request and the state dropout). Replaying with the fixed-point file is bit-identical;
 * replaying with the float network it came from is the "float instead of fixed" what-if.
 */
class TrainedPolicyReplayTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final int TICKS = 1200;

    @TempDir
    static Path dir;
    private static Path config;
    private static Path floatPolicy;
    private static Path fixedPolicy;
    private static Path trace;

    @BeforeAll
    static void flyTheCalibratedPolicy() throws Exception {
        config = dir.resolve("flight.yaml");
        Files.copy(EXAMPLE, config);
        // the shipped pair: the trained float network and its calibrated fixed-point version that the demo flies
        floatPolicy = dir.resolve("float.safetensors");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/policies/x500-attitude-bc.safetensors")) {
            Files.copy(in, floatPolicy);
        }
        fixedPolicy = dir.resolve("fixed.safetensors");
        try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.BUNDLED_POLICY)) {
            Files.copy(in, fixedPolicy);
        }
        trace = LockstepFlight.fly(config, fixedPolicy.toString(), dir.resolve("fixed.trace.csv"), TICKS);
    }

    private static ReplayComparison replayWith(Path policy) throws Exception {
        FlightConfig flight = FlightConfigFile.load(config).flight();
        FlyPolicy p = FlyPolicy.load(policy.toString(), flight);
        return FlightReplay.run(flight, p.newInstance(), true, TraceReader.read(trace), null);
    }

    @Test
    void theTrainedNetworkFlew() throws Exception {
        List<String> rows = Files.readAllLines(trace);
        int mode = TickTraceCsv.columns().indexOf("mode");
        long snnTicks = rows.stream().skip(2).filter(r -> r.split(",", -1)[mode].equals("SNN")).count();
        assertTrue(snnTicks > 100, "ticks flown by the SNN: " + snnTicks);
    }

    @Test
    void theDeployedFixedPointPolicyReplaysBitIdentically() throws Exception {
        ReplayComparison c = replayWith(fixedPolicy);
        assertTrue(c.identical(), c.verdict());
        assertEquals(TICKS, c.ticks());
    }

    @Test
    void theFloatNetworkItCameFromCommandsNearlyTheSame() throws Exception {
        ReplayComparison c = replayWith(floatPolicy);
        assertTrue(!c.identical());
        ReplayComparison.FieldStats thrust = c.field("action_0");
        assertTrue(thrust.differingTicks() > 100, c.fieldReport().toString());
        // calibration keeps the action error well under a percent of the [-1, 1] range on average
        assertTrue(thrust.rms() > 0 && thrust.rms() < 0.05, c.fieldReport().toString());
        assertTrue(c.modeDifferingTicks() < 50, c.verdict());
    }
}
