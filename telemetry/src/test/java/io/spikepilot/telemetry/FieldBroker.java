package io.spikepilot.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped field set-up, for real: mosquitto started with {@code src/deploy/mosquitto/mosquitto.conf} and
 * {@code acl} (only the file paths and the port changed), a CA, server and client certificates made by
 * {@code openssl}, and a {@code password_file} made by {@code mosquitto_passwd}. Users: the vehicles
 * {@code vehicle-1} and {@code vehicle-2}, the ground station {@code ground-1} (commands vehicle-1 only) and the
 * observer {@code viewer}.
 */
final class FieldBroker implements AutoCloseable {
    static final Path DEPLOY = Path.of("..", "src", "deploy", "mosquitto");
    static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    static {
        PASSWORDS.put("vehicle-1", "v1-Secret-7c1e");
        PASSWORDS.put("vehicle-2", "v2-Secret-99a0");
        PASSWORDS.put("ground-1", "g1-Secret-51b3");
        PASSWORDS.put("viewer", "vw-Secret-0d42");
    }

    final Path dir;
    final int port;
    final MosquittoProcess mosquitto;

    FieldBroker(Path dir) throws Exception {
        MosquittoProcess.assumeInstalled();
        this.dir = dir;
        makePki(dir);
        for (Map.Entry<String, String> e : PASSWORDS.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of("mosquitto_passwd", "-b"));
            if (e.getKey().equals("vehicle-1")) {
                cmd.add(1, "-c");
            }
            cmd.addAll(List.of(dir.resolve("passwd").toString(), e.getKey(), e.getValue()));
            run(dir, cmd.toArray(new String[0]));
        }
        Files.copy(DEPLOY.resolve("acl"), dir.resolve("acl"));
        port = MqttTestSupport.freePort();
        String config = Files.readString(DEPLOY.resolve("mosquitto.conf"))
                .replace("/etc/mosquitto/spikepilot/", dir.toAbsolutePath() + "/")
                .replace("listener 8883", "listener " + port + " 127.0.0.1")
                // as root, mosquitto would drop to the mosquitto user, who cannot read the test's private files
                + "\nuser " + System.getProperty("user.name") + "\nlog_dest stdout\n";
        mosquitto = MosquittoProcess.configured(config, port, dir);
    }

    String uri() {
        return "ssl://127.0.0.1:" + port;
    }

    Path ca() {
        return dir.resolve("ca.crt");
    }

    Path cert(String user) {
        return dir.resolve(user + ".crt");
    }

    Path key(String user) {
        return dir.resolve(user + ".key");
    }

    /** A credentials file for {@code user} with {@code password}, owner-only. */
    Path credentials(String user, String password) throws IOException {
        Path file = dir.resolve(user + "-" + Integer.toHexString(password.hashCode()) + ".credentials");
        Files.writeString(file, "# test credentials\nusername=" + user + "\npassword=" + password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** What {@code user} connects with: its password, the CA, its client certificate. */
    BrokerAccess access(String user) throws IOException {
        return new BrokerAccess(MqttCredentials.fromFile(credentials(user, PASSWORDS.get(user))),
                new BrokerTls(ca(), cert(user), key(user)));
    }

    private static void makePki(Path dir) throws Exception {
        run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        run(dir, "openssl", "req", "-x509", "-new", "-key", "ca.key", "-out", "ca.crt", "-days", "2", "-subj",
                "/CN=spikepilot test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        sign(dir, "server", "server.ext");
        for (String user : PASSWORDS.keySet()) {
            sign(dir, user, "client.ext");
        }
    }

    private static void sign(Path dir, String name, String ext) throws Exception {
        run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                name + ".key");
        run(dir, "openssl", "req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", ext);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        mosquitto.close();
    }
}
