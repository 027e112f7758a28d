package io.spikepilot.bridge.peer;

import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.session.Autopilot;
import io.spikepilot.bridge.session.CommandResult;
import io.spikepilot.bridge.session.LoopHealth;
import io.spikepilot.bridge.session.MavlinkLink;
import io.spikepilot.bridge.session.SessionConfig;
import io.spikepilot.bridge.session.SessionException;
import io.spikepilot.bridge.session.SetpointSender;
import io.spikepilot.bridge.session.VehicleSession;
import io.spikepilot.bridge.state.AssembledState;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogWriter;
import io.spikepilot.bridge.transport.Eventually;
import io.spikepilot.bridge.transport.UdpTransport;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge against node-mavlink playing PX4 and ArduPilot over UDP on the loopback. */
class PeerIntegrationTest {
    private static final double S45 = Math.sqrt(0.5);

    @TempDir
    Path dir;

    private UdpTransport transport;
    private MavlinkLink link;
    private VehicleSession session;
    private NodePeer peer;
    private TlogWriter tlog;
    private SetpointStreamer streamer;

    @BeforeAll
    static void needsNode() {
        NodePeer.assumeAvailable();
    }

    private void connect(String kind, String... peerOptions) throws Exception {
        connect(null, kind, peerOptions);
    }

