package io.spikepilot.tools;

import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.MavCmd;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.tools.bench.FaultPlan;
import io.spikepilot.tools.bench.FaultRow;
import io.spikepilot.tools.bench.FaultScenario;
import io.spikepilot.tools.bench.InjectedPolicyFault;
import io.spikepilot.tools.bench.LinkFaultRelay;
import io.spikepilot.tools.bench.TruthMonitor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.LinkLostException;

/**
 * Runs one {@link FaultScenario} end to end and measures it: a fresh virtual PX4 (X500) behind a {@link LinkFaultRelay},
 * {@code fly}'s whole pipeline ({@link FlightRun}) connected through it with the policy wrapped in an
 * {@link InjectedPolicyFault}, a {@link FaultPlan} that injects the fault while the SNN flies, and a
 * {@link TruthMonitor} on the simulated vehicle. The killed companion is a real {@code spikepilot fly} child process
 * ended with SIGKILL. The row's fallback latency comes from the flight's own trace.
 */
final class FaultBench {
    /** Touchdown no faster than this is a safe landing, m/s (twice PX4's MPC_LAND_SPEED default). */
    static final double SAFE_TOUCHDOWN_MPS = 1.4;
    private static final double LOSS_5 = 0.05;
    private static final double LOSS_20 = 0.20;
    /** Garbage: a junk datagram before 5 % of datagrams (about 1 % of the bytes), a flipped byte in 1 %. */
    private static final double JUNK_P = 0.05;
    private static final double BIT_ERROR_P = 0.01;
    private static final long REBOOT_SILENCE_NS = 3_000_000_000L;
    private static final int FORCE_DISARM_MAGIC = 21196;
    private static final long KILL_AFTER_SNN_NS = 2_000_000_000L;
    private static final long KILL_ENGAGE_TIMEOUT_NS = 60_000_000_000L;

    private final FlightSettings settings;
    private final FlyPolicy policy;
    private final Path policyFile;
    private final Path configFile;
    private final Path dir;
    private final long seed;
    private final int warmupTicks;
    private final PrintWriter console;
    private final Airframe airframe = Airframes.x500();

    /**
     * @param policyFile the policy as a file and {@code configFile} the configuration, for the killed companion's
     *                   command line
     */
    FaultBench(FlightSettings settings, FlyPolicy policy, Path policyFile, Path configFile, Path dir, long seed,
               int warmupTicks, PrintWriter console) {
        this.settings = settings;
        this.policy = policy;
        this.policyFile = policyFile;
        this.configFile = configFile;
        this.dir = dir;
        this.seed = seed;
        this.warmupTicks = warmupTicks;
        this.console = console;
    }

    /** Flies {@code scenario} and returns its row. */
    FaultRow run(FaultScenario scenario) throws Exception {
        Path runDir = dir.resolve(scenario.optionName());
        Files.createDirectories(runDir);
        console.println("  " + scenario.label() + " (" + runDir + ")");
        console.flush();
        return scenario == FaultScenario.COMPANION_KILLED ? killCompanion(runDir) : inProcess(scenario, runDir);
    }

