package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.transport.SocatPtyPair;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spikepilot doctor} against real links: a socat pty pair wired to the virtual PX4 over its serial transport,
 * and the same pair carrying what a broken setup carries (garbage as at a wrong baud rate, heartbeats without state
 * streams), a missing device and a path that is not a device. The permission case runs the doctor as an
 * unprivileged user ({@link DoctorPermissionTest}), since these tests run as root.
 */
class DoctorCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    @TempDir
    Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int doctor(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** Doctor with the example config, a short timing run and {@code link}. */
    private int doctorOn(String link, String... more) {
        String[] base = {"doctor", "--link", link, "--config", EXAMPLE.toString(), "--log-dir",
                tmp.resolve("flights").toString(), "--seconds", "0.5", "--warmup-ticks", "2000", "--timeout-ms",
                "2000"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return doctor(args);
    }

    /** The verdict of the row named {@code name}, and its finding. */
    private String row(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " +(PASS|WARN|FAIL|SKIP)  (.*)$")
                .matcher(out.toString());
        assertTrue(m.find(), "no row '" + name + "' in:\n" + out + err);
        return m.group(1) + " " + m.group(2);
    }

    /** The exit status the table's worst row calls for. */
    private int expectedStatus() {
        return out.toString().matches("(?s).*\\n\\S[^\\n]*  FAIL  .*") ? 3 : 0;
    }

    private static VirtualFlightController virtualPx4OnSerial(Path device) throws Exception {
        Airframe x500 = Airframes.x500();
        VfcConfig config = VfcConfig.px4Defaults().withLink("serial://" + device + "?baud=921600");
        return new VirtualFlightController(config, x500, EnvConfig.defaultAttitudeLimits(x500));
    }

    /** What a peer writes on each turn of its loop. */
    private interface LineWriter {
        void write(OutputStream line) throws Exception;
    }

    /** A thread writing {@code turn} on {@code device} every {@code everyMs} until {@code stop}. */
    private static Thread peer(Path device, String name, AtomicBoolean stop, long everyMs, LineWriter turn) {
        Thread t = new Thread(() -> {
            try (OutputStream line = Files.newOutputStream(device)) {
                while (!stop.get()) {
                    turn.write(line);
                    line.flush();
                    Thread.sleep(everyMs);
                }
            } catch (Exception e) {
                // the pty went away with the test
            }
        }, name);
        t.start();
        return t;
    }

    @Test
    void aPtyWiredToTheVirtualPx4PassesTheLinkTheAutopilotAndItsStreams() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(tmp.resolve("ttyFC"), tmp.resolve("ttyCC"));
             VirtualFlightController vfc = virtualPx4OnSerial(pty.a)) {
            int status = doctorOn("serial://" + pty.b + "?baud=921600");
            assertTrue(row("serial device").startsWith("PASS " + pty.b + " -> /dev/pts/"), row("serial device"));
            assertTrue(row("mavlink on the link").matches("PASS \\d+ bytes, \\d+ MAVLink frames, 0 bad bytes, 0 CRC "
                    + "failures in [\\d.]+ s on .*ttyCC at 921600 baud"), row("mavlink on the link"));
            assertEquals("PASS PX4, system 1, component 1", row("autopilot"));
            // the virtual PX4 streams what was asked (100 Hz); a loaded machine may deliver less, never < 50 Hz
            String streams = row("state streams");
            Matcher rates = Pattern.compile("LOCAL_POSITION_NED ([\\d.]+) Hz, ATTITUDE_QUATERNION ([\\d.]+) Hz")
                    .matcher(streams);
            assertTrue(rates.find(), streams);
            assertTrue(Double.parseDouble(rates.group(1)) > 50 && Double.parseDouble(rates.group(2)) > 50, streams);
            assertTrue(!streams.startsWith("FAIL") && !streams.contains("no acceptance"), streams);
            assertTrue(row("flight config").startsWith("PASS"), row("flight config"));
            assertTrue(row("policy fits config").startsWith("PASS bundled"), row("policy fits config"));
            assertTrue(row("tick timing").matches("(PASS|WARN|FAIL) \\d+ ticks at 100 Hz \\(park-spin\\): .*"),
                    row("tick timing"));
            assertEquals(expectedStatus(), status, out.toString());
        }
    }

    @Test
    void aUdpLinkToTheVirtualPx4HasNoSerialDeviceToCheck() throws Exception {
        int vfcPort;
        int companionPort;
        try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            vfcPort = a.getLocalPort();
            companionPort = b.getLocalPort();
        }
        Airframe x500 = Airframes.x500();
        VfcConfig config = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(config, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            doctorOn("udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort);
            assertTrue(row("mavlink on the link").matches("PASS \\d+ bytes, \\d+ MAVLink frames, 0 bad bytes, 0 CRC "
                    + "failures in [\\d.]+ s on udp://127\\.0\\.0\\.1:.*"), row("mavlink on the link"));
            assertEquals("PASS PX4, system 1, component 1", row("autopilot"));
            assertTrue(!out.toString().contains("serial device"), out.toString());
        }
    }

    @Test
    void garbageOnTheLineIsTheWrongBaudRate() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (SocatPtyPair pty = SocatPtyPair.start(tmp.resolve("ttyFC"), tmp.resolve("ttyCC"))) {
            // what a UART shows at the wrong baud rate: a steady stream of bytes that never frame
            Random random = new Random(13);
            byte[] chunk = new byte[256];
            Thread noise = peer(pty.a, "garbage", stop, 10, line -> {
                random.nextBytes(chunk);
                line.write(chunk);
            });
            int status = doctorOn("serial://" + pty.b + "?baud=57600");
            stop.set(true);
            noise.join(2_000);
            String link = row("mavlink on the link");
            // random bytes make a valid MAVLink 1 frame now and then (its checksum is 16 bits): a handful, not a link
            Matcher counts = Pattern.compile("FAIL bytes arrive but (9\\d\\.\\d|100\\.0)% of them do not parse as "
                    + "MAVLink: (\\d+) bytes, (\\d+) MAVLink frames, \\d+ bad bytes.* at 57600 baud").matcher(link);
            assertTrue(counts.matches(), link);
            // a real link carries a frame every 50 bytes or so
            assertTrue(Long.parseLong(counts.group(3)) < Long.parseLong(counts.group(2)) / 1000, link);
            assertTrue(out.toString().contains("fix: the baud rate is likely wrong: make baud=57600 in the URL match "
                    + "the autopilot's"), out.toString());
            assertTrue(row("autopilot").startsWith("FAIL no autopilot HEARTBEAT within 2000 ms"), row("autopilot"));
            assertEquals("SKIP not requested: no autopilot", row("state streams"));
            assertEquals(3, status);
        }
    }

    @Test
    void anAutopilotThatSendsOnlyHeartbeatsFailsTheStreams() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (SocatPtyPair pty = SocatPtyPair.start(tmp.resolve("ttyFC"), tmp.resolve("ttyCC"))) {
            // a PX4 whose onboard link streams nothing and answers no SET_MESSAGE_INTERVAL
            FrameEncoder encoder = new FrameEncoder(1, 1);
            Thread heartbeats = peer(pty.a, "heartbeats-only", stop, 200, line -> {
                HeartbeatMessage.write(encoder.payload(), HeartbeatMessage.MAV_TYPE_QUADROTOR,
                        HeartbeatMessage.MAV_AUTOPILOT_PX4, 0, 0, HeartbeatMessage.MAV_STATE_STANDBY, 3);
                int length = encoder.encodeV2(HeartbeatMessage.ID, HeartbeatMessage.CRC_EXTRA,
                        HeartbeatMessage.LENGTH);
                line.write(encoder.frame(), 0, length);
            });
            int status = doctorOn("serial://" + pty.b + "?baud=921600");
            stop.set(true);
            heartbeats.join(2_000);
            assertTrue(row("mavlink on the link").startsWith("PASS"), row("mavlink on the link"));
            assertEquals("PASS PX4, system 1, component 1", row("autopilot"));
            assertEquals("FAIL LOCAL_POSITION_NED 0.0 Hz, ATTITUDE_QUATERNION 0.0 Hz after asking for 100 Hz "
                    + "(link.stream_rate_hz; fly arms from 50 Hz, link.min_stream_hz); no acceptance of the request "
                    + "for LOCAL_POSITION_NED and ATTITUDE_QUATERNION", row("state streams"));
            assertTrue(out.toString().contains("fix: let PX4 stream them"), out.toString());
            assertEquals(3, status);
        }
    }

    @Test
    void aMissingDeviceIsNamedAndNothingIsOpened() {
        int status = doctorOn("serial://" + tmp.resolve("ttyGone") + "?baud=921600");
        assertEquals("FAIL " + tmp.resolve("ttyGone") + " does not exist", row("serial device"));
        assertTrue(out.toString().contains("fix: check the device path: a Raspberry Pi's GPIO UART"), out.toString());
        assertEquals("SKIP not opened: the serial device check failed", row("mavlink on the link"));
        assertEquals(3, status);
    }

    @Test
    void aPlainFileIsNotADevice() throws Exception {
        Path file = Files.writeString(tmp.resolve("ttyTypo"), "not a tty");
        int status = doctorOn("serial://" + file);
        assertTrue(row("serial device").startsWith("FAIL " + file + " is not a character device (owner "),
                row("serial device"));
        assertEquals(3, status);
    }

    @Test
    void aPolicyForAnotherRateFailsWithFlysOwnReason() throws Exception {
        Path config = Files.writeString(tmp.resolve("flight.yaml"),
                Files.readString(EXAMPLE).replace("rate_hz: 100", "rate_hz: 250"));
        int status = doctor("doctor", "--config", config.toString(), "--log-dir", tmp.toString(), "--seconds", "0.2",
                "--warmup-ticks", "0");
        assertTrue(row("policy fits config").matches("FAIL policy bundled .* does not fit this flight: .*rate.*"),
                row("policy fits config"));
        assertEquals("SKIP not measured: no policy that fits the config", row("tick timing"));
        assertTrue(row("autopilot link").startsWith("SKIP not checked: no --link given"), row("autopilot link"));
        assertEquals(3, status);
    }

    @Test
    void aBrokenConfigNamesTheFieldAndSkipsWhatNeedsIt() throws Exception {
        Path config = Files.writeString(tmp.resolve("flight.yaml"),
                Files.readString(EXAMPLE).replace("min_stream_hz: 50", "min_stream_hz: fast"));
        int status = doctor("doctor", "--config", config.toString(), "--log-dir", tmp.toString());
        assertTrue(row("flight config").startsWith("FAIL flight config '" + config + "'")
                && row("flight config").contains("link.min_stream_hz"), row("flight config"));
        assertEquals("SKIP not checked: the flight config cannot be used", row("policy fits config"));
        assertEquals(3, status);
    }

    @Test
    void anUnreadableConfigPathIsBadInput() {
        assertEquals(2, doctor("doctor", "--config", tmp.resolve("none.yaml").toString()));
        assertTrue(err.toString().contains("--config"), err.toString());
        assertEquals("", out.toString());
    }
}