    private void connect(io.spikepilot.bridge.signing.SigningKey key, String kind, String... peerOptions)
            throws Exception {
        transport = new UdpTransport(new InetSocketAddress("127.0.0.1", 0), null, System::nanoTime);
        tlog = new TlogWriter(dir.resolve("flight.tlog"), 1 << 20);
        link = new MavlinkLink(transport, new StateAssembler(1, 1), tlog, System.currentTimeMillis() * 1000,
                System.nanoTime());
        link.start();
        SessionConfig config = new SessionConfig();
        config.ackTimeoutMs = 700;
        config.signingKey = key;
        session = new VehicleSession(link, config, System::nanoTime);
        session.start();
        peer = NodePeer.autopilot(kind, transport.localPort(), dir.resolve("received.jsonl"), peerOptions);
        session.awaitAutopilot(15_000);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (streamer != null) {
            streamer.close();
        }
        if (session != null) {
            session.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (link != null) {
            link.close();
        }
        if (tlog != null) {
            tlog.close();
        }
    }

    private SetpointSender startStreaming(AttitudeSetpoint setpoint) {
        SetpointSender sender = new SetpointSender(link, session.newEncoderForThread(), System.nanoTime());
        sender.setTarget(session.autopilotSystemId(), session.autopilotComponentId());
        sender.setAllOrNoRates(session.autopilot() == Autopilot.ARDUPILOT);
        streamer = new SetpointStreamer(sender, setpoint, 20);
        Eventually.waitFor("setpoints to stream", () -> sender.isStreaming(System.nanoTime(), 2.0));
        return sender;
    }

    @Test
    void detectsPx4AndAssemblesItsStateInNwuFlu() throws Exception {
        connect("px4");
        assertEquals(Autopilot.PX4, session.autopilot());
        AssembledState state = new AssembledState();
        Eventually.waitFor("position and attitude", () -> link.assembler().read(state)
                && state.positionVelocityUpdatedNs != AssembledState.NEVER
                && state.attitudeUpdatedNs != AssembledState.NEVER);
        assertArrayEquals(new double[]{1.5, 2.0, 3.0}, state.state.positionNwuM, 1e-6);
        assertArrayEquals(new double[]{0.25, -0.5, 0.125}, state.state.velocityNwuMps, 1e-6);
        assertArrayEquals(new double[]{S45, 0, 0, -S45}, state.state.attitudeNwuFlu, 1e-6);
        assertArrayEquals(new double[]{0.0625, 0.125, -0.25}, state.state.bodyRateFluRadps, 1e-6);
    }

    @Test
    void messageIntervalRequestIsAcknowledgedAndTheMeasuredRateFollows() throws Exception {
        connect("px4", "--rate", "50");
        session.requestMessageInterval(LocalPositionNedMessage.ID, 10.0);
        long windows = link.health().rateWindows();
        Eventually.waitFor("two full rate windows", () -> link.health().rateWindows() >= windows + 2);
        // 10 Hz requested, 50 Hz default left alone on the other stream; timers on a shared machine jitter.
        assertEquals(10.0, session.measuredRateHz(LocalPositionNedMessage.ID), 3.0);
        assertEquals(50.0, session.measuredRateHz(AttitudeQuaternionMessage.ID), 15.0);
        String command = Json.ofType(peer.receivedLines(), "COMMAND_LONG").get(0);
        assertEquals(511, Json.number(command, "command"));
        assertArrayEquals(new double[]{32, 100_000, 0, 0, 0, 0, 0}, Json.numbers(command, "params"), 1e-3);
    }

    @Test
    void px4OffboardIsRefusedBeforeSetpointsStream() throws Exception {
        connect("px4");
        SetpointSender idle = new SetpointSender(link, session.newEncoderForThread(), System.nanoTime());
        SessionException e = assertThrows(SessionException.class, () -> session.enterPx4Offboard(idle));
        assertTrue(e.getMessage().startsWith("refusing to request OFFBOARD: setpoints are not streaming"),
                e.getMessage());
        assertEquals(0, Json.ofType(peer.receivedLines(), "COMMAND_LONG").size());
    }

    @Test
    void px4OffboardThenArmWithSetpointsInNedFrd() throws Exception {
        connect("px4");
        AttitudeSetpoint setpoint = new AttitudeSetpoint();
        setpoint.thrustNormalized = 0.625;
        Quaternions.fromEulerZyx(0.1, -0.2, 0.5, setpoint.attitudeNwuFlu); // roll 0.1, pitch -0.2, yaw 0.5 in NWU/FLU
        SetpointSender sender = startStreaming(setpoint);
        session.enterPx4Offboard(sender);
        assertEquals(VehicleSession.PX4_MAIN_MODE_OFFBOARD, session.px4MainMode());
        session.arm(false);
        assertTrue(session.isArmed());

        List<String> lines = peer.receivedLines();
        List<String> commands = Json.ofType(lines, "COMMAND_LONG");
        assertEquals(176, Json.number(commands.get(0), "command"));
        assertArrayEquals(new double[]{1, 6, 0, 0, 0, 0, 0}, Json.numbers(commands.get(0), "params"), 0);
        assertEquals(400, Json.number(commands.get(1), "command"));
        assertArrayEquals(new double[]{1, 0, 0, 0, 0, 0, 0}, Json.numbers(commands.get(1), "params"), 0);

        List<String> setpoints = Json.ofType(lines, "SET_ATTITUDE_TARGET");
        String last = setpoints.get(setpoints.size() - 1);
        double[] qNedFrd = new double[4];
        Quaternions.fromEulerZyx(0.1, 0.2, -0.5, qNedFrd); // the same attitude in NED/FRD: pitch and yaw flip
        assertArrayEquals(qNedFrd, Json.numbers(last, "q"), 1e-6);
        assertEquals(0.625, Json.number(last, "thrust"), 1e-7);
        assertEquals(7, Json.number(last, "typeMask"));
        assertEquals(1, Json.number(last, "targetSystem"));
        assertEquals(191, Json.number(last, "compid"));
    }

    @Test
    void setpointsArriveAtTheStreamedRate() throws Exception {
        connect("px4");
        AttitudeSetpoint setpoint = new AttitudeSetpoint();
        setpoint.setLevel(0.5);
        startStreaming(setpoint);
        Thread.sleep(2_000);
        List<String> setpoints = Json.ofType(peer.receivedLines(), "SET_ATTITUDE_TARGET");
        double firstMs = Json.number(setpoints.get(0), "tMs");
        double lastMs = Json.number(setpoints.get(setpoints.size() - 1), "tMs");
        double rateHz = (setpoints.size() - 1) / ((lastMs - firstMs) / 1000.0);
        assertEquals(50.0, rateHz, 15.0, "setpoints every 20 ms: " + setpoints.size() + " in " + (lastMs - firstMs)
                + " ms");
    }

    @Test
    void anUnansweredCommandIsRetransmittedWithTheConfirmationCounter() throws Exception {
        connect("px4", "--ignore-first-command");
        CommandResult result = session.command(VehicleSession.MAV_CMD_COMPONENT_ARM_DISARM, 1, 0, 0, 0, 0, 0, 0);
        assertTrue(result.accepted(), result.toString());
        assertEquals(2, result.attempts);
        List<String> commands = Json.ofType(peer.receivedLines(), "COMMAND_LONG");
        assertEquals(0, Json.number(commands.get(0), "confirmation"));
        assertEquals(1, Json.number(commands.get(1), "confirmation"));
    }

    @Test
    void arduPilotGuidedNoGpsIsRefusedWhileThrustMeansClimbRate() throws Exception {
        connect("ardupilot", "--guid-options", "0");
        assertEquals(Autopilot.ARDUPILOT, session.autopilot());
        SessionException e = assertThrows(SessionException.class, () -> session.enterArduPilotGuidedNoGps(false));
        assertTrue(e.getMessage().startsWith("ArduPilot GUID_OPTIONS is 0: bit 3 (value 8) is clear"),
                e.getMessage());
        assertEquals(0, Json.ofType(peer.receivedLines(), "COMMAND_LONG").size());
    }

    @Test
    void arduPilotGuidedNoGpsAfterConfiguringGuidOptionsThenArm() throws Exception {
        connect("ardupilot", "--guid-options", "1");
        session.enterArduPilotGuidedNoGps(true);
        assertEquals(VehicleSession.COPTER_MODE_GUIDED_NOGPS, session.autopilotCustomMode());
        session.arm(false);
        AttitudeSetpoint setpoint = new AttitudeSetpoint();
        setpoint.setLevel(0.55);
        setpoint.useRollRate = true; // a partial rate set: ArduPilot would reject it, so none is sent
        setpoint.bodyRateFluRadps[0] = 0.3;
        startStreaming(setpoint);
        Eventually.waitFor("a setpoint at the peer",
                () -> !Json.ofType(peerLines(), "SET_ATTITUDE_TARGET").isEmpty());
        List<String> lines = peer.receivedLines();
        String paramSet = Json.ofType(lines, "PARAM_SET").get(0);
        assertEquals("GUID_OPTIONS", Json.string(paramSet, "paramId"));
        assertEquals(9, Json.number(paramSet, "paramValue"));
        List<String> commands = Json.ofType(lines, "COMMAND_LONG");
        assertArrayEquals(new double[]{1, 20, 0, 0, 0, 0, 0}, Json.numbers(commands.get(0), "params"), 0);
        assertEquals(400, Json.number(commands.get(1), "command"));
        String setpointLine = Json.ofType(lines, "SET_ATTITUDE_TARGET").get(0);
        assertEquals(7, Json.number(setpointLine, "typeMask"));
        assertEquals(0.0, Json.number(setpointLine, "bodyRollRate"));
    }

    private List<String> peerLines() {
        try {
            return peer.receivedLines();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void companionHeartbeatAnnouncesAnOnboardControllerWithTheLoopHealth() throws Exception {
        connect("px4");
        session.reportLoopHealth(LoopHealth.ACTIVE, System.nanoTime());
        session.sendHeartbeat(System.nanoTime());
        Eventually.waitFor("our heartbeat at the peer", () -> Json.ofType(peerLines(), "HEARTBEAT").stream()
                .anyMatch(l -> Json.number(l, "systemStatus") == 4));
        String heartbeat = Json.ofType(peer.receivedLines(), "HEARTBEAT").get(0);
        assertEquals(18, Json.number(heartbeat, "mavType"));
        assertEquals(8, Json.number(heartbeat, "autopilot"));
        assertEquals(191, Json.number(heartbeat, "compid"));
        assertEquals(1, Json.number(heartbeat, "sysid"));
    }

    @Test
    void signedFramesVerifyWithNodeMavlinkAndCarryIncreasingTimestamps() throws Exception {
        connect(io.spikepilot.bridge.signing.SigningKey.fromPassphrase("spikepilot peer test"), "px4",
                "--passphrase", "spikepilot peer test");
        AttitudeSetpoint setpoint = new AttitudeSetpoint();
        setpoint.setLevel(0.5);
        startStreaming(setpoint);
        session.sendHeartbeat(System.nanoTime());
        Eventually.waitFor("signed heartbeats and setpoints at the peer",
                () -> Json.ofType(peerLines(), "HEARTBEAT").size() >= 1
                        && Json.ofType(peerLines(), "SET_ATTITUDE_TARGET").size() >= 20);
        List<String> lines = peer.receivedLines();
        for (String line : lines) {
            assertTrue(line.contains("\"signed\":true") && line.contains("\"signatureValid\":true"), line);
        }
        List<String> setpoints = Json.ofType(lines, "SET_ATTITUDE_TARGET");
        double previous = -1;
        for (String line : setpoints) {
            double timestamp = Json.number(line, "signatureTimestamp");
            assertTrue(timestamp > previous, line);
            previous = timestamp;
        }
        // 10 µs units since 2015-01-01: about now.
        double expected = (System.currentTimeMillis() / 1000.0 - 1_420_070_400L) * 1e5;
        assertEquals(expected, previous, 60 * 1e5);
        assertEquals(1, Json.number(setpoints.get(0), "signatureLinkId"));
        assertEquals(0, Json.number(Json.ofType(lines, "HEARTBEAT").get(0), "signatureLinkId"));
    }

    @Test
    void unsignedStateIsIgnoredWhenSignaturesAreRequired() throws Exception {
        transport = new UdpTransport(new InetSocketAddress("127.0.0.1", 0), null, System::nanoTime);
        link = new MavlinkLink(transport, new StateAssembler(1, 1), null, System.currentTimeMillis() * 1000,
                System.nanoTime());
        link.requireSignatures(io.spikepilot.bridge.signing.SigningKey.fromPassphrase("k"), false);
        link.start();
        peer = NodePeer.autopilot("px4", transport.localPort(), dir.resolve("received.jsonl"));
        Eventually.waitFor("unsigned frames to be refused", () -> link.signatureVerifier().unsignedRejected() > 20);
        AssembledState state = new AssembledState();
        assertTrue(link.assembler().read(state));
        assertEquals(AssembledState.NEVER, state.positionVelocityUpdatedNs);
        assertEquals(0, link.signatureVerifier().acceptedSigned());
    }

    @Test
    void ourTlogDecodesWithNodeMavlinksTlogReader() throws Exception {
        connect("px4");
        AttitudeSetpoint setpoint = new AttitudeSetpoint();
        setpoint.setLevel(0.375);
        startStreaming(setpoint);
        Thread.sleep(500);
        streamer.close();
        streamer = null;
        session.close();
        session = null;
        peer.close();
        peer = null;
        link.close();
        link = null;
        tlog.close();
        long written = tlog.writtenFrames();
        tlog = null;
        List<String> decoded = NodePeer.decodeTlog(dir.resolve("flight.tlog"));
        String summary = decoded.get(decoded.size() - 1);
        assertEquals(written, (long) Json.number(summary, "packets"), summary);
        assertEquals(0, Json.number(summary, "invalid"), summary);
        assertTrue(decoded.stream().anyMatch(l -> l.contains("\"msgid\":82") && l.contains("\"thrust\":0.375")));
        assertTrue(decoded.stream().anyMatch(l -> l.contains("\"msgid\":32")));
    }
}
