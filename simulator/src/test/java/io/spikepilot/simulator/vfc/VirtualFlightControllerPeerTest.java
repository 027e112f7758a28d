package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.peer.Json;
import io.spikepilot.bridge.peer.NodePeer;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The virtual flight controller read by someone else's MAVLink: node-mavlink's ground station (src/test-peer, not our
 * codec) decodes its heartbeat, its parameters, its acknowledgements and its STATUSTEXT refusals over UDP. Skipped,
 * saying why, without node or the peer's node_modules.
 */
class VirtualFlightControllerPeerTest {
    private static final long WAIT_MS = 10_000;

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static VirtualFlightController start(VfcConfig defaults, int vfcPort, int peerPort) throws Exception {
        Airframe x500 = Airframes.x500();
        return new VirtualFlightController(defaults.withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:"
                + peerPort), x500, EnvConfig.defaultAttitudeLimits(x500));
    }

    /** The first line the peer recorded that matches, waiting up to {@link #WAIT_MS}; fails with what it got. */
    private static String await(NodePeer peer, String type, Predicate<String> matches) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        List<String> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            lines = Json.ofType(peer.receivedLines(), type);
            for (String line : lines) {
                if (matches.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the peer never decoded a matching " + type + "; it decoded: " + lines);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VfcAutopilot.class)
    void itsHeartbeatNamesTheStackAndTheBootMode(VfcAutopilot autopilot, @TempDir Path dir) throws Exception {
        NodePeer.assumeAvailable();
        int vfcPort = freePort();
        try (NodePeer peer = NodePeer.groundStation(vfcPort, dir.resolve("received.jsonl"));
             VirtualFlightController vfc = start(VfcConfig.defaults(autopilot), vfcPort, peer.port)) {
            String hb = await(peer, "HEARTBEAT", line -> true);
            assertEquals(2, Json.number(hb, "mavType"), hb); // MAV_TYPE_QUADROTOR
            if (autopilot == VfcAutopilot.PX4) {
                assertEquals(12, Json.number(hb, "autopilot"), hb); // MAV_AUTOPILOT_PX4
                assertEquals(3 << 16, Json.number(hb, "customMode"), hb); // POSCTL in the main-mode byte
            } else {
                assertEquals(3, Json.number(hb, "autopilot"), hb); // MAV_AUTOPILOT_ARDUPILOTMEGA
                assertEquals(0, Json.number(hb, "customMode"), hb); // STABILIZE
            }
            assertEquals(0, (int) Json.number(hb, "baseMode") & 128, "disarmed: " + hb);
        }
    }

    @Test
    void anArduCopterAnswersParametersModesAndRefusesToArmInLandWithAStatustext(@TempDir Path dir)
            throws Exception {
        NodePeer.assumeAvailable();
        int vfcPort = freePort();
        try (NodePeer peer = NodePeer.groundStation(vfcPort, dir.resolve("received.jsonl"));
             VirtualFlightController vfc = start(VfcConfig.arduCopterDefaults(), vfcPort, peer.port)) {
            await(peer, "HEARTBEAT", line -> true);
            peer.request("{\"paramRead\":\"GUID_OPTIONS\"}");
            String options = await(peer, "PARAM_VALUE", line -> "GUID_OPTIONS".equals(Json.string(line, "paramId")));
            assertEquals(8, Json.number(options, "paramValue"), options);
            assertEquals(6, Json.number(options, "paramType"), options); // MAV_PARAM_TYPE_INT32
            peer.request("{\"paramList\":true}");
            await(peer, "PARAM_VALUE", line -> "GUID_TIMEOUT".equals(Json.string(line, "paramId"))
                    && Json.number(line, "paramValue") == 3.0);

            peer.request("{\"setMode\":20}");
            String ack = await(peer, "COMMAND_ACK", line -> Json.number(line, "command") == 176);
            assertEquals(0, Json.number(ack, "result"), ack);
            await(peer, "HEARTBEAT", line -> Json.number(line, "customMode") == 20);

            peer.request("{\"setMode\":9}");
            await(peer, "HEARTBEAT", line -> Json.number(line, "customMode") == 9);
            peer.request("{\"arm\":1}");
            String text = await(peer, "STATUSTEXT", line -> true);
            assertEquals("PreArm: Mode not armable", Json.string(text, "text"), text);
            assertEquals(2, Json.number(text, "severity"), text); // MAV_SEVERITY_CRITICAL
            String refused = await(peer, "COMMAND_ACK", line -> Json.number(line, "command") == 400);
            assertEquals(4, Json.number(refused, "result"), refused); // MAV_RESULT_FAILED
            assertTrue(!vfc.isArmed(), vfc.events().toString());
        }
    }
}
