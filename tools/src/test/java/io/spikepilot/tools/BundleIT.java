package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable bundle as a companion computer sees it: unpacked with tar, run through its own launcher, flying its
 * own shipped policy and config against {@code sim serve} in another process. Runs after {@code package}.
 */
class BundleIT {
    @TempDir
    static Path unpacked;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path bundle;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            bundle = files.filter(p -> p.getFileName().toString().endsWith("-bundle.tar.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-bundle.tar.gz in target/: did package run?"));
        }
        Result tar = run(List.of("tar", "-xzf", bundle.toAbsolutePath().toString(), "-C", unpacked.toString()), 60);
        assertEquals(0, tar.status, tar.output);
        String name = bundle.getFileName().toString();
        home = unpacked.resolve(name.substring(0, name.length() - "-bundle.tar.gz".length()));
    }

    @Test
    void holdsTheLauncherTheJarTheConfigThePoliciesAndTheDeploymentFiles() {
        assertTrue(Files.isExecutable(home.resolve("bin/spikepilot")));
        for (String f : List.of("lib/spikepilot.jar", "config/flight.yaml", "policies/README.md",
                "policies/x500-attitude-bc-fixed.safetensors", "policies/x500-attitude-bc.safetensors",
                "deploy/README.md", "deploy/systemd/spikepilot.service", "deploy/systemd/spikepilot.env",
                "deploy/udev/99-spikepilot-autopilot.rules", "deploy/mosquitto/mosquitto.conf", "deploy/mosquitto/acl",
                "deploy/mosquitto/README.md")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), "missing in the bundle: " + f);
        }
    }

    @Test
    void everyBundlePathTheServiceAndItsEnvironmentNameExists() throws IOException {
        String unit = Files.readString(home.resolve("deploy/systemd/spikepilot.service"));
        String env = Files.readString(home.resolve("deploy/systemd/spikepilot.env"));
        Matcher m = Pattern.compile("/opt/spikepilot/([\\w./-]+)").matcher(unit + env);
        int found = 0;
        while (m.find()) {
            assertTrue(Files.exists(home.resolve(m.group(1))), "named by the unit or its env file but not in the "
                    + "bundle: /opt/spikepilot/" + m.group(1));
            found++;
        }
        assertTrue(found >= 3, "expected the launcher, the policy and the docs to be named; found " + found);
        assertTrue(unit.contains("KillSignal=SIGINT"), "fly hands the vehicle back on SIGINT");
        assertTrue(!Pattern.compile("(?m)^\\[Install\\]").matcher(unit).find(), "fly arms the vehicle: the unit must not be enabled at boot");
    }

    @Test
    void theLauncherRunsTheJar() throws Exception {
        Result version = run(List.of(home.resolve("bin/spikepilot").toString(), "--version"), 60);
        assertEquals(0, version.status, version.output);
        assertTrue(version.output.startsWith("spikepilot "), version.output);
    }

    @Test
    void aMissingSerialPortIsRefusedWithTheDeviceNamed() throws Exception {
        Result fly = run(List.of(home.resolve("bin/spikepilot").toString(), "fly", "--link",
                "serial:///dev/no-such-autopilot?baud=921600", "--policy",
                home.resolve("policies/x500-attitude-bc-fixed.safetensors").toString(), "--config",
                home.resolve("config/flight.yaml").toString(), "--log-dir", unpacked.resolve("refused").toString()),
                60);
        assertEquals(1, fly.status, fly.output);
        assertTrue(fly.output.contains("serial port /dev/no-such-autopilot does not exist"), fly.output);
    }

    @Test
    void theBundledPolicyFliesTheSimulatedVehicleInAnotherProcess() throws Exception {
        int vehiclePort = freeUdpPort();
        int companionPort = freeUdpPort();
        Path serveLog = unpacked.resolve("serve.log");
        Process serve = new ProcessBuilder(home.resolve("bin/spikepilot").toString(), "sim", "serve", "--link",
                "udp://127.0.0.1:" + vehiclePort + "?remote=127.0.0.1:" + companionPort, "--exit-after-flight",
                "--duration", "120", "--status-every", "0")
                .redirectErrorStream(true).redirectOutput(serveLog.toFile()).start();
        try {
            Path logs = unpacked.resolve("flights");
            Result fly = run(List.of(home.resolve("bin/spikepilot").toString(), "fly", "--link",
                    "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vehiclePort, "--policy",
                    home.resolve("policies/x500-attitude-bc-fixed.safetensors").toString(), "--config",
                    home.resolve("config/flight.yaml").toString(), "--duration", "12", "--engage-snn-after", "2",
                    "--warmup-ticks", "2000", "--log-dir", logs.toString()), 120);
            assertEquals(0, fly.status, fly.output);
            assertTrue(fly.output.contains("mode PID -> SNN"), fly.output);
            assertTrue(fly.output.contains("landed"), fly.output);
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "sim serve did not stop after the flight");
            String served = Files.readString(serveLog);
            assertEquals(0, serve.exitValue(), served);
            assertTrue(served.contains("armed in OFFBOARD"), served);
            assertTrue(served.contains("disarmed"), served);
            try (Stream<Path> files = Files.list(logs)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().anyMatch(n -> n.endsWith(".tlog")), names.toString());
                assertTrue(names.stream().anyMatch(n -> n.endsWith(".trace.csv")), names.toString());
            }
        } finally {
            serve.destroyForcibly();
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, int timeoutS) throws Exception {
        Path output = Files.createTempFile(unpacked, "run", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutS + " s: " + command + "\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
