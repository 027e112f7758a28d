package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.flight.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker login and TLS options, refused before anything flies, each with a sentence naming the option. */
class MqttAccessOptionsTest {
    private static final Path FLIGHT_YAML = Path.of("..", "src", "config", "flight.yaml");
    private static final String SECRET = "opt-Secret-77d1";
    @TempDir
    Path tmp;

    private CliRun.Outcome fly(String... extra) {
        List<String> args = new ArrayList<>(List.of("fly", "--link", "udp://:14999", "--policy", "pid", "--config",
                FLIGHT_YAML.toString(), "--log-dir", tmp.resolve("flights").toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    private static void assertBadInput(CliRun.Outcome o, String mustSay) {
        assertEquals(ExitCode.BAD_INPUT, o.status(), o.out() + o.err());
        assertTrue(o.err().contains(mustSay), "expected '" + mustSay + "' in: " + o.err());
        assertFalse((o.out() + o.err()).contains(SECRET), "the password was printed: " + o.err());
    }

    private Path credentials(String perms) throws Exception {
        Path f = tmp.resolve("mqtt.credentials");
        Files.writeString(f, "username=vehicle-1\npassword=" + SECRET + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        Path f = credentials("rw-r--r--");
        assertBadInput(fly("--mqtt", "tcp://127.0.0.1:1883", "--mqtt-credentials", f.toString()),
                "--mqtt-credentials: MQTT credentials file '" + f + "': expected to be readable by its owner only, "
                        + "found permissions rw-r--r-- (chmod 600 it: it holds a password)");
    }

    @Test
    void loginAndTlsOptionsNeedAnExternalBroker() throws Exception {
        Path f = credentials("rw-------");
        assertBadInput(fly("--mqtt-credentials", f.toString()), "--mqtt-credentials needs --mqtt with an external "
                + "broker (tcp://host:port or ssl://host:port)");
        assertBadInput(CliRun.run("demo", "--out", tmp.resolve("demo").toString(), "--mqtt-credentials",
                f.toString()), "--mqtt-credentials needs --mqtt with an external broker");
    }

    @Test
    void tlsFilesNeedAnSslBrokerAndACertificateItsKey() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.crt"), "not a certificate");
        assertBadInput(fly("--mqtt", "tcp://127.0.0.1:1883", "--mqtt-ca", ca.toString()),
                "--mqtt-ca needs an ssl:// broker, found --mqtt tcp://127.0.0.1:1883");
        assertBadInput(fly("--mqtt", "ssl://127.0.0.1:8883", "--mqtt-cert", ca.toString()),
                "--mqtt-cert needs --mqtt-key (its private key)");
        assertBadInput(fly("--mqtt", "ssl://127.0.0.1:8883", "--mqtt-ca", ca.toString()),
                "--mqtt-ca: MQTT TLS CA certificate '" + ca + "': expected PEM with '-----BEGIN CERTIFICATE-----', "
                        + "found none");
    }
}
