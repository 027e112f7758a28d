package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.tools.bench.FaultRow;
import io.spikepilot.tools.bench.FaultScenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;

/**
 * The fault table as a test: every fault of {@code spikepilot bench faults}, each a real flight of the shipped SNN
 * through fly's pipeline against the virtual PX4 (about 20 s of real time each), with the goals as assertions:
 * no excursion, tilt or speed beyond the supervisor's envelope, a fallback within one tick wherever the tick can see
 * the fault, no trace row lost, and a safe landing. Where a fault makes a goal impossible the test asserts what does
 * happen instead, so a change in behaviour still fails it.
 */
class FaultTableTest {
    @TempDir
    static Path dir;
    private static FaultBench bench;
    private static final StringWriter LOG = new StringWriter();
    /** Random loss and garbage may leave every tick a fresh state (then there is nothing to fall back from). */
    private static final Set<FaultScenario> MAY_NOT_REACH_THE_TICK = EnumSet.of(FaultScenario.PACKET_LOSS_5,
            FaultScenario.PACKET_LOSS_20, FaultScenario.GARBAGE_BYTES);

    @BeforeAll
    static void bench() throws Exception {
        byte[] config = DemoCommand.resource("/io/spikepilot/tools/" + DemoCommand.BUNDLED_CONFIG);
        byte[] policy = DemoCommand.resource(DemoCommand.BUNDLED_POLICY);
        FlightSettings settings = FlightConfigFile.parse("bundled flight.yaml",
                new String(config, StandardCharsets.UTF_8));
        FlyPolicy flyPolicy = FlyPolicy.of(io.spikepilot.controller.snn.PolicyFile.read(policy, "bundled"),
                settings.flight());
        Path configFile = Files.write(dir.resolve("flight.yaml"), config);
        Path policyFile = Files.write(dir.resolve("policy.safetensors"), policy);
        bench = new FaultBench(settings, flyPolicy, policyFile, configFile, dir, 1, 20_000, new PrintWriter(LOG, true));
    }

    @ParameterizedTest
    @EnumSource(FaultScenario.class)
    void theVehicleSurvivesTheFault(FaultScenario fault) throws Exception {
        FaultRow row = bench.run(fault);
        String context = row.csvRow();
        assertFalse(row.envelopeViolated(), "left the envelope: " + context);
        if (fault != FaultScenario.COMPANION_KILLED) {
            assertTrue(row.snnFlying(), "the SNN must be flying when the fault comes: " + context);
        }
        assertTrue(row.fallbackGoalMet(), "fallback within one tick of the first tick that saw the fault: " + context);
        if (fault.visibleToTick() && !MAY_NOT_REACH_THE_TICK.contains(fault)) {
            assertTrue(row.ticksToFallback() >= 0, "the tick must see this fault: " + context);
        }
        switch (fault) {
            case COMPANION_KILLED -> {
                // PX4's COM_OF_LOSS_T (1 s) ends OFFBOARD; the 100 ms margin is the autopilot's own 250 Hz step
                assertTrue(row.autopilotResponseMs() >= 950 && row.autopilotResponseMs() <= 1_300, context);
                // SIGKILL takes what the logger had not written yet: at most one drain period (20 ms, 2 ticks) plus
                // the scheduler's delay of the logger thread on a loaded machine
                assertTrue(row.traceRowsLost() >= 0 && row.traceRowsLost() <= 10, context);
            }
            case PILOT_MODE_SWITCH -> {
                assertTrue(row.autopilotResponseMs() >= 0 && row.autopilotResponseMs() <= 100, context);
                assertEquals(0, row.traceRowsLost(), context);
            }
            default -> assertEquals(0, row.traceRowsLost(), context);
        }
        if (fault == FaultScenario.AUTOPILOT_REBOOT) {
            // the motors stop with the autopilot: a fall no companion can prevent, and it must not re-arm afterwards
            assertFalse(row.landedSafely(), context);
            assertTrue(row.outcome().startsWith("hit the ground"), context);
        } else {
            assertTrue(row.landedSafely(), context);
        }
    }
}
