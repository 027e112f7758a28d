package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlyPolicy;

/** {@code spikepilot fly} against the virtual PX4 on UDP loopback. */
class FlyCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The example config with a shared-CI-friendly watchdog (10 periods stale, 10 missed ticks) and short warm-up. */
    private static Path testConfig(Path dir) throws Exception {
        return testConfig(dir, VfcAutopilot.PX4);
    }

    /** {@link #testConfig(Path)} for {@code autopilot}'s link.autopilot. */
    private static Path testConfig(Path dir, VfcAutopilot autopilot) throws Exception {
        String yaml = VirtualPx4Flight.forAutopilot(Files.readString(EXAMPLE), autopilot)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10")
                .replace("warmup_ticks: 100", "warmup_ticks: 50")
                .replace("agreement_ticks: 25", "agreement_ticks: 10");
        Path file = dir.resolve("flight.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private record Result(int status, String out, String err) {
    }

    private static Result fly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "fly";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cli.execute(all);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void refusesToArmWhenThePolicyWasTrainedForAnotherRate(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("fifty-hertz.safetensors");
        PolicyFile.write(policy, PaperInit.network(new int[] {18, 16, 4}, 3L, ResetRule.SUBTRACT_DELAYED),
                new PolicyMetadata(50, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE, "attitude limits",
                        "x500", new PolicyMetadata.Provenance("test", 3L, "unknown"), Map.of()));
        Result r = fly("--link", "udp://127.0.0.1:1", "--policy", policy.toString(), "--config",
                EXAMPLE.toString(), "--log-dir", dir.toString());
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().contains("refusing to arm") && r.err().contains("control_rate_hz"), r.err());
    }

    @Test
    void corruptPolicyFileIsNamedAndNothingIsOpened(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("broken.safetensors");
        Files.write(policy, new byte[] {1, 2, 3});
        Result r = fly("--link", "udp://127.0.0.1:1", "--policy", policy.toString(), "--config",
                EXAMPLE.toString(), "--log-dir", dir.resolve("logs").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("broken.safetensors"), r.err());
        assertTrue(!Files.exists(dir.resolve("logs")), "no flight log for a flight that never started");
    }

    @Test
    void badConfigIsRefusedWithTheField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("flight.yaml");
        Files.writeString(config, Files.readString(EXAMPLE).replace("rate_hz: 100", "rate_hz: 1000"));
        Result r = fly("--link", "udp://127.0.0.1:1", "--policy", "pid", "--config", config.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("control.rate_hz"), r.err());
    }

    @Test
    void badTelemetryBrokerIsRefusedBeforeAnythingOpens(@TempDir Path dir) {
        Result r = fly("--link", "udp://127.0.0.1:1", "--policy", "pid", "--config", EXAMPLE.toString(),
                "--mqtt", "http://broker", "--log-dir", dir.resolve("logs").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--mqtt expected a broker as tcp://host:port or ssl://host:port, found "
                + "'http://broker'"), r.err());
        assertTrue(!Files.exists(dir.resolve("logs")));
    }

    @Test
    void fliesTheVirtualPx4HandsToTheSnnChannelAndLands(@TempDir Path dir) throws Exception {
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            Result r = fly("--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", testConfig(dir).toString(), "--log-dir", dir.toString(),
                    "--engage-snn-after", "3", "--duration", "7", "--warmup-ticks", "5000");
            assertEquals(0, r.status(), r.err() + r.out() + vfc.events());
            assertTrue(r.out().contains("flight over"), r.out());
            List<String> events = vfc.events();
            assertTrue(events.stream().anyMatch(e -> e.contains("OFFBOARD")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.contains("armed")), events.toString());
            assertTrue(vfc.isOnGround(), "landed: " + events);
            Path tlog;
            Path trace;
            try (var files = Files.list(dir)) {
                List<Path> all = files.toList();
                tlog = all.stream().filter(p -> p.toString().endsWith(".tlog")).findFirst().orElseThrow();
                trace = all.stream().filter(p -> p.toString().endsWith(".trace.csv")).findFirst().orElseThrow();
            }
            assertTrue(Files.size(tlog) > 10_000, "tlog " + Files.size(tlog));
            List<String> rows = Files.readAllLines(trace);
            assertTrue(rows.size() > 500, "trace rows " + rows.size());
            assertTrue(rows.stream().anyMatch(row -> row.contains(",SNN,PID,1,")), "the SNN channel took over");
            assertTrue(rows.stream().anyMatch(row -> row.contains(",IDLE,LAND,1,")), "landed back to IDLE");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VfcAutopilot.class)
    void anArmingRefusalExitsThreeWithASentenceNotAnExceptionName(VfcAutopilot autopilot, @TempDir Path dir)
            throws Exception {
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.defaults(autopilot)
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            vfc.refuseArming(autopilot == VfcAutopilot.PX4 ? "Preflight Fail: accel uncalibrated"
                    : "Accels inconsistent");
            Result r = fly("--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", testConfig(dir, autopilot).toString(), "--log-dir",
                    dir.toString(), "--duration", "3", "--warmup-ticks", "2000");
            // the README: exit 3 "refused to arm", with a sentence; before, exit 1 and the SessionException's name
            assertEquals(3, r.status(), r.err() + r.out() + vfc.events());
            String mode = autopilot == VfcAutopilot.PX4 ? "OFFBOARD" : "GUIDED_NOGPS";
            assertTrue(r.err().contains("refusing to arm: the autopilot refused to arm in " + mode), r.err());
            assertTrue(r.err().contains("pre-arm"), r.err());
            assertTrue(!r.err().contains("io.spikepilot") && !r.err().contains("Exception"), r.err());
            assertTrue(!vfc.isArmed(), vfc.events().toString());
            // the reason went to the ground station as the stack words it; every retry of the command got one
            String text = autopilot == VfcAutopilot.PX4 ? "Preflight Fail: accel uncalibrated"
                    : "PreArm: Accels inconsistent";
            assertTrue(!vfc.statusTexts().isEmpty() && vfc.statusTexts().stream().allMatch(text::equals),
                    vfc.statusTexts().toString());
        }
    }

    @Test
    void anArduCopterThatReadsThrustAsAClimbRateIsRefusedByItsParameter(@TempDir Path dir) throws Exception {
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.arduCopterDefaults().withParameter("GUID_OPTIONS", 0)
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            Result r = fly("--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", testConfig(dir, VfcAutopilot.ARDUCOPTER).toString(),
                    "--log-dir", dir.toString(), "--duration", "3", "--warmup-ticks", "2000");
            assertEquals(3, r.status(), r.err() + r.out() + vfc.events());
            // read over PARAM_REQUEST_READ / PARAM_VALUE from the virtual ArduCopter
            assertTrue(r.err().contains("GUID_OPTIONS is 0: bit 3 (value 8) is clear")
                    && r.err().contains("Set the parameter GUID_OPTIONS to 8"), r.err());
            assertTrue(!vfc.isArmed() && vfc.mode() == io.spikepilot.simulator.vfc.CopterMode.STABILIZE,
                    vfc.events().toString());
        }
    }

    @Test
    void interruptHandsTheVehicleBackToTheAutopilotsHoldMode(@TempDir Path dir) throws Exception {
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            FlightSettings settings = FlightConfigFile.load(testConfig(dir));
            FlightRun run = new FlightRun("udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    settings, FlyPolicy.load("pid", settings.flight()), dir, new TimedFlightPlan(-1, 0), 5000);
            Thread pilot = new Thread(() -> {
                try {
                    while (vfc.mode() != Px4Mode.OFFBOARD || !vfc.isArmed()) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(2_000);
                    run.interruptAndAwait(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            pilot.start();
            String summary = run.fly();
            pilot.join(20_000);
            assertTrue(summary.contains("flight over"), summary);
            assertEquals(Px4Mode.LOITER, vfc.mode(), "PX4's AUTO.LOITER took over: " + vfc.events());
            assertTrue(vfc.isArmed(), "still flying, held by the autopilot");
        }
    }
}
