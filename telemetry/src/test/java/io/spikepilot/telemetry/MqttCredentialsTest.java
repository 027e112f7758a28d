package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttCredentialsTest {
    private static final String SECRET = "s3cr3t-Pass=word";
    @TempDir
    Path dir;

    private Path file(String text, String perms) throws Exception {
        Path f = dir.resolve("mqtt.credentials");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    private String refusal(String text, String perms) throws Exception {
        Path f = file(text, perms);
        String message = assertThrows(IllegalArgumentException.class, () -> MqttCredentials.fromFile(f)).getMessage();
        assertFalse(message.contains(SECRET), message);
        assertTrue(message.startsWith("MQTT credentials file '" + f + "': "), message);
        return message.substring(message.indexOf("': ") + 3);
    }

    @Test
    void aFileGivesUsernameAndPasswordAndNothingPrintsThePassword() throws Exception {
        Path f = file("# vehicle-1 on the field broker\n\nusername = vehicle-1\npassword=" + SECRET + "\n", "rw-------");
        MqttCredentials c = MqttCredentials.fromFile(f);
        assertEquals("vehicle-1", c.username());
        MqttConnectOptions o = new MqttConnectOptions();
        c.applyTo(o);
        assertEquals("vehicle-1", o.getUserName());
        // everything after the first '=' is the password, '=' included
        assertEquals(SECRET, new String(o.getPassword()));
        assertEquals("user 'vehicle-1' (MQTT credentials file '" + f + "'; password hidden)", c.toString());
        assertFalse(new BrokerAccess(c, null).describe().contains(SECRET));
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        assertEquals("expected to be readable by its owner only, found permissions rw-r--r-- (chmod 600 it: it holds "
                + "a password)", refusal("username=a\npassword=" + SECRET + "\n", "rw-r--r--"));
    }

    @Test
    void malformedFilesAreRefusedNamingTheLineButNeverQuotingIt() throws Exception {
        assertEquals("line 2 expected 'username=<name>' or 'password=<secret>', each once, found a line without '='",
                refusal("username=a\nsecret\n", "rw-------"));
        // the password itself holds a '=': the part before it must not be quoted as a key either
        String leak = refusal("username=a\n" + SECRET + "\n", "rw-------");
        assertFalse(leak.contains("s3cr3t"), leak);
        assertEquals("line 3 expected 'username=<name>' or 'password=<secret>', each once, found 'password' again",
                refusal("username=a\npassword=" + SECRET + "\npassword=" + SECRET + "\n", "rw-------"));
        assertEquals("line 1 expected 'username=<name>' or 'password=<secret>', each once, found another key (not quoted: a mistyped line may hold the password)",
                refusal("user=a\npassword=" + SECRET + "\n", "rw-------"));
        assertEquals("'password=' expected a non-empty password, found nothing", refusal("username=a\n", "rw-------"));
        assertEquals("'username=' expected a non-empty username, found an empty one",
                refusal("username=\npassword=" + SECRET, "rw-------"));
        assertEquals("expected at most 4096 bytes, found 5000", refusal("#".repeat(5000), "rw-------"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nothing-here");
        String message = assertThrows(IllegalArgumentException.class, () -> MqttCredentials.fromFile(missing))
                .getMessage();
        assertTrue(message.startsWith("MQTT credentials file '" + missing + "': cannot be read (NoSuchFileException"),
                message);
    }

    @Test
    void theEnvironmentGivesBothOrNeither() {
        assertNull(MqttCredentials.fromEnvironment(Map.of()));
        MqttCredentials c = MqttCredentials.fromEnvironment(Map.of(MqttCredentials.USERNAME_ENV, "ground-1",
                MqttCredentials.PASSWORD_ENV, SECRET));
        assertEquals("user 'ground-1' (MQTT credentials from the environment; password hidden)", c.toString());
        String message = assertThrows(IllegalArgumentException.class, () -> MqttCredentials.fromEnvironment(
                Map.of(MqttCredentials.PASSWORD_ENV, SECRET))).getMessage();
        assertEquals("MQTT credentials from the environment: SPIKEPILOT_MQTT_USERNAME expected a non-empty username, "
                + "found nothing", message);
        assertEquals("MQTT credentials from the environment: SPIKEPILOT_MQTT_PASSWORD expected a non-empty password, "
                + "found an empty one", assertThrows(IllegalArgumentException.class, () ->
                MqttCredentials.fromEnvironment(Map.of(MqttCredentials.USERNAME_ENV, "a",
                        MqttCredentials.PASSWORD_ENV, ""))).getMessage());
    }
}
