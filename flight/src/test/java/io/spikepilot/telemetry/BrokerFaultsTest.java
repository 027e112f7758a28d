package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real mosquitto that is not there at start, is killed (SIGKILL) in flight and restarted, hangs (SIGSTOP), or has a
 * subscriber that stops reading, while the flight loop runs at 100 Hz and its tick ring feeds the publisher: samples
 * meanwhile are dropped and counted, the publisher reconnects with its back-off, and the loop's timing in trouble is
 * as in the quiet windows taken in turn with it.
 */
class BrokerFaultsTest {
    /** Quiet and troubled windows taken in turns, compared by their medians. */
    private static final int ROUNDS = 5;
    @TempDir
    Path dir;

    @BeforeAll
    static void needsMosquitto() {
        MosquittoProcess.assumeInstalled();
    }

    /**
     * 50 Hz samples (every other tick; 100 Hz would lose samples to tick jitter) so that a fault meets many of them;
     * back-off 100 ms to 1.6 s.
     */
    private static TelemetryConfig config(int port, String vehicle, int maxInflight) {
        return new TelemetryConfig("tcp://127.0.0.1:" + port, "fleet", vehicle, 50, maxInflight, 100, 1_600, 42);
    }

    @Test
    void aBrokerDownAtStartIsFoundWhenItComesUpAndSamplesMeanwhileAreCounted() throws Exception {
        int port = MqttTestSupport.freePort();
        try (MqttTelemetry telemetry = new MqttTelemetry(config(port, "late", 1000), null);
             LoopRig rig = new LoopRig(telemetry).start()) {
            LoopRig.Mark quiet = rig.mark("broker not up yet");
            Thread.sleep(3_000);
            LoopRig.Phase down = quiet.end();
            assertTrue(telemetry.connectFailures() >= 3, "attempts while down: " + telemetry.connectFailures());
            assertTrue(telemetry.lastConnectError().startsWith("cannot reach MQTT broker tcp://127.0.0.1:" + port),
                    telemetry.lastConnectError());
            long droppedWhileDown = telemetry.dropped();
            // 3 s at 50 Hz, 3 topics, with half the ticks allowed lost to a loaded machine
            assertTrue(droppedWhileDown >= 3 * 50 * 3 / 2, "dropped while down: " + droppedWhileDown);
            assertEquals(0, telemetry.published());
            try (MosquittoProcess broker = MosquittoProcess.plain(port, dir);
                 MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder("tcp://127.0.0.1:" + port,
                         "fleet/late/#")) {
                // the longest step is 1.6 s: found within that after it came up, plus a connect
                assertTrue(await(telemetry::isConnected, 5_000), "not reconnected: " + telemetry.summaryLine());
                LoopRig.Mark up = rig.mark("broker up");
                assertTrue(await(() -> rec.count("telemetry/state") >= 100, 10_000), "states: "
                        + rec.count("telemetry/state"));
                LoopRig.Phase upPhase = up.end();
                assertEquals(1, telemetry.connections());
                assertEquals(0, rig.drainerErrors());
                // "down at start" happens once, so it has no quiet windows in turn with it; the other faults compare
                LoopTimingAssertions.assertKeptTicking(down);
                LoopTimingAssertions.assertKeptTicking(upPhase);
                assertTrue(telemetry.summaryLine().contains(telemetry.dropped() + " dropped"), telemetry.summaryLine());
            }
        }
    }

