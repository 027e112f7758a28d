package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.transport.SocatPtyPair;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serial device this user may not open, for real: root may open any device, and these tests run as root, so the
 * doctor runs in a JVM of its own as the unprivileged user {@code nobody} (setpriv), against a socat pty that only
 * root may read and write, and the kernel refuses it. The classpath is linked into a folder {@code nobody} can read.
 */
class DoctorPermissionTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    @Test
    void aDeviceTheUserMayNotOpenNamesItsGroupAndTheFix() throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(
                Path.of("/usr/bin/setpriv")), "needs root and setpriv (util-linux) to run the doctor as nobody");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (SocatPtyPair pty = SocatPtyPair.start(tmp.resolve("ttyFC"), tmp.resolve("ttyCC"))) {
            Path device = pty.b.toRealPath();
            Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("rw-------"));
            Path config = Files.copy(Path.of("..", "src", "config", "flight.yaml"), tmp.resolve("flight.yaml"));
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY,
                    "--regid=" + NOBODY, "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.home=" + tmp, "-Djava.io.tmpdir=" + tmp, "-cp", readableClasspath(),
                    SpikepilotCli.class.getName(), "doctor", "--link", "serial://" + pty.b + "?baud=921600",
                    "--config", config.toString(), "--log-dir", tmp.resolve("flights").toString(), "--seconds", "0.2",
                    "--warmup-ticks", "0"));
            Process doctor = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(doctor.getInputStream().readAllBytes());
            assertTrue(doctor.waitFor(60, TimeUnit.SECONDS), out);
            assertEquals(3, doctor.exitValue(), out);
            assertTrue(Pattern.compile("(?m)^serial device +FAIL  permission denied on " + Pattern.quote(pty.b + " -> "
                    + device) + " \\(owner root, group \\w+, mode rw-------, running as nobody; nobody is not in "
                    + "group \\w+\\)$").matcher(out).find(), out);
            assertTrue(out.contains("fix: the device's group may not read and write it: give it group dialout and "
                    + "mode 0660 with a udev rule"), out);
            assertTrue(Pattern.compile("(?m)^mavlink on the link +SKIP  not opened: the serial device check failed$")
                    .matcher(out).find(), out);
        }
    }

    /** The test JVM's classpath, with every entry nobody cannot reach hard-linked (or copied) into {@link #tmp}. */
    private String readableClasspath() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path) || !Files.exists(path)) {
                // target/classes of the worktree: world-readable already
                entries.add(path.toString());
                continue;
            }
            Path linked = dir.resolve((n++) + "-" + path.getFileName());
            try {
                Files.createLink(linked, path);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(path, linked);
            }
            entries.add(linked.toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
