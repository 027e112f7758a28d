package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;

/**
 * Landings {@code fly} did not plan: the supervisor's emergency landing and a ground {@code land} command. Either way
 * the vehicle must be disarmed once it is down and the flight must end, as after a planned landing; before, it stayed
 * armed in OFFBOARD on the ground until {@code --duration} ran out, and for good with {@code --duration 0}.
 */
class FlightRunLandingTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The example config with a CI-tolerant watchdog. */
    private static FlightSettings settings(Path dir) throws Exception {
        Path file = dir.resolve("flight.yaml");
        Files.writeString(file, Files.readString(EXAMPLE)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10"));
        return FlightConfigFile.load(file);
    }

    private static VirtualFlightController virtualPx4(int vfcPort, int companionPort) throws Exception {
        Airframe x500 = Airframes.x500();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        return new VirtualFlightController(vfcConfig, x500, EnvConfig.defaultAttitudeLimits(x500));
    }

    /** {@code fly} with the timed plan of {@code --duration 0} (fly until Ctrl-C), on another thread. */
    private static CompletableFuture<Object> fly(FlightRun run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run.fly();
            } catch (Exception e) {
                return e;
            }
        });
    }

    private static void awaitHeight(VirtualFlightController vfc, CompletableFuture<?> flight, double heightM)
            throws Exception {
        VehicleState truth = new VehicleState();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        do {
            Thread.sleep(20);
            vfc.readTruth(truth);
        } while (truth.positionNwuM[2] < heightM && !flight.isDone() && System.nanoTime() < deadline);
        assertTrue(truth.positionNwuM[2] >= heightM, "never climbed to " + heightM + " m: " + vfc.events());
    }

    /** Waits for touchdown; returns its time (System.nanoTime). */
    private static long awaitTouchdown(VirtualFlightController vfc, CompletableFuture<?> flight) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!vfc.isOnGround() && !flight.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(vfc.isOnGround(), "never landed: " + vfc.events());
        return System.nanoTime();
    }

    private static void assertEndedDisarmedSoonAfter(VirtualFlightController vfc, CompletableFuture<Object> flight,
                                                     long touchdownNs) throws Exception {
        Object outcome = flight.get(8, TimeUnit.SECONDS);
        double afterS = (System.nanoTime() - touchdownNs) * 1e-9;
        assertTrue(outcome instanceof String s && s.contains("flight over"), String.valueOf(outcome));
        assertFalse(vfc.isArmed(), "disarmed after touchdown: " + vfc.events());
        List<String> events = vfc.events();
        assertTrue(events.stream().anyMatch(e -> e.contains("disarmed (disarmed)")), "disarmed by fly: " + events);
        // the DisarmAfterTouchdown patience is 5 s; the virtual PX4 accepts at once on the ground
        assertTrue(afterS < 6, "the flight ended " + afterS + " s after touchdown");
    }

    @Test
    void anEmergencyLandingEndsDisarmedOnTheGround(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            FlightSettings settings = settings(dir);
            FlightRun run = new FlightRun("udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    settings, FlyPolicy.load("pid", settings.flight()), dir, new TimedFlightPlan(-1, 0), 2000);
            CompletableFuture<Object> flight = fly(run);
            awaitHeight(vfc, flight, 0.9);
            Thread.sleep(1_000);

            // 1.5 s without state, well past supervisor.state_loss_ms: the supervisor lands (open-loop, then on the
            // PID once the state is back)
            vfc.dropStateStreams(1_500_000_000L);
            long touchdown = awaitTouchdown(vfc, flight);

            assertEndedDisarmedSoonAfter(vfc, flight, touchdown);
            assertTrue(((String) flight.get()).contains("last mode IDLE"), String.valueOf(flight.get()));
            // a landing forced by a fault is what MAV_STATE_CRITICAL is for
            assertTrue(vfc.companionStatuses().contains("MAV_STATE_CRITICAL"), vfc.companionStatuses().toString());
        }
    }

    @Test
    void aGroundLandCommandEndsDisarmedOnTheGround(@TempDir Path dir) throws Exception {
        int vfcPort = freePort();
        int companionPort = freePort();
        try (VirtualFlightController vfc = virtualPx4(vfcPort, companionPort)) {
            FlightSettings settings = settings(dir);
            // the inbox the MQTT ground commands write to (GroundCommands submits a ground 'land' as LAND)
            OperatorInbox inbox = new OperatorInbox();
            FlightRun run = new FlightRun("udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    settings, FlyPolicy.load("pid", settings.flight()), dir, new TimedFlightPlan(-1, 0), 2000,
                    UnaryOperator.identity(), List.of(), inbox);
            CompletableFuture<Object> flight = fly(run);
            awaitHeight(vfc, flight, 0.9);
            Thread.sleep(1_000);

            inbox.submit(OperatorCommand.LAND);
            long touchdown = awaitTouchdown(vfc, flight);

            assertEndedDisarmedSoonAfter(vfc, flight, touchdown);
            // a routine landing is no fault: the companion's heartbeat must not say CRITICAL (it did in every LAND)
            List<String> statuses = vfc.companionStatuses();
            assertTrue(statuses.contains("MAV_STATE_ACTIVE"), statuses.toString());
            assertFalse(statuses.contains("MAV_STATE_CRITICAL") || statuses.contains("MAV_STATE_EMERGENCY"),
                    statuses.toString());
        }
    }
}
