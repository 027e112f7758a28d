package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.CopterMode;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VfcMode;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The pilot flips the RC mode switch while {@code fly} is in control: fly must notice from the autopilot's heartbeat
 * and stop commanding (no landing, no disarm request that the flying vehicle would refuse), and exit normally.
 */
class PilotTakeoverTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private final StringWriter err = new StringWriter();

    /** Starts {@code fly} against the virtual PX4 on {@code vfcPort}, on another thread, with extra arguments. */
    private CompletableFuture<Integer> fly(int vfcPort, int companionPort, Path dir, String... extra) {
        return fly(EXAMPLE, vfcPort, companionPort, dir, extra);
    }

    private CompletableFuture<Integer> fly(Path config, int vfcPort, int companionPort, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("fly", "--link",
                "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort, "--policy", "pid",
                "--config", config.toString(), "--log-dir", dir.toString(), "--warmup-ticks", "2000"));
        args.addAll(List.of(extra));
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(new String[0])));
    }

    private static VirtualFlightController virtualPx4(int vfcPort, int companionPort) throws Exception {
        return virtual(VfcAutopilot.PX4, vfcPort, companionPort);
    }

    private static VirtualFlightController virtual(VfcAutopilot autopilot, int vfcPort, int companionPort)
            throws Exception {
        Airframe x500 = Airframes.x500();
        VfcConfig vfcConfig = VfcConfig.defaults(autopilot)
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        return new VirtualFlightController(vfcConfig, x500, EnvConfig.defaultAttitudeLimits(x500));
    }

    @Test
    void aPilotModeSwitchEndsTheFlightWithoutAnotherCommand(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            CompletableFuture<Integer> fly = fly(vfcPort, companionPort, dir, "--duration", "60");
            VehicleState truth = new VehicleState();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            do {
                Thread.sleep(50);
                vfc.readTruth(truth);
            } while (truth.positionNwuM[2] < 0.5 && !fly.isDone() && System.nanoTime() < deadline);
            assertTrue(truth.positionNwuM[2] >= 0.5, "never took off: " + vfc.events() + err);

            vfc.pilotSelectsMode(Px4Mode.POSITION);
            int status = fly.get(10, TimeUnit.SECONDS); // a heartbeat a second shows the switch; far below 60 s
            assertEquals(0, status, err.toString());
            assertTrue(vfc.isArmed(), "fly must not disarm a vehicle the pilot flies: " + vfc.events());
            assertEquals(Px4Mode.POSITION, vfc.mode(), vfc.events().toString());
            assertFalse(vfc.events().stream().anyMatch(e -> e.contains("refused")), vfc.events().toString());
        }
    }

    /**
     * PX4: the pilot selects OFFBOARD, then arms. ArduCopter does not arm from the RC in its guided modes (without
     * GUID_OPTIONS bit 0), so its pilot arms in STABILIZE and then selects GUIDED_NOGPS. Idle setpoints stream all
     * along: PX4 counts them for OFFBOARD, ArduCopter outside GUIDED_NOGPS ignores them.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(VfcAutopilot.class)
    void withPilotArmsFlyCommandsNothingUntilThePilotArmsInItsMode(VfcAutopilot autopilot, @TempDir Path dir)
            throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        Path config = dir.resolve("flight.yaml");
        Files.writeString(config, VirtualPx4Flight.forAutopilot(Files.readString(EXAMPLE), autopilot));
        try (VirtualFlightController vfc = virtual(autopilot, vfcPort, companionPort)) {
            VfcMode boot = vfc.mode();
            CompletableFuture<Integer> fly = fly(config, vfcPort, companionPort, dir, "--pilot-arms",
                    "--duration", "2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // 3 s of idle setpoints, taken or (ArduCopter outside its guided modes) ignored: past the pre-flight checks
            while (vfc.setpointsReceived() + vfc.setpointsIgnored() < 300 && !fly.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(vfc.setpointsReceived() + vfc.setpointsIgnored() >= 300, "setpoints never streamed: " + err);
            assertFalse(vfc.isArmed(), "fly armed by itself: " + vfc.events());
            assertEquals(boot, vfc.mode(), "fly switched modes by itself: " + vfc.events());

            if (autopilot == VfcAutopilot.PX4) {
                vfc.pilotSelectsMode(Px4Mode.OFFBOARD);
                vfc.pilotArms();
            } else {
                vfc.pilotArms();
                assertTrue(vfc.isArmed(), "armed in STABILIZE from the RC: " + vfc.events());
                vfc.pilotSelectsMode(CopterMode.GUIDED_NOGPS);
            }
            assertEquals(0, fly.get(40, TimeUnit.SECONDS), err.toString());
            List<String> events = vfc.events();
            assertFalse(events.stream().anyMatch(e -> e.contains("(commanded)")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.contains("disarmed (disarmed)")), "landed and disarmed by "
                    + "fly after its 2 s: " + events);
        }
    }
}
