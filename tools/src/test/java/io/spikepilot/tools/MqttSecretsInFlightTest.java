package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fly} with a broker login against a broker that is not there: the flight is flown, the summary counts the
 * telemetry it had to drop, and the password appears nowhere, not in the output, the log, the trace or the .tlog.
 */
class MqttSecretsInFlightTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final String SECRET = "fly-Secret-4b9e2a";

    @Test
    void aFlightWithADeadBrokerCountsWhatItDroppedAndNeverShowsThePassword(@TempDir Path dir) throws Exception {
        Path credentials = dir.resolve("mqtt.credentials");
        Files.writeString(credentials, "username=vehicle-1\npassword=" + SECRET + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path logDir = dir.resolve("flights");
        int vfcPort = GroundCommandsInFlightTest.freeUdpPort();
        int companionPort = GroundCommandsInFlightTest.freeUdpPort();
        int deadBroker = GroundCommandsInFlightTest.freeTcpPort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        int status;
        try (VirtualFlightController vfc = GroundCommandsInFlightTest.virtualPx4(vfcPort, companionPort)) {
            // slf4j-simple writes to whatever System.err is at the time of each line
            System.setErr(new PrintStream(new TeeStream(log, systemErr), true, StandardCharsets.UTF_8));
            CommandLine cli = SpikepilotCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            status = cli.execute("fly", "--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", EXAMPLE.toString(), "--log-dir", logDir.toString(),
                    "--warmup-ticks", "2000", "--duration", "3", "--mqtt", "tcp://127.0.0.1:" + deadBroker,
                    "--mqtt-credentials", credentials.toString());
        } finally {
            System.setErr(systemErr);
        }
        String logText = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err + logText);
        Matcher summary = Pattern.compile("telemetry tcp://127\\.0\\.0\\.1:" + deadBroker + ": 0 messages published, "
                + "(\\d+) dropped \\(broker unreachable or not taking them\\), 0 connections, 0 lost, (\\d+) failed "
                + "attempts \\(last: cannot reach MQTT broker [^)]*\\)\\); not connected at the end; ring rows it fell "
                + "behind on 0").matcher(out.toString());
        assertTrue(summary.find(), out.toString());
        // 3 s of flight and more before it at 10 Hz, 3 topics
        assertTrue(Long.parseLong(summary.group(1)) >= 90, summary.group());
        assertTrue(Long.parseLong(summary.group(2)) >= 2, summary.group());
        assertTrue(logText.contains("as user 'vehicle-1' (MQTT credentials file '" + credentials
                + "'; password hidden)"), logText);
        assertFalse((out + err.toString() + logText).contains(SECRET), "the password was printed");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 2, files.toString());
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        for (Path f : files) {
            assertFalse(contains(Files.readAllBytes(f), secret), "the password is in " + f);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Writes to both, so the test's own stderr still shows the log. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int v) throws java.io.IOException {
            a.write(v);
            b.write(v);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