    private FaultRow inProcess(FaultScenario scenario, Path runDir) throws Exception {
        int vfcPort = DemoCommand.freeUdpPort();
        int companionPort = DemoCommand.freeUdpPort();
        InjectedPolicyFault[] policyFault = new InjectedPolicyFault[1];
        try (LinkFaultRelay relay = new LinkFaultRelay(companionPort, vfcPort, seed);
             VirtualFlightController vfc = new VirtualFlightController(VfcConfig.px4Defaults().withLink(
                     "udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + relay.autopilotFacingPort()), airframe,
                     EnvConfig.defaultAttitudeLimits(airframe));
             TruthMonitor monitor = new TruthMonitor(vfc)) {
            String link = "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + relay.companionFacingPort();
            FaultPlan plan = new FaultPlan(scenario, injection(scenario, relay, vfc, vfcPort, policyFault), vfc,
                    monitor, console);
            FlightRun run = new FlightRun(link, settings, policy, runDir, plan, warmupTicks,
                    p -> policyFault[0] = new InjectedPolicyFault(p), List.of(), new OperatorInbox());
            String ended;
            try {
                run.fly();
                ended = "flight ended normally";
            } catch (LinkLostException e) {
                ended = "fly: " + e.getMessage();
            }
            Path trace = Path.of(run.tlogFile().toString().replaceFirst("\\.tlog$", ".trace.csv"));
            RecordedTrace recorded = TraceReader.read(trace);
            long ticks = run.loopRunner().ticks();
            String notes = String.format(Locale.ROOT, "%s; relay seed %d: %d datagrams dropped, %d junk, %d bit "
                            + "errors, %d state frames corrupted; reasons after the fault: %s; autopilot: %s", ended,
                    relay.seed(), relay.dropped(), relay.junkDatagrams(), relay.bitErrors(), relay.corrupted(),
                    Reasons.describe(reasonsAfter(recorded.rows(), plan.injectedAtNs())),
                    String.join(" / ", vfc.events()));
            return row(scenario, plan.snnFlyingAtFault(), fallbackTicks(scenario, recorded.rows(),
                    plan.injectedAtNs()), plan.autopilotResponseNs(), monitor, vfc,
                    outcome(plan.landedBy(), monitor, vfc), ticks - recorded.rows().size(), run.fallbacks(), notes);
        }
    }

    private FaultPlan.Injection injection(FaultScenario s, LinkFaultRelay relay, VirtualFlightController vfc,
                                          int vfcPort, InjectedPolicyFault[] policyFault) {
        long durationNs = (long) (s.durationS() * 1e9);
        return switch (s) {
            case STALE_STATE -> of(() -> vfc.dropStateStreams(durationNs), () -> { });
            case NAN_STATE -> of(() -> relay.corruptStateFor(LinkFaultRelay.StateCorruption.NAN_VELOCITY, durationNs),
                    () -> { });
            case NON_UNIT_QUATERNION -> of(() -> relay.corruptStateFor(
                    LinkFaultRelay.StateCorruption.NON_UNIT_QUATERNION, durationNs), () -> { });
            case FROZEN_OUTPUT -> policy(policyFault, InjectedPolicyFault.Kind.FROZEN);
            case SATURATED_OUTPUT -> policy(policyFault, InjectedPolicyFault.Kind.SATURATED);
            case FIXED_POINT_SATURATION -> policy(policyFault, InjectedPolicyFault.Kind.FIXED_POINT_SATURATION);
            case NAN_OUTPUT -> policy(policyFault, InjectedPolicyFault.Kind.NON_FINITE);
            case LOOP_STALL -> of(() -> policyFault[0].inject(InjectedPolicyFault.Kind.STALL), () -> { });
            case LINK_DROP_0_2S, LINK_DROP_1S, LINK_DROP_5S -> of(() -> relay.cutFor(durationNs), () -> { });
            case PACKET_LOSS_5 -> of(() -> relay.setLoss(LOSS_5), () -> relay.setLoss(0));
            case PACKET_LOSS_20 -> of(() -> relay.setLoss(LOSS_20), () -> relay.setLoss(0));
            case GARBAGE_BYTES -> of(() -> relay.setGarbage(JUNK_P, BIT_ERROR_P), () -> relay.setGarbage(0, 0));
            case AUTOPILOT_REBOOT -> of(() -> reboot(vfc, vfcPort), () -> { });
            case PILOT_MODE_SWITCH -> of(() -> vfc.pilotSelectsMode(Px4Mode.POSITION), () -> { });
            case COMPANION_KILLED -> throw new IllegalArgumentException("the killed companion runs in a process");
        };
    }

    private interface Action {
        void run() throws Exception;
    }

    private static FaultPlan.Injection of(Action start, Action end) {
        return new FaultPlan.Injection() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void end() throws Exception {
                end.run();
            }
        };
    }

    private static FaultPlan.Injection policy(InjectedPolicyFault[] holder, InjectedPolicyFault.Kind kind) {
        return of(() -> holder[0].inject(kind), () -> holder[0].inject(InjectedPolicyFault.Kind.NONE));
    }

