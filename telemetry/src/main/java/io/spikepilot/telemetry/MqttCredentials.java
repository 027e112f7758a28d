package io.spikepilot.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The MQTT username and password, read from a file or from the environment, never from the command line (where
 * {@code ps} and the shell history show it). The password is kept out of every string this class makes: its
 * {@link #toString} and its error messages name the source and the field, never the secret, so it cannot reach a
 * log, a trace or a printed configuration.
 *
 * <p>File: two lines {@code username=<name>} and {@code password=<secret>} (blank lines and lines starting with
 * {@code #} are ignored), readable by its owner only ({@code chmod 600}) where the file system has POSIX permissions.
 * Environment: {@value #USERNAME_ENV} and {@value #PASSWORD_ENV}, both or neither.
 */
public final class MqttCredentials {
    /** The environment variable holding the username. */
    public static final String USERNAME_ENV = "SPIKEPILOT_MQTT_USERNAME";
    /** The environment variable holding the password. */
    public static final String PASSWORD_ENV = "SPIKEPILOT_MQTT_PASSWORD";
    private static final int MAX_FILE_BYTES = 4096;

    private final String username;
    private final char[] password;
    private final String source;

    private MqttCredentials(String username, char[] password, String source) {
        this.username = username;
        this.password = password;
        this.source = source;
    }

    /**
     * Reads a credentials file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (never quoting the password)
     */
    public static MqttCredentials fromFile(Path file) {
        String where = "MQTT credentials file '" + file + "'";
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(where + ": expected at most " + MAX_FILE_BYTES + " bytes, found "
                        + Files.size(file));
            }
            requireOwnerOnly(file, where);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        String username = null;
        String password = null;
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            // the line is never quoted back: it may be the password
            if (key.equals("username") && username == null) {
                username = value;
            } else if (key.equals("password") && password == null) {
                password = value;
            } else {
                throw new IllegalArgumentException(where + ": line " + (i + 1) + " expected 'username=<name>' or "
                        + "'password=<secret>', each once, found " + (key.isEmpty() ? "a line without '='"
                        : key.equals("username") || key.equals("password") ? "'" + key + "' again"
                        : "another key (not quoted: a mistyped line may hold the password)"));
            }
        }
        return checked(username, password, where, "'username='", "'password='");
    }

    /**
     * Reads {@value #USERNAME_ENV} and {@value #PASSWORD_ENV} from {@code environment}; null when neither is set.
     *
     * @throws IllegalArgumentException when only one is set or one is empty
     */
    public static MqttCredentials fromEnvironment(Map<String, String> environment) {
        String username = environment.get(USERNAME_ENV);
        String password = environment.get(PASSWORD_ENV);
        if (username == null && password == null) {
            return null;
        }
        return checked(username, password, "MQTT credentials from the environment", USERNAME_ENV, PASSWORD_ENV);
    }

    private static MqttCredentials checked(String username, String password, String where, String userField,
                                           String passwordField) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + userField + " expected a non-empty username, found "
                    + (username == null ? "nothing" : "an empty one"));
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + passwordField + " expected a non-empty password, found "
                    + (password == null ? "nothing" : "an empty one"));
        }
        if (username.length() > 256 || username.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(where + ": " + userField + " expected at most 256 printable "
                    + "characters, found " + username.length() + " characters");
        }
        return new MqttCredentials(username, password.toCharArray(), where);
    }

    private static void requireOwnerOnly(Path file, String where) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException noPosix) {
            return;
        }
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IllegalArgumentException(where + ": expected to be readable by its owner only, found "
                        + "permissions " + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                        + " (chmod 600 it: it holds a password)");
            }
        }
    }

    /** Puts the username and password into the connect options. */
    void applyTo(MqttConnectOptions options) {
        options.setUserName(username);
        options.setPassword(password.clone());
    }

    /** The MQTT username (not secret: brokers log it). */
    public String username() {
        return username;
    }

    /** Where the credentials came from, e.g. {@code MQTT credentials file '/etc/spikepilot/mqtt.credentials'}. */
    public String source() {
        return source;
    }

    /** Names the user and the source; the password is never part of it. */
    @Override
    public String toString() {
        return "user '" + username + "' (" + source + "; password hidden)";
    }
}
