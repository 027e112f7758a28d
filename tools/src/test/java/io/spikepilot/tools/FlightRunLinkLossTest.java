package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vfc.CopterMode;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
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
import picocli.CommandLine;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.LinkLostException;

/**
 * The virtual PX4 goes silent in flight (its link cut both ways: no heartbeat, no state, no acknowledgement, our
 * setpoints lost). {@code fly} must declare the link lost after {@code link.heartbeat_timeout_ms}, stop commanding and
 * recording ticks, listen for {@code link.lost_link_listen_ms}, and exit with status 4; Ctrl-C over the silent link
 * must not wait out the hand-back's command retries (2 modes x 3 attempts x 1.5 s).
 */
class FlightRunLinkLossTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final long PERIOD_NS = 10_000_000L;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The example config, CI-tolerant watchdog, with the given heartbeat timeout and listen time. */
    private static Path config(Path dir, long heartbeatTimeoutMs, long listenMs) throws Exception {
        String yaml = Files.readString(EXAMPLE)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10")
                .replace("heartbeat_timeout_ms: 3000", "heartbeat_timeout_ms: " + heartbeatTimeoutMs)
                .replace("lost_link_listen_ms: 10000", "lost_link_listen_ms: " + listenMs);
        Path file = dir.resolve("flight.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static VirtualFlightController virtualPx4(int vfcPort, int companionPort) throws Exception {
        return new VirtualPx4Flight.Ports(vfcPort, companionPort).start(Airframes.x500());
    }

    private static String link(int vfcPort, int companionPort) {
        return "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort;
    }

    /** {@code fly} on another thread, flying until interrupted ({@code --duration 0}): the case that never ended. */
    private CompletableFuture<Integer> fly(String link, Path config, Path logDir) {
        List<String> args = new ArrayList<>(List.of("fly", "--link", link, "--policy", "pid", "--config",
                config.toString(), "--log-dir", logDir.toString(), "--warmup-ticks", "2000", "--duration", "0"));
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(new String[0])));
    }

    /** Waits until the vehicle hovers near the take-off height. */
    private void awaitAirborne(VirtualFlightController vfc, CompletableFuture<?> flight) throws Exception {
        VehicleState truth = new VehicleState();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        do {
            Thread.sleep(50);
            vfc.readTruth(truth);
        } while (truth.positionNwuM[2] < 0.8 && !flight.isDone() && System.nanoTime() < deadline);
        assertTrue(truth.positionNwuM[2] >= 0.8, "never took off: " + vfc.events() + err);
    }

    private static Path trace(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".trace.csv")).findFirst().orElseThrow();
        }
    }

    /** Trace rows recorded after the last frame the link delivered. */
    private static long rowsAfterLastFrame(Path trace) throws Exception {
        List<String> lines = Files.readAllLines(trace);
        List<String> columns = TickTraceCsv.columns();
        int now = columns.indexOf("now_ns");
        int rx = columns.indexOf("link_last_rx_ns");
        List<String[]> rows = lines.subList(2, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        long lastRx = Long.parseLong(rows.get(rows.size() - 1)[rx]);
        return rows.stream().filter(r -> Long.parseLong(r[now]) > lastRx).count();
    }

    @Test
    void aSilentAutopilotEndsTheFlightWithStatusFourAndABoundedTrace(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            CompletableFuture<Integer> flight = fly(link(vfcPort, companionPort), config(dir, 3_000, 2_000), dir);
            awaitAirborne(vfc, flight);
            Thread.sleep(1_000);

            vfc.cutLink(Long.MAX_VALUE);
            // 3 s heartbeat timeout + 2 s listening, with room for a loaded machine; before, fly never ended
            int status = flight.get(12, TimeUnit.SECONDS);

            assertEquals(LinkLostException.EXIT_STATUS, status, err.toString());
            String e = err.toString();
            assertTrue(e.contains("link lost: no HEARTBEAT from the autopilot for"), e);
            assertTrue(e.contains("COM_OF_LOSS_T") && e.contains("COM_OBL_RC_ACT"), "names PX4's failsafe: " + e);
            assertTrue(e.contains("No heartbeat within 2.0 s (link.lost_link_listen_ms)"), e);
            assertTrue(out.toString().contains("flight over"), "the summary names the logs: " + out);
            long after = rowsAfterLastFrame(trace(dir));
            // ticks stop once the link is declared lost: 3 s of silence at 100 Hz, plus the plan's 20 ms poll
            assertTrue(after <= 3_000_000_000L / PERIOD_NS + 50, "trace rows after the link went silent: " + after);
            // the last heartbeat came up to 1 s before the last state frame
            assertTrue(after >= 2_000_000_000L / PERIOD_NS - 10, "the heartbeat timeout is 3 s: " + after);
            assertEquals(Px4Mode.POSITION, vfc.mode(), "PX4's offboard-loss failsafe holds it: " + vfc.events());
            assertTrue(vfc.isArmed(), "still flying on the autopilot's failsafe");
        }
    }

    @Test
    void aLinkThatReturnsIsReportedAndTheVehicleIsNotFlownAgain(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            CompletableFuture<Integer> flight = fly(link(vfcPort, companionPort), config(dir, 3_000, 30_000), dir);
            awaitAirborne(vfc, flight);
            Thread.sleep(1_000);

            vfc.cutLink(5_000_000_000L);
            long setpointsBefore = vfc.setpointsReceived();
            // back after 5 s, long before the 30 s of listening end: fly reports at the first heartbeat and exits
            int status = flight.get(15, TimeUnit.SECONDS);

            assertEquals(LinkLostException.EXIT_STATUS, status, err.toString());
            String e = err.toString();
            assertTrue(e.contains("The link returned") && e.contains("PX4 main mode 3, armed"), e);
            assertTrue(e.contains("spikepilot does not resume flying it"), e);
            assertEquals(Px4Mode.POSITION, vfc.mode(), vfc.events().toString());
            assertTrue(vfc.isArmed(), "fly neither lands nor disarms a vehicle it lost sight of");
            assertEquals(setpointsBefore, vfc.setpointsReceived(), "no setpoint reached the vehicle after the cut");
            List<String> events = vfc.events();
            List<String> afterCut = events.subList(events.indexOf(events.stream()
                    .filter(ev -> ev.contains("link cut")).findFirst().orElseThrow()), events.size());
            assertFalse(afterCut.stream().anyMatch(ev -> ev.contains("(commanded)")), events.toString());
        }
    }

    /**
     * ArduCopter keeps GUIDED_NOGPS when the setpoints stop: after GUID_TIMEOUT (3 s) it levels out and holds
     * altitude, still waiting for a companion. When the link returns, fly finds it there and hands it to LOITER.
     */
    @Test
    void anArduCopterLevelsOutAfterGuidTimeoutAndIsHandedToLoiterWhenTheLinkReturns(@TempDir Path dir)
            throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        Path config = config(dir, 3_000, 30_000);
        Files.writeString(config, VirtualPx4Flight.forAutopilot(Files.readString(config), VfcAutopilot.ARDUCOPTER));
        try (VirtualFlightController vfc = new VirtualPx4Flight.Ports(vfcPort, companionPort)
                .start(Airframes.x500(), VfcConfig.arduCopterDefaults())) {
            CompletableFuture<Integer> flight = fly(link(vfcPort, companionPort), config, dir);
            awaitAirborne(vfc, flight);
            Thread.sleep(1_000);

            vfc.cutLink(6_000_000_000L);
            int status = flight.get(20, TimeUnit.SECONDS);

            assertEquals(LinkLostException.EXIT_STATUS, status, err.toString());
            String e = err.toString();
            assertTrue(e.contains("GUID_TIMEOUT"), "names ArduPilot's behaviour: " + e);
            assertTrue(e.contains("The link returned") && e.contains("ArduPilot mode 20, armed")
                    && e.contains("still in our mode: the autopilot holds the vehicle now"), e);
            List<String> events = vfc.events();
            assertTrue(events.stream().anyMatch(ev -> ev.contains("GUID_TIMEOUT) -> level, hold altitude")),
                    events.toString());
            assertEquals(CopterMode.LOITER, vfc.mode(), events.toString());
            assertTrue(vfc.isArmed(), "held by the autopilot, not landed");
            VehicleState truth = new VehicleState();
            vfc.readTruth(truth);
            assertTrue(truth.positionNwuM[2] > 0.5, "held its altitude: " + truth.positionNwuM[2]);
        }
    }

    @Test
    void ctrlCOverASilentLinkDoesNotWaitOutTheHandBackRetries(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            // a long heartbeat timeout: the interrupt comes while the link is silent but not yet declared lost
            FlightSettings settings = FlightConfigFile.load(config(dir, 20_000, 10_000));
            FlightRun run = new FlightRun(link(vfcPort, companionPort), settings,
                    FlyPolicy.load("pid", settings.flight()), dir, new TimedFlightPlan(-1, 0), 2000);
            CompletableFuture<Object> flight = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.fly();
                } catch (Exception e) {
                    return e;
                }
            });
            awaitAirborne(vfc, flight);
            Thread.sleep(1_000);

            vfc.cutLink(Long.MAX_VALUE);
            Thread.sleep(2_500); // longer than a live link is ever silent (heartbeats come once a second)
            long interruptedAt = System.nanoTime();
            run.interruptAndAwait(15_000);
            Object outcome = flight.get(5, TimeUnit.SECONDS);
            double tookS = (System.nanoTime() - interruptedAt) * 1e-9;

            // before, the hand-back waited for acknowledgements that could not come: 9 s
            assertTrue(tookS < 3.0, "the interrupt took " + tookS + " s to end the flight");
            assertTrue(outcome instanceof LinkLostException, String.valueOf(outcome));
            String message = ((LinkLostException) outcome).getMessage();
            assertTrue(message.contains("no hand-back is possible over a silent link")
                    && message.contains("Interrupted: not listening"), message);
        }
    }
}