    @Test
    void aBrokerKilledInFlightAndRestartedCostsSamplesNotTicksAndPublishingResumes() throws Exception {
        int port = MqttTestSupport.freePort();
        MosquittoProcess broker = MosquittoProcess.plain(port, dir);
        try (MqttTelemetry telemetry = new MqttTelemetry(config(port, "killed", 1000), null);
             LoopRig rig = new LoopRig(telemetry).start()) {
            assertTrue(await(telemetry::isConnected, 10_000));
            List<LoopRig.Mark> quiet = new ArrayList<>();
            List<LoopRig.Mark> faulty = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                LoopRig.Mark q = rig.mark("connected");
                Thread.sleep(1_500);
                q.end();
                quiet.add(q);
                long droppedBefore = telemetry.dropped();
                LoopRig.Mark f = rig.mark("killed");
                broker.kill();
                assertTrue(await(() -> !telemetry.isConnected(), 10_000), "the loss was not noticed");
                Thread.sleep(1_000);
                f.end();
                faulty.add(f);
                // starting the broker is the other computer's work, so it stays out of the windows
                broker.start();
                LoopRig.Mark r = rig.mark("reconnecting");
                assertTrue(await(telemetry::isConnected, 5_000), "not reconnected: " + telemetry.summaryLine());
                Thread.sleep(500);
                r.end();
                faulty.add(r);
                // at least a second down at 50 Hz, 3 topics, with half the ticks allowed lost to a loaded machine
                assertTrue(telemetry.dropped() - droppedBefore >= 50 * 3 / 2, "dropped while down: "
                        + (telemetry.dropped() - droppedBefore));
                assertEquals(round, telemetry.connectionsLost());
                assertEquals(round + 1, telemetry.connections());
            }
            try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder("tcp://127.0.0.1:" + port,
                    "fleet/killed/#")) {
                assertTrue(await(() -> rec.count("telemetry/state") >= 100, 10_000), "after the last restart");
            }
            assertEquals(0, rig.drainerErrors());
            LoopTimingAssertions.assertUnchanged(rig, "connected (5 x 1.5 s)", quiet,
                    "broker killed, down, reconnecting (5 times)", faulty);
            System.out.println(telemetry.summaryLine());
        } finally {
            broker.close();
        }
    }

    @Test
    void aHungBrokerIsFoundOutByTheKeepAliveAndTheQueueMeanwhileStaysBounded() throws Exception {
        int port = MqttTestSupport.freePort();
        try (MosquittoProcess broker = MosquittoProcess.plain(port, dir);
             MqttTelemetry telemetry = new MqttTelemetry(config(port, "hung", 50), null);
             LoopRig rig = new LoopRig(telemetry).start()) {
            assertTrue(await(telemetry::isConnected, 10_000));
            List<LoopRig.Mark> quiet = new ArrayList<>();
            List<LoopRig.Mark> hung = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                LoopRig.Mark q = rig.mark("broker answering");
                Thread.sleep(2_000);
                q.end();
                quiet.add(q);
                LoopRig.Mark h = rig.mark("broker hung (SIGSTOP) for 2 s");
                broker.signal("STOP");
                try {
                    Thread.sleep(2_000); // shorter than the keep-alive: the client still thinks it is connected
                } finally {
                    broker.signal("CONT");
                }
                h.end();
                hung.add(h);
            }
            assertEquals(0, telemetry.connectionsLost(), "2 s hangs are within the 5 s keep-alive");
            long droppedBefore = telemetry.dropped();
            broker.signal("STOP");
            try {
                // keep-alive 5 s: Paho gives up on a silent broker within two of them
                assertTrue(await(() -> !telemetry.isConnected(), 20_000), "the hang was not noticed");
                assertTrue(await(() -> telemetry.dropped() > droppedBefore + 10, 2_000),
                        "nothing was dropped while hung");
            } finally {
                broker.signal("CONT");
            }
            assertTrue(await(telemetry::isConnected, 20_000), "not reconnected: " + telemetry.summaryLine());
            assertEquals(0, rig.drainerErrors());
            LoopTimingAssertions.assertUnchanged(rig, "broker answering (5 x 2 s)", quiet,
                    "broker hung (5 x 2 s SIGSTOP)", hung);
        }
    }

    @Test
    void aSubscriberThatStopsReadingCostsTheVehicleNothing() throws Exception {
        int port = MqttTestSupport.freePort();
        try (MosquittoProcess broker = MosquittoProcess.plain(port, dir);
             MqttTelemetry telemetry = new MqttTelemetry(config(port, "stuck", 1000), null);
             LoopRig rig = new LoopRig(telemetry).start();
             MqttTestSupport.Recorder healthy = new MqttTestSupport.Recorder("tcp://127.0.0.1:" + port,
                     "fleet/stuck/telemetry/state")) {
            assertTrue(await(telemetry::isConnected, 10_000));
            List<LoopRig.Mark> quiet = new ArrayList<>();
            List<LoopRig.Mark> stalled = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                LoopRig.Mark q = rig.mark("every subscriber reading");
                Thread.sleep(2_000);
                q.end();
                quiet.add(q);
                long statesBefore = healthy.count("telemetry/state");
                long droppedBefore = telemetry.dropped();
                long publishedBefore = telemetry.published();
                try (Socket stuck = stuckSubscriber(port, "fleet/#")) {
                    LoopRig.Mark s = rig.mark("one subscriber stopped reading");
                    Thread.sleep(3_000);
                    s.end();
                    stalled.add(s);
                    assertEquals(droppedBefore, telemetry.dropped(), "the vehicle dropped samples for a stuck reader");
                    long sent = (telemetry.published() - publishedBefore) / 3;
                    assertTrue(sent >= 3 * 50 / 2, "the vehicle published only " + sent + " states in 3 s");
                    // all of them, less the few still on their way
                    assertTrue(await(() -> healthy.count("telemetry/state") - statesBefore >= sent - 5, 5_000),
                            "the healthy subscriber got " + (healthy.count("telemetry/state") - statesBefore) + " of "
                                    + sent + " states");
                }
            }
            assertEquals(1, telemetry.connections());
            assertEquals(0, rig.ringRowsLost());
            LoopTimingAssertions.assertUnchanged(rig, "every subscriber reading (5 x 2 s)", quiet,
                    "one subscriber stopped reading (5 x 3 s)", stalled);
        }
    }

    /** A raw MQTT 3.1.1 client with a 4 KiB receive buffer that subscribes to {@code filter} and never reads. */
    private static Socket stuckSubscriber(int port, String filter) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = s.getOutputStream();
        byte[] clientId = "stuck-reader".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        connect.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0}); // clean session, no keep-alive
        connect.writeBytes(new byte[] {0, (byte) clientId.length});
        connect.writeBytes(clientId);
        packet(out, 0x10, connect.toByteArray());
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
        subscribe.writeBytes(new byte[] {0, 1, 0, (byte) topic.length});
        subscribe.writeBytes(topic);
        subscribe.write(0);
        packet(out, 0x82, subscribe.toByteArray());
        out.flush();
        return s;
    }

    private static void packet(OutputStream out, int type, byte[] body) throws IOException {
        out.write(type);
        out.write(body.length); // all bodies here are under 128 bytes
        out.write(body);
    }
}