    /**
     * A reboot as the vehicle lives it (a brown-out or a watchdog reset: PX4 refuses a commanded reboot while armed):
     * the motors stop at once, the autopilot says nothing for the boot time, then comes back disarmed in POSCTL. The
     * virtual PX4 is told through its own MAVLink port (a forced disarm, as a ground station would send) and its
     * link fault injection, so its autopilot logic stays untouched.
     */
    private static void reboot(VirtualFlightController vfc, int vfcPort) throws Exception {
        ColdCodec cold = new ColdCodec(MessageCatalog.standard());
        FrameEncoder encoder = new FrameEncoder(255, 190);
        int length = cold.encodeV2(encoder, CommandLong.builder()
                .targetSystem(vfc.config().systemId()).targetComponent(vfc.config().componentId())
                .command(MavCmd.MAV_CMD_COMPONENT_ARM_DISARM).param1(0).param2(FORCE_DISARM_MAGIC).build());
        try (DatagramSocket gcs = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            gcs.send(new DatagramPacket(encoder.frame(), length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), vfcPort)));
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (vfc.isArmed() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        vfc.cutLink(REBOOT_SILENCE_NS);
    }

    /**
     * The companion as a process of its own ({@code spikepilot fly}), killed with SIGKILL two seconds after its SNN took
     * over: nothing of it runs any more, so only the autopilot's offboard-loss failsafe (COM_OF_LOSS_T) can act. The
     * trace rows lost are the setpoints the autopilot received minus the complete rows the killed process left.
     */
    private FaultRow killCompanion(Path runDir) throws Exception {
        int vfcPort = DemoCommand.freeUdpPort();
        int companionPort = DemoCommand.freeUdpPort();
        Path companionLog = runDir.resolve("companion.log");
        Path flights = runDir.resolve("companion");
        try (VirtualFlightController vfc = new VirtualFlightController(VfcConfig.px4Defaults().withLink(
                "udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort), airframe,
                EnvConfig.defaultAttitudeLimits(airframe));
             TruthMonitor monitor = new TruthMonitor(vfc)) {
            Process companion = SpikepilotProcess.launch(List.of("fly", "--link",
                    "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort, "--policy",
                    policyFile.toString(), "--config", configFile.toString(), "--log-dir", flights.toString(),
                    "--engage-snn-after", "0", "--duration", "600", "--warmup-ticks", String.valueOf(warmupTicks)),
                    companionLog, false);
            try {
                long deadline = System.nanoTime() + KILL_ENGAGE_TIMEOUT_NS;
                boolean engaged = false;
                while (System.nanoTime() < deadline && companion.isAlive()) {
                    if (Files.exists(companionLog)
                            && Files.readString(companionLog, StandardCharsets.UTF_8).contains("mode PID -> SNN")) {
                        engaged = true;
                        break;
                    }
                    Thread.sleep(50);
                }
                if (!companion.isAlive()) {
                    throw new IOException("the companion exited before it could be killed (exit "
                            + companion.exitValue() + "); see " + companionLog);
                }
                Thread.sleep(KILL_AFTER_SNN_NS / 1_000_000L);
                boolean airborne = !vfc.isOnGround() && vfc.isArmed() && vfc.mode() == Px4Mode.OFFBOARD;
                monitor.beginWindow();
                long killedNs = System.nanoTime();
                companion.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, nothing
                companion.waitFor();
                long responseNs = -1;
                long observeUntil = killedNs + 5_000_000_000L;
                while (System.nanoTime() < observeUntil) {
                    if (responseNs < 0 && vfc.mode() != Px4Mode.OFFBOARD) {
                        responseNs = System.nanoTime() - killedNs;
                    }
                    Thread.sleep(2);
                }
                monitor.endWindow();
                String failsafe = String.join(" / ", vfc.events());
                FaultPlan.pilotLands(vfc, System.nanoTime() + 45_000_000_000L);
                long rows = completeTraceRows(flights);
                long lost = vfc.setpointsReceived() - rows;
                String notes = String.format(Locale.ROOT, "companion pid %d killed %s; SNN engaged before the kill: "
                                + "%s; airborne in OFFBOARD at the kill: %s; autopilot received %d setpoints, the "
                                + "killed process left %d complete trace rows; autopilot: %s", companion.pid(),
                        "with SIGKILL", engaged, airborne, vfc.setpointsReceived(), rows, failsafe);
                return row(FaultScenario.COMPANION_KILLED, engaged, FaultRow.NEVER_SEEN, responseNs, monitor, vfc,
                        outcome(vfc.isArmed() ? "not landed" : "the pilot (AUTO.LAND) after the autopilot's failsafe",
                                monitor, vfc), lost, 0, notes);
            } finally {
                companion.destroyForcibly();
            }
        }
    }

    /** Complete rows (ending in a newline) of the trace a killed process left, without its two header lines. */
    private static long completeTraceRows(Path flights) throws IOException {
        Path trace;
        try (Stream<Path> files = Files.list(flights)) {
            trace = files.filter(p -> p.toString().endsWith(".trace.csv")).findFirst()
                    .orElseThrow(() -> new IOException("the killed companion left no trace in " + flights));
        }
        byte[] bytes = Files.readAllBytes(trace);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 2);
    }

