package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.telemetry.EmbeddedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ground commands over the embedded MQTT broker against {@code fly} and the virtual PX4: off unless switched on, and
 * when on, acted on only while fly flies the vehicle and only in a mode where they make sense.
 */
class GroundCommandsInFlightTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private final StringWriter err = new StringWriter();

    private CompletableFuture<Integer> fly(int vfcPort, int companionPort, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("fly", "--link",
                "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort, "--policy", "pid",
                "--config", EXAMPLE.toString(), "--log-dir", dir.toString(), "--warmup-ticks", "2000"));
        args.addAll(List.of(extra));
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(new String[0])));
    }

    static VirtualFlightController virtualPx4(int vfcPort, int companionPort) throws Exception {
        Airframe x500 = Airframes.x500();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        return new VirtualFlightController(vfcConfig, x500, EnvConfig.defaultAttitudeLimits(x500));
    }

    /** A ground station: publishes commands, records the answers. */
    private static final class Ground implements AutoCloseable {
        final List<Map<?, ?>> acks = new CopyOnWriteArrayList<>();
        final List<String> status = new CopyOnWriteArrayList<>();
        final MqttClient client;
        private int next;

        Ground(String uri, String vehicle) throws Exception {
            client = new MqttClient(uri, "ground-" + System.nanoTime(), new MemoryPersistence());
            client.connect();
            client.subscribe("spikepilot/" + vehicle + "/cmd/ack", 1,
                    (t, m) -> acks.add((Map<?, ?>) Json.parse(new String(m.getPayload(), StandardCharsets.UTF_8))));
            client.subscribe("spikepilot/" + vehicle + "/status", 1,
                    (t, m) -> status.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        }

        /** Sends {@code command} with a new id; returns its ack, or null if none came within {@code timeoutMs}. */
        Map<?, ?> send(String vehicle, String command, long timeoutMs) throws Exception {
            return sendWith(vehicle, command, "", timeoutMs);
        }

        /** Sends {@code command} with {@code extra} fields (",\"name\":value..."), as {@link #send}. */
        Map<?, ?> sendWith(String vehicle, String command, String extra, long timeoutMs) throws Exception {
            String id = "g-" + (next++);
            String payload = "{\"id\":\"" + id + "\",\"ts_unix_ms\":" + System.currentTimeMillis()
                    + ",\"command\":\"" + command + "\"" + extra + "}";
            client.publish("spikepilot/" + vehicle + "/cmd", new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (System.nanoTime() < deadline) {
                for (Map<?, ?> ack : acks) {
                    if (id.equals(ack.get("id"))) {
                        return ack;
                    }
                }
                Thread.sleep(20);
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }

    private static void awaitStatusOnline(Ground ground) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ground.status.contains("online") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(ground.status.contains("online"), "the vehicle never announced itself on MQTT");
    }

    private static void awaitAltitude(VirtualFlightController vfc, CompletableFuture<Integer> fly, double m,
                                      String err) throws InterruptedException {
        VehicleState truth = new VehicleState();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        do {
            Thread.sleep(50);
            vfc.readTruth(truth);
        } while (truth.positionNwuM[2] < m && !fly.isDone() && System.nanoTime() < deadline);
        assertTrue(truth.positionNwuM[2] >= m, "never reached " + m + " m: " + vfc.events() + err);
    }

    @Test
    void commandsActOnlyWhileFlyFliesTheVehicleAndOnlyInModesWhereTheyMeanSomething(@TempDir Path dir)
            throws Exception {
        int vfcPort = freeUdpPort();
        int companionPort = freeUdpPort();
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", freeTcpPort());
             VirtualFlightController vfc = virtualPx4(vfcPort, companionPort);
             Ground ground = new Ground(broker.uri(), "gate")) {
            CompletableFuture<Integer> fly = fly(vfcPort, companionPort, dir, "--pilot-arms", "--duration", "6",
                    "--mqtt", broker.uri(), "--vehicle-id", "gate", "--ground-commands");
            awaitStatusOnline(ground);
            // before the pre-flight checks pass and before anyone armed: a take-off must not be queued
            Map<?, ?> early = ground.send("gate", "takeoff", 5_000);
            assertNotNull(early, "no answer to a take-off before the pre-flight checks");
            assertEquals(false, early.get("accepted"));
            assertTrue(String.valueOf(early.get("reason")).contains("pre-flight checks"), early.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (vfc.setpointsReceived() < 300 && !fly.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50); // 3 s of idle setpoints: long past the pre-flight checks
            }
            Map<?, ?> waiting = ground.send("gate", "takeoff", 5_000);
            assertEquals(false, waiting.get("accepted"));
            assertTrue(String.valueOf(waiting.get("reason")).contains("the pilot has not armed"), waiting.toString());
            assertFalse(vfc.isArmed());

            vfc.pilotSelectsMode(Px4Mode.OFFBOARD);
            vfc.pilotArms();
            awaitAltitude(vfc, fly, 0.5, err.toString());
            Map<?, ?> again = ground.send("gate", "takeoff", 5_000);
            assertEquals(false, again.get("accepted"));
            assertTrue(String.valueOf(again.get("reason")).contains("found mode PID (already airborne)"),
                    again.toString());
            Map<?, ?> land = ground.send("gate", "land", 5_000);
            assertEquals(true, land.get("accepted"), land.toString());
            Map<?, ?> landTwice = ground.send("gate", "land", 5_000);
            assertEquals(false, landTwice.get("accepted"));
            assertTrue(String.valueOf(landTwice.get("reason")).contains("already landing"), landTwice.toString());
            assertEquals(0, fly.get(60, TimeUnit.SECONDS), err.toString());
        }
    }

    @Test
    void withoutTheSwitchTheVehicleIsTelemetryOnlyAndNeverAnswers(@TempDir Path dir) throws Exception {
        int vfcPort = freeUdpPort();
        int companionPort = freeUdpPort();
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", freeTcpPort());
             VirtualFlightController vfc = virtualPx4(vfcPort, companionPort);
             Ground ground = new Ground(broker.uri(), "quiet")) {
            CompletableFuture<Integer> fly = fly(vfcPort, companionPort, dir, "--duration", "3",
                    "--mqtt", broker.uri(), "--vehicle-id", "quiet");
            awaitStatusOnline(ground);
            awaitAltitude(vfc, fly, 0.5, err.toString());
            assertEquals(null, ground.send("quiet", "land", 2_000), "the vehicle took a command");
            assertEquals(0, fly.get(60, TimeUnit.SECONDS), err.toString());
            assertTrue(ground.acks.isEmpty(), ground.acks.toString());
        }
    }

    @Test
    void aGotoInsideTheGeofenceMovesTheVehicleAndOneOutsideIsRefused(@TempDir Path dir) throws Exception {
        int vfcPort = freeUdpPort();
        int companionPort = freeUdpPort();
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", freeTcpPort());
             VirtualFlightController vfc = virtualPx4(vfcPort, companionPort);
             Ground ground = new Ground(broker.uri(), "mover")) {
            CompletableFuture<Integer> fly = fly(vfcPort, companionPort, dir, "--duration", "12",
                    "--mqtt", broker.uri(), "--vehicle-id", "mover", "--ground-commands");
            awaitStatusOnline(ground);
            VehicleState truth = new VehicleState();
            awaitAltitude(vfc, fly, 0.9, err.toString());
            vfc.readTruth(truth);
            double north0 = truth.positionNwuM[0];
            Map<?, ?> outside = ground.sendWith("mover", "goto", ",\"target_from_home_nwu_m\":[25,0,1.5],"
                    + "\"yaw_deg\":0", 5_000);
            assertEquals(false, outside.get("accepted"), outside.toString());
            assertTrue(String.valueOf(outside.get("reason")).contains("telemetry.geofence_radius_m"),
                    outside.toString());
            Map<?, ?> tooHigh = ground.sendWith("mover", "goto", ",\"target_from_home_nwu_m\":[0,0,50],"
                    + "\"yaw_deg\":0", 5_000);
            assertEquals(false, tooHigh.get("accepted"), tooHigh.toString());
            Map<?, ?> move = ground.sendWith("mover", "goto", ",\"target_from_home_nwu_m\":[1.5,0,1.0],"
                    + "\"yaw_deg\":0", 5_000);
            assertEquals(true, move.get("accepted"), move.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            do {
                Thread.sleep(50);
                vfc.readTruth(truth);
            } while (truth.positionNwuM[0] - north0 < 1.2 && !fly.isDone() && System.nanoTime() < deadline);
            assertTrue(truth.positionNwuM[0] - north0 >= 1.2, "moved only " + (truth.positionNwuM[0] - north0)
                    + " m north: " + vfc.events());
            assertEquals(0, fly.get(60, TimeUnit.SECONDS), err.toString());
        }
    }

    @Test
    void groundCommandsWithoutABrokerAreABadInvocation(@TempDir Path dir) throws Exception {
        CompletableFuture<Integer> fly = fly(freeUdpPort(), freeUdpPort(), dir, "--ground-commands");
        assertEquals(2, fly.get(30, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("--ground-commands needs --mqtt <broker>"), err.toString());
    }
}
