package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aPilotModeSwitchEndsTheFlightWithoutAnotherCommand(@TempDir Path dir) throws Exception {
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            CommandLine cli = SpikepilotCli.commandLine();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> fly = CompletableFuture.supplyAsync(() -> cli.execute("fly", "--link",
                    "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort, "--policy", "pid",
                    "--config", EXAMPLE.toString(), "--log-dir", dir.toString(), "--duration", "60",
                    "--warmup-ticks", "2000"));
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
}