    /**
     * Ticks from the first tick after the injection whose reasons show the fault to the first tick not flown by the
     * SNN; {@link FaultRow#NEVER_SEEN} when the fault never showed (or the SNN did not fly when it did),
     * {@link FaultRow#NO_FALLBACK} when it showed and the SNN flew on to the end of the trace.
     */
    static long fallbackTicks(FaultScenario s, List<TickRecord> rows, long injectedAtNs) {
        if (!s.visibleToTick() || injectedAtNs == 0) {
            return FaultRow.NEVER_SEEN;
        }
        int seen = -1;
        for (int i = 0; i < rows.size(); i++) {
            TickRecord r = rows.get(i);
            if (r.nowNs >= injectedAtNs && (r.reasons & s.visibleAs()) != 0) {
                seen = i;
                break;
            }
        }
        if (seen < 0 || rows.get(seen).previousMode != FlightMode.SNN.ordinal()) {
            return FaultRow.NEVER_SEEN;
        }
        for (int i = seen; i < rows.size(); i++) {
            if (rows.get(i).mode != FlightMode.SNN.ordinal()) {
                return rows.get(i).tick - rows.get(seen).tick;
            }
        }
        return FaultRow.NO_FALLBACK;
    }

    /** Every reason bit that held in the first 10 s after the injection. */
    private static int reasonsAfter(List<TickRecord> rows, long injectedAtNs) {
        int bits = 0;
        for (TickRecord r : rows) {
            if (injectedAtNs != 0 && r.nowNs >= injectedAtNs && r.nowNs < injectedAtNs + 10_000_000_000L) {
                bits |= r.reasons;
            }
        }
        return bits & ~(Reasons.OPERATOR_COMMAND | Reasons.SNN_READY | Reasons.LANDED);
    }

    private static String outcome(String landedBy, TruthMonitor monitor, VirtualFlightController vfc) {
        double touchdown = monitor.touchdownSpeedMps();
        if (vfc.isArmed()) {
            return "still armed: " + (vfc.isOnGround() ? "on the ground" : "in the air") + " in " + vfc.mode();
        }
        if (touchdown > SAFE_TOUCHDOWN_MPS) {
            return String.format(Locale.ROOT, "hit the ground at %.2f m/s with the motors stopped, disarmed",
                    touchdown);
        }
        return String.format(Locale.ROOT, "landed by %s, touchdown %.2f m/s", landedBy, touchdown);
    }

    private FaultRow row(FaultScenario s, boolean snnFlying, long fallbackTicks, long responseNs, TruthMonitor monitor,
                         VirtualFlightController vfc, String outcome, long rowsLost, long fallbacks, String notes) {
        SupervisorConfig envelope = settings.flight().supervisor();
        double excursion = monitor.maxExcursionM();
        double tilt = monitor.maxTiltRad();
        double speed = monitor.maxSpeedMps();
        boolean violated = excursion > envelope.maxPositionErrorM() || tilt > envelope.maxTiltRad()
                || speed > envelope.maxSpeedMps();
        double touchdown = monitor.touchdownSpeedMps();
        boolean safe = !vfc.isArmed() && vfc.isOnGround() && touchdown <= SAFE_TOUCHDOWN_MPS;
        return new FaultRow(s, snnFlying, fallbackTicks, responseNs < 0 ? -1 : responseNs / 1_000_000L, excursion,
                Math.toDegrees(tilt), speed, violated, outcome, safe, rowsLost, fallbacks, notes);
    }
}
