package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dronefleet.mavlink.MavlinkConnection;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.minimal.MavAutopilot;
import io.dronefleet.mavlink.minimal.MavState;
import io.dronefleet.mavlink.minimal.MavType;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.tlog.TlogFormat;
import io.spikepilot.bridge.tlog.TlogWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MavlinkCommandTest {
    /** 2026-11-28T00:00:00Z in µs. */
    private static final long T0_US = 1_795_824_000_000_000L;

    @TempDir
    Path dir;

    private static byte[] dronefleet(Object payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MavlinkConnection.create(new ByteArrayInputStream(new byte[0]), out).send2(1, 1, payload);
        return out.toByteArray();
    }

    private static Heartbeat px4Heartbeat() {
        return Heartbeat.builder().type(MavType.MAV_TYPE_QUADROTOR).autopilot(MavAutopilot.MAV_AUTOPILOT_PX4)
                .baseMode(EnumValue.create(1)).customMode(3 << 16).systemStatus(MavState.MAV_STATE_STANDBY)
                .mavlinkVersion(3).build();
    }

    @Test
    void tlogSummaryCountsRecordsPerMessage() throws Exception {
        Path file = dir.resolve("flight.tlog");
        byte[] heartbeat = dronefleet(px4Heartbeat());
        byte[] position = dronefleet(LocalPositionNed.builder().x(1).build());
        try (TlogWriter writer = new TlogWriter(file, 1 << 16)) {
            writer.offer(TlogFormat.encodeTimestamp(T0_US, 0), heartbeat, 0, heartbeat.length);
            for (int i = 1; i <= 3; i++) {
                writer.offer(TlogFormat.encodeTimestamp(T0_US + i * 500_000L, 1), position, 0, position.length);
            }
        }
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("mavlink", "tlog", file.toString()));
        String text = out.toString();
        assertTrue(text.contains("4 records"), text);
        assertTrue(text.contains("(1.500 s)"), text);
        assertTrue(text.matches("(?s).*\\n\\s+0  Heartbeat\\s+1\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s+32  LocalPositionNed\\s+3\\n.*"), text);
        assertTrue(text.contains("link ids seen: 11"), text);
    }

    @Test
    void tlogOfAFileThatIsNotOneFailsWithStatus2() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not MAVLink frames at all");
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("mavlink", "tlog", file.toString()));
        assertTrue(err.toString().contains("not a MAVLink .tlog"), err.toString());
    }

    @Test
    void probeFindsAnAutopilotSpeakingUdp() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        byte[] heartbeat = dronefleet(px4Heartbeat());
        int target = port;
        Thread autopilot = new Thread(() -> {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < 100 && !Thread.currentThread().isInterrupted(); i++) {
                    socket.send(new DatagramPacket(heartbeat, heartbeat.length, InetAddress.getLoopbackAddress(),
                            target));
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                // the test fails on its own assertions if the heartbeats stop
            }
        });
        autopilot.start();
        try {
            CommandLine cli = SpikepilotCli.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(new StringWriter()));
            assertEquals(0, cli.execute("mavlink", "probe", "udp://127.0.0.1:" + port, "--seconds", "2"));
            String text = out.toString();
            assertTrue(text.contains("autopilot: PX4, system 1, component 1, custom mode 196608, disarmed"), text);
            assertTrue(text.matches("(?s).*\\n\\s+0  Heartbeat\\s+\\d+\\.\\d\\n.*"), text);
        } finally {
            autopilot.interrupt();
            autopilot.join();
        }
    }

    @Test
    void probeOfABadUrlFailsWithStatus2() {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("mavlink", "probe", "ws://nowhere:1"));
        assertTrue(err.toString().contains("unknown scheme 'ws'"), err.toString());
    }
}
