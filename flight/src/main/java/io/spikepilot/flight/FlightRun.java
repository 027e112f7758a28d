package io.spikepilot.flight;

import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.session.Autopilot;
import io.spikepilot.bridge.session.CommandResult;
import io.spikepilot.bridge.session.LoopHealth;
import io.spikepilot.bridge.session.MavlinkLink;
import io.spikepilot.bridge.session.SessionConfig;
import io.spikepilot.bridge.session.SessionException;
import io.spikepilot.bridge.session.SetpointSender;
import io.spikepilot.bridge.session.VehicleSession;
import io.spikepilot.bridge.state.AssemblerStateSource;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogWriter;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.bridge.transport.TransportUrl;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.flight.record.RingDrainer;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.controller.supervisor.SupervisorMemory;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.telemetry.CommandGate;
import io.spikepilot.telemetry.MqttTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.spikepilot.flight.record.TraceFileWriter;
import io.spikepilot.flight.record.HandOverNarrator;
import io.spikepilot.flight.record.HdrTickTimingRecorder;
import io.spikepilot.flight.record.LogFolder;

/**
 * One flight, start to finish: connect, wait for the autopilot, request the state streams, compile the tick, start
 * the loop (streaming idle setpoints), run the pre-flight checks, enter OFFBOARD / GUIDED_NOGPS, arm, take off on the
 * PID, optionally ask for the SNN, and either land after the requested time or, on an interrupt, hand the vehicle back
 * to the autopilot's hold mode. Records the {@code .tlog} and the per-tick trace throughout.
 *
 * <p>Lost link: when no autopilot HEARTBEAT has come for {@code link.heartbeat_timeout_ms}, {@link #controlLost}
 * says so (the plan then stops), the loop is stopped, so no more setpoints go out and the trace stops growing, and the
 * vehicle is left to the autopilot's own failsafe. The run listens for {@code link.lost_link_listen_ms} for the
 * heartbeat to return; a vehicle whose state it did not see meanwhile is never flown again: if it is still armed in
 * OFFBOARD / GUIDED_NOGPS it is handed to the autopilot's hold mode, otherwise what the autopilot reports is logged.
 * Either way {@link #fly} ends with a {@link LinkLostException}.
 */
public final class FlightRun implements FlightContext {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");
    private static final int PX4_MAIN_AUTO = 4;
    private static final int PX4_SUB_LOITER = 3;
    private static final int PX4_MAIN_POSCTL = 3;
    private static final int COPTER_LOITER = 5;
    private static final int COPTER_ALT_HOLD = 2;
    private static final long NOT_LOST = Long.MIN_VALUE;
    /** The autopilot's heartbeat comes once a second: a live link is never silent this long, whatever the streams. */
    private static final long SILENT_LINK_NS = 1_500_000_000L;

    private final String linkUrl;
    private final FlightSettings settings;
    private final FlyPolicy policy;
    private final Path logDir;
    private final FlightPlan plan;
    private final int warmupTicks;
    private final UnaryOperator<Policy> policyDecorator;
    private final List<TickRecordConsumer> extraConsumers;
    /** The drainers feeding {@link #extraConsumers}, in the same order (their losses go into the summary). */
    private final List<RingDrainer> extraDrainers = new ArrayList<>();
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private final OperatorInbox inbox;
    /**
     * Why ground commands cannot act now, or null while they may: from the moment the flight procedure has passed the
     * pre-flight checks, armed (or seen the pilot arm) and asked for the take-off, until the plan ends. Written by
     * the flight thread, read by the telemetry thread.
     */
    private volatile String groundCommandsClosed = "the flight procedure is connecting to the autopilot; the "
            + "pre-flight checks have not run";
    private boolean pilotArms;
    private VehicleSession session;
    private LoopRunner runner;
    private volatile Thread loopThread;
    private FlightController controller;
    private final HeartbeatHealth heartbeatHealth = new HeartbeatHealth();
    private HdrTickTimingRecorder timing;
    /** Stops the .tlog and the trace (never the loop) when the log disk runs low or a write fails. */
    private DiskSpaceGuard recording;
    private TraceFileWriter traceWriter;
    private long startNs;
    private Path tlogFile;
    private Path traceFile;
    /** The flown policy's identity as the trace names it (with a wrapper such as the demo's fault injection). */
    private String policyId;
    private AssemblerStateSource source;
    /** When the link was declared lost (System.nanoTime), or {@link #NOT_LOST}; set once. */
    private volatile long linkLostAtNs = NOT_LOST;
    private volatile String linkLostReason;
    private volatile long heartbeatsAtLoss;
    /** The take-off hover's verdict on vehicle.hover_thrust, once the estimator has finished; logged once. */
    private volatile HoverThrustReport hoverThrust;
    /** Explains pending requests for the SNN in the log, the summary and a ground engage_snn's ack. */
    private HandOverNarrator handOver;

    /**
     * @param plan            what the operator does once airborne
     * @param policyDecorator wraps the flying policy instance (the demo's fault injection); identity for real flights
     * @param extraConsumers  more readers of the tick ring, each on its own thread (telemetry, the demo's recorder)
     * @param inbox           where operator commands reach the loop (shared with ground commands over MQTT)
     */
    public FlightRun(String linkUrl, FlightSettings settings, FlyPolicy policy, Path logDir, FlightPlan plan, int warmupTicks,
              UnaryOperator<Policy> policyDecorator, List<TickRecordConsumer> extraConsumers, OperatorInbox inbox) {
        this.linkUrl = linkUrl;
        this.settings = settings;
        this.policy = policy;
        this.logDir = logDir;
        this.plan = plan;
        this.warmupTicks = warmupTicks;
        this.policyDecorator = policyDecorator;
        this.extraConsumers = List.copyOf(extraConsumers);
        this.inbox = inbox;
        this.handOver = new HandOverNarrator(settings.flight().supervisor());
    }

    /** A real flight: no decorator, the trace as the only ring reader. */
    public FlightRun(String linkUrl, FlightSettings settings, FlyPolicy policy, Path logDir, FlightPlan plan,
              int warmupTicks) {
        this(linkUrl, settings, policy, logDir, plan, warmupTicks, UnaryOperator.identity(), List.of(),
                new OperatorInbox());
    }

    /**
     * One full collection while the vehicle is still disarmed: start-up, the JIT warm-up and the pre-flight checks
     * leave tens of MB of garbage in the young generation, and emptying it here gives the flight the whole eden, so the
     * companion's small steady allocation (telemetry's MQTT client, about 60 kB/s) needs no collection, and no pause of
     * the loop, for as long as the eden lasts (the launcher's loop JVM: BENCHMARKS.md, "Soak"). The loop ticks
     * disarmed meanwhile; a late tick on the ground is harmless.
     */
    private static void collectBeforeArming() {
        Runtime rt = Runtime.getRuntime();
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        System.gc();
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        long usedAfter = rt.totalMemory() - rt.freeMemory();
        LOG.info("heap collected before arming in {} ms: {} MB -> {} MB used of {} MB", ms, usedBefore >> 20,
                usedAfter >> 20, rt.maxMemory() >> 20);
    }

    /**
     * Leave arming and the switch to OFFBOARD (PX4) or GUIDED_NOGPS (ArduPilot) to the pilot: after the pre-flight
     * checks the loop streams idle setpoints and waits; it takes off once the autopilot reports both. It neither arms
     * nor switches modes itself (it still asks for stream rates), so the process may run unattended from boot.
     */
    public FlightRun pilotArms(boolean pilotArms) {
        this.pilotArms = pilotArms;
        return this;
    }

    /** Also sends the lines explaining a pending request for the SNN to {@code listener}; call before {@link #fly}. */
    public FlightRun handOverLines(HandOverNarrator.Listener listener) {
        this.handOver = new HandOverNarrator(settings.flight().supervisor(), listener);
        return this;
    }

    /** Called from the SIGINT shutdown hook: hand back and wait (bounded) for the flight to wind down. */
    public void interruptAndAwait(long timeoutMs) throws InterruptedException {
        interrupted.countDown();
        finished.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Flies; returns the summary. Throws {@link PreflightException} when it refuses to arm. */
    public String fly() throws Exception {
        FlightConfig flight = settings.flight();
        Files.createDirectories(logDir);
        try {
            List<Path> rotated = LogFolder.rotate(logDir, settings.keepBytes());
            if (!rotated.isEmpty()) {
                LOG.info("log folder {} over record.keep_mb {}: deleted the oldest flights' {}", logDir,
                        settings.keepBytes() >> 20, rotated.stream().map(p -> p.getFileName().toString()).toList());
            }
        } catch (java.io.IOException e) {
            // an old flight that cannot be deleted costs disk, which the guard watches, not the flight
            LOG.warn("log folder {}: could not delete the oldest flights ({}); the disk guard still stops "
                    + "recording below record.min_free_mb", logDir, e.toString());
        }
        recording = new DiskSpaceGuard(logDir, settings.minFreeBytes(), reason -> LOG.warn("{}", reason));
        String stem = LogFolder.PREFIX + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        tlogFile = logDir.resolve(stem + ".tlog");
        traceFile = settings.trace() ? logDir.resolve(stem + ".trace.csv") : null;
        long mono0 = System.nanoTime();
        startNs = mono0;
        long unix0 = System.currentTimeMillis() * 1000L;
        TickRing ring = new TickRing(flight.ringCapacity());
        RingDrainer drainer = null;
        Thread drainerThread = null;
        TraceFileWriter trace = null;
        List<RingDrainer> extraDrainers = this.extraDrainers;
        extraDrainers.clear();
        List<Thread> extraThreads = new ArrayList<>();
        try (TlogWriter tlog = new TlogWriter(tlogFile, 1 << 20, recording)) {
            Transport transport = TransportUrl.open(linkUrl, System::nanoTime);
            StateAssembler assembler = new StateAssembler(settings.systemId(), settings.componentId());
            try (MavlinkLink link = new MavlinkLink(transport, assembler, tlog, unix0, mono0)) {
                AssemblerStateSource source = new AssemblerStateSource(assembler);
                this.source = source;
                link.addListener(source);
                SessionConfig sessionConfig = new SessionConfig();
                sessionConfig.systemId = settings.systemId();
                session = new VehicleSession(link, sessionConfig, System::nanoTime);
                link.start();
                session.start();
                Autopilot autopilot;
                try {
                    autopilot = session.awaitAutopilot(10_000);
                } catch (SessionException e) {
                    throw new PreflightException(e.getMessage() + "; nothing was armed", e);
                }
                LOG.info("autopilot {} (system {}, component {}) on {}", autopilot, session.autopilotSystemId(),
                        session.autopilotComponentId(), transport.describe());
                Autopilot expected = settings.autopilot().equals("px4") ? Autopilot.PX4 : Autopilot.ARDUPILOT;
                if (autopilot != expected) {
                    throw new PreflightException("the autopilot on " + linkUrl + " is " + autopilot + " but the "
                            + "flight config says link.autopilot: " + settings.autopilot());
                }
                session.requestMessageInterval(LocalPositionNedMessage.ID, settings.streamRateHz());
                session.requestMessageInterval(AttitudeQuaternionMessage.ID, settings.streamRateHz());

                SetpointSender warmSender = JitWarmup.discardingSender(autopilot == Autopilot.ARDUPILOT);
                long warmNs = JitWarmup.run(flight, policy.newInstance(), policy.matchesConfig(), warmupTicks,
                        (now, setpoint, mode) -> warmSender.send(setpoint, now));
                LOG.info("JIT warm-up: {} ticks in {} ms", warmupTicks, warmNs / 1_000_000L);

                SetpointSender sender = new SetpointSender(link, session.newEncoderForThread(), mono0);
                sender.setTarget(session.autopilotSystemId(), session.autopilotComponentId());
                sender.setAllOrNoRates(autopilot == Autopilot.ARDUPILOT);
                VehicleSession s = session;
                SetpointSink sink = (now, setpoint, mode) -> {
                    sender.send(setpoint, now);
                    s.reportLoopHealth(heartbeatHealth.of(controller.supervisorMemory()), now);
                };
                Policy plain = policy.newInstance();
                Policy flying = policyDecorator.apply(plain);
                controller = new FlightController(flight, flying, policy.matchesConfig(), source, sink, inbox, ring);
                // a wrapped policy (the demo's fault injection) is named in the trace; the faults it injects are
                // recorded per tick, so a replay re-applies them
                policyId = flying == plain ? policy.identity()
                        : TraceIdentity.wrapped(policy.identity(), flying.getClass().getSimpleName());
                trace = new TraceFileWriter(traceFile, policyId, TraceIdentity.of(flight), handOver, recording,
                        controller.activityLayout());
                traceWriter = trace;
                drainer = new RingDrainer(ring, trace, 20_000_000L);
                drainerThread = new Thread(drainer, "spikepilot-logger");
                drainerThread.setDaemon(true);
                drainerThread.start();
                for (TickRecordConsumer consumer : extraConsumers) {
                    RingDrainer d = new RingDrainer(ring, consumer, 20_000_000L);
                    Thread t = new Thread(d, "spikepilot-ring-" + extraDrainers.size());
                    t.setDaemon(true);
                    t.start();
                    extraDrainers.add(d);
                    extraThreads.add(t);
                }
                timing = new HdrTickTimingRecorder();
                IdleStrategy idle = IdleStrategy.byName(settings.idleStrategy(), settings.spinWindowNs());
                runner = new LoopRunner(controller::tick, flight.periodNs(), idle, NanoClock.SYSTEM, timing);
                loopThread = runner.start("spikepilot-loop");

                groundCommandsClosed = "the pre-flight checks have not passed yet";
                preflight(flight);
                collectBeforeArming();
                if (pilotArms) {
                    groundCommandsClosed = "the pre-flight checks passed, but the pilot has not armed in "
                            + (autopilot == Autopilot.PX4 ? "OFFBOARD" : "GUIDED_NOGPS") + " yet";
                    if (!awaitPilot(autopilot)) {
                        return endOfFlight(drainer);
                    }
                } else {
                    groundCommandsClosed = "the pre-flight checks passed, but the flight procedure has not armed "
                            + "the vehicle yet";
                    armOurselves(autopilot, sender);
                }
                LOG.info("armed; taking off to {} m on the PID", flight.takeoffHeightM());
                inbox.submit(OperatorCommand.TAKEOFF);
                groundCommandsClosed = null;
                plan.run(this);
                return endOfFlight(drainer);
            } finally {
                groundCommandsClosed = "the flight is over";
                if (runner != null) {
                    runner.stop(2_000);
                }
                if (drainer != null) {
                    drainer.stop();
                    drainerThread.join(2_000);
                }
                for (int i = 0; i < extraDrainers.size(); i++) {
                    extraDrainers.get(i).stop();
                    extraThreads.get(i).join(2_000);
                }
                if (trace != null) {
                    trace.close();
                }
                if (session != null) {
                    session.close();
                }
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * The summary of a flight that ended with the link alive; after a lost link, stops the loop, listens for the
     * autopilot to come back and throws {@link LinkLostException} with what was heard.
     */
    private String endOfFlight(RingDrainer drainer) throws LinkLostException, SessionException, InterruptedException {
        if (linkLostAtNs == NOT_LOST) {
            // The plan is over: stop the loop before counting, or the summary's tick count is a snapshot of a loop
            // still ticking, a few ticks short of what the trace and the ring's other readers (the demo's report)
            // go on to record.
            runner.stop(2_000);
            return summary(drainer);
        }
        // Stop commanding: the autopilot's failsafe flies a vehicle whose state we no longer see. No more ticks also
        // means no more trace rows.
        runner.stop(2_000);
        String heard = interrupted.getCount() == 0 ? "Interrupted: not listening for the link to return"
                : listenForLink();
        throw new LinkLostException(linkLostReason + ". " + heard, summary(drainer));
    }

    /** After a lost link: waits for the autopilot's heartbeat, hands back if it still waits for us, says what it saw. */
    private String listenForLink() throws SessionException, InterruptedException {
        long listenNs = settings.lostLinkListenNs();
        LOG.info("listening {} s for the autopilot's heartbeat (link.lost_link_listen_ms); nothing is commanded",
                seconds(listenNs));
        long deadline = System.nanoTime() + listenNs;
        while (session.autopilotHeartbeats() == heartbeatsAtLoss) {
            if (System.nanoTime() - deadline >= 0) {
                return "No heartbeat within " + seconds(listenNs) + " s (link.lost_link_listen_ms): the autopilot's "
                        + "failsafe has the vehicle; check it from the ground station or the RC transmitter";
            }
            if (awaitInterrupt(50)) {
                return "Interrupted while listening for the link to return";
            }
        }
        String back = "The link returned " + seconds(System.nanoTime() - linkLostAtNs) + " s after it was declared "
                + "lost; the autopilot reports " + describeAutopilotMode() + ", "
                + (session.isArmed() ? "armed" : "disarmed");
        LOG.info("{}", back);
        if (session.isArmed() && inOurMode()) {
            // Still waiting for setpoints we will not send (ArduPilot stays in GUIDED_NOGPS): give it to its hold mode.
            return back + ", still in our mode: " + handBackOverLiveLink();
        }
        return back + ": its failsafe has the vehicle, and spikepilot does not resume flying it";
    }

    private boolean inOurMode() {
        return session.autopilot() == Autopilot.PX4 ? session.px4MainMode() == VehicleSession.PX4_MAIN_MODE_OFFBOARD
                : session.autopilotCustomMode() == VehicleSession.COPTER_MODE_GUIDED_NOGPS;
    }

    private String describeAutopilotMode() {
        return session.autopilot() == Autopilot.PX4 ? "PX4 main mode " + session.px4MainMode()
                : "ArduPilot mode " + session.autopilotCustomMode();
    }

    /**
     * Whether the link counts as lost: latched the first time no autopilot heartbeat has come for
     * {@code link.heartbeat_timeout_ms}, with the reason a pilot reads.
     */
    private boolean linkLost() {
        if (linkLostAtNs != NOT_LOST) {
            return true;
        }
        long now = System.nanoTime();
        long silentNs = session.timeSinceAutopilotHeartbeatNs(now);
        if (silentNs <= settings.heartbeatTimeoutNs()) {
            return false;
        }
        declareLinkLost(now, "no HEARTBEAT from the autopilot for " + seconds(silentNs) + " s "
                + "(link.heartbeat_timeout_ms " + settings.heartbeatTimeoutNs() / 1_000_000L + "): link lost; "
                + failsafeExpected());
        return true;
    }

    private synchronized void declareLinkLost(long nowNs, String reason) {
        if (linkLostAtNs != NOT_LOST) {
            return;
        }
        heartbeatsAtLoss = session.autopilotHeartbeats();
        linkLostReason = reason;
        linkLostAtNs = nowNs;
    }

    /** What the autopilot does on its own once our setpoints stop (reference/mavlink-ecosystem.md 1.2). */
    private String failsafeExpected() {
        return session.autopilot() == Autopilot.PX4
                ? "once our setpoints stop, PX4 leaves OFFBOARD after COM_OF_LOSS_T (default 1 s) and flies "
                + "COM_OBL_RC_ACT (default: Position mode)"
                : "once our setpoints stop, ArduPilot stays in GUIDED_NOGPS and after GUID_TIMEOUT (default 3 s) "
                + "levels out and holds a zero climb rate; its RC and GCS failsafes still apply";
    }

    /**
     * Nothing at all (no state, no heartbeat) from the autopilot for {@link #SILENT_LINK_NS} and the supervisor's link
     * timeout: no command sent now could be acknowledged.
     */
    private boolean linkSilent(long nowNs) {
        long last = source.lastMessageNs();
        long limit = Math.max(SILENT_LINK_NS, settings.flight().supervisor().linkTimeoutNs());
        return last == StateSource.NO_MESSAGE || nowNs - last > limit;
    }

    private static String seconds(long ns) {
        return String.format(java.util.Locale.ROOT, "%.1f", ns * 1e-9);
    }

    /**
     * Enters OFFBOARD (PX4) or GUIDED_NOGPS (ArduPilot) and arms. Whatever the autopilot refuses on the way is a
     * refusal to arm (exit 3), told as what to check, not as the session's exception.
     */
    private void armOurselves(Autopilot autopilot, SetpointSender sender) throws PreflightException {
        String mode = autopilot == Autopilot.PX4 ? "OFFBOARD" : "GUIDED_NOGPS";
        try {
            if (autopilot == Autopilot.PX4) {
                session.enterPx4Offboard(sender);
            } else {
                session.enterArduPilotGuidedNoGps(false);
            }
        } catch (SessionException e) {
            throw new PreflightException("the autopilot did not enter " + mode + " (" + e.getMessage() + "); "
                    + "nothing was armed. Its reason is in its status messages on a ground station", e);
        }
        try {
            session.arm(false);
        } catch (SessionException e) {
            throw new PreflightException("the autopilot refused to arm in " + mode + " (" + e.getMessage() + "). "
                    + "Its reason (a failed pre-arm check, the safety switch, the RC) is in its status messages on a "
                    + "ground station; fix it and run fly again", e);
        }
    }

    /** Waits for the pilot to arm and select our mode; false when interrupted first or the link is lost. */
    private boolean awaitPilot(Autopilot autopilot) throws PreflightException, InterruptedException {
        String ourMode = autopilot == Autopilot.PX4 ? "OFFBOARD" : "GUIDED_NOGPS";
        if (autopilot == Autopilot.ARDUPILOT) {
            try {
                session.requireThrustMeansThrust(false);
            } catch (SessionException e) {
                throw new PreflightException(e.getMessage() + "; nothing was armed", e);
            }
        }
        LOG.info("waiting for the pilot to arm and select {}; idle setpoints are streaming", ourMode);
        while (!(session.isArmed() && controlLost() == null)) {
            if (linkLost()) {
                LOG.warn("{}; nothing was armed or switched", linkLostReason);
                return false;
            }
            if (awaitInterrupt(50)) {
                LOG.info("interrupted before the pilot handed over: the vehicle was neither armed nor switched");
                return false;
            }
        }
        LOG.info("the pilot armed in {}", ourMode);
        return true;
    }

    private void preflight(FlightConfig flight) throws PreflightException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String problem = "no check ran";
        while (System.nanoTime() < deadline) {
            float pos = session.measuredRateHz(LocalPositionNedMessage.ID);
            float att = session.measuredRateHz(AttitudeQuaternionMessage.ID);
            int reasons = controller.lastReasons();
            long minTicks = Math.round(flight.rateHz() / 2);
            if (runner.ticks() < minTicks) {
                // Before its first ticks the loop has neither streamed setpoints nor given the supervisor's verdict.
                problem = "the control loop has run " + runner.ticks() + " ticks; it must stream setpoints for "
                        + minTicks + " ticks before the autopilot may be switched";
            } else if (pos < settings.minStreamHz() || att < settings.minStreamHz()) {
                problem = String.format("state streams too slow: LOCAL_POSITION_NED %.1f Hz, ATTITUDE_QUATERNION "
                        + "%.1f Hz, need at least %.1f Hz (link.min_stream_hz)", pos, att, settings.minStreamHz());
            } else if ((reasons & Reasons.TAKEOFF_BLOCKERS) != 0) {
                problem = "the supervisor would not take off: " + Reasons.describe(reasons & Reasons.TAKEOFF_BLOCKERS);
            } else if (runner.tickErrors() > 0) {
                problem = "the control loop failed: " + runner.firstTickError();
            } else {
                LOG.info("pre-flight checks passed: streams {} Hz / {} Hz, policy {}", pos, att, policy.describe());
                return;
            }
            Thread.sleep(100);
        }
        throw new PreflightException(problem);
    }

    /**
     * The gate for ground commands (wire it with {@code GroundCommands.gateBy}): they act only while this flight
     * flies the vehicle, and only in a mode where they mean something. The supervisor still has the last word.
     */
    public CommandGate commandGate() {
        return new CommandGate() {
            @Override
            public String refusal(OperatorCommand command) {
                return groundCommandRefusal(command);
            }

            @Override
            public String outlook(OperatorCommand command) {
                // the supervisor decides at the next tick; say now what it will meet, or the ack reads as a promise
                return command == OperatorCommand.ENGAGE_SNN ? handOver.outlookForEngage() : null;
            }

            @Override
            public String targetRefusal() {
                String closed = notCommanding();
                if (closed != null) {
                    return closed;
                }
                // a goto moves the hover point of a flying vehicle; a landing keeps its own descending target
                FlightMode mode = controller.mode();
                return mode == FlightMode.PID || mode == FlightMode.SNN ? null
                        : "goto expected mode PID or SNN, found mode " + mode;
            }
        };
    }

    /** Why no ground command can act now (the procedure has not handed over, or control is lost), or null. */
    private String notCommanding() {
        String closed = groundCommandsClosed;
        if (closed != null) {
            return closed;
        }
        String lost = controlLost();
        return lost == null ? null : lost + "; spikepilot no longer commands the vehicle";
    }

    private String groundCommandRefusal(OperatorCommand command) {
        String closed = notCommanding();
        if (closed != null) {
            return closed;
        }
        FlightMode mode = controller.mode();
        return switch (command) {
            // the procedure takes off by itself; a ground take-off can only repeat that request before the first
            // tick has acted on it, never start a second flight after a landing
            case TAKEOFF -> mode == FlightMode.IDLE && controller.transitions() == 0 ? null
                    : mode == FlightMode.IDLE ? "the vehicle has landed; another take-off needs a new flight and its "
                            + "pre-flight checks"
                    : "take-off expected in mode IDLE before the first take-off, found mode " + mode
                            + " (already airborne)";
            case ENGAGE_SNN -> mode == FlightMode.PID ? null
                    : "engage_snn expected mode PID, found mode " + mode;
            case RELEASE_SNN -> mode == FlightMode.PID || mode == FlightMode.SNN ? null
                    : "release_snn expected mode PID or SNN, found mode " + mode;
            case LAND -> mode == FlightMode.PID || mode == FlightMode.SNN ? null
                    : mode == FlightMode.LAND ? "already landing (mode LAND)"
                    : "land expected mode PID or SNN, found mode " + mode + " (not flying)";
            case NONE -> "no command";
        };
    }

    /** {@inheritDoc} Logs the verdict once, as a warning when the configured hover thrust does not fit. */
    @Override
    public synchronized boolean hoverThrustChecked() {
        if (hoverThrust != null) {
            return true;
        }
        FlightConfig flight = settings.flight();
        HoverThrustReport report = HoverThrustReport.of(controller.hoverThrust(), flight.limits().hoverThrust(),
                flight.supervisor().agreementThrust());
        if (report == null) {
            return false;
        }
        hoverThrust = report;
        if (report.mismatch()) {
            LOG.warn("{}", report.describe());
        } else {
            LOG.info("{}", report.describe());
        }
        return true;
    }

    @Override
    public OperatorInbox inbox() {
        return inbox;
    }

    @Override
    public FlightMode mode() {
        return controller.mode();
    }

    @Override
    public VehicleSession session() {
        return session;
    }

    @Override
    public boolean awaitInterrupt(long timeoutMs) throws InterruptedException {
        return interrupted.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** {@inheritDoc} A lost link comes first: the armed state and mode last heard are stale. */
    @Override
    public String controlLost() {
        if (linkLost()) {
            return linkLostReason;
        }
        if (!session.isArmed()) {
            return "the autopilot reports the vehicle disarmed";
        }
        if (session.autopilot() == Autopilot.PX4) {
            int main = session.px4MainMode();
            return main == VehicleSession.PX4_MAIN_MODE_OFFBOARD ? null
                    : "PX4 left OFFBOARD (main mode " + main + "): the pilot switched modes or a failsafe took over";
        }
        long custom = session.autopilotCustomMode();
        return custom == VehicleSession.COPTER_MODE_GUIDED_NOGPS ? null
                : "ArduPilot left GUIDED_NOGPS (mode " + custom + "): the pilot switched modes or a failsafe took over";
    }

    /**
     * Hands the vehicle to the autopilot's hold mode while our setpoints keep streaming, then returns. Over a silent
     * link (see {@link #linkSilent}) no command could be acknowledged, so none is sent (each would wait out its
     * retries, 4.5 s): the link is declared lost instead, and the autopilot's failsafe takes over once the setpoints
     * stop. A link that dies during the first request costs that request's retries, not the fallback's too.
     */
    @Override
    public void handBack() throws SessionException {
        long now = System.nanoTime();
        if (linkLost() || linkSilent(now)) {
            declareLinkLost(now, "nothing from the autopilot for " + seconds(now - source.lastMessageNs())
                    + " s: no hand-back is possible over a silent link; " + failsafeExpected());
            LOG.warn("{}", linkLostReason);
            return;
        }
        LOG.info("handing control back to the autopilot's hold mode");
        String outcome = handBackOverLiveLink();
        if (outcome.startsWith("the autopilot holds")) {
            LOG.info("{}", outcome);
        } else {
            LOG.error("{}", outcome);
        }
    }

    /** Asks for the autopilot's hold mode, then its fallback; says what came of it. */
    private String handBackOverLiveLink() throws SessionException {
        CommandResult result;
        if (session.autopilot() == Autopilot.PX4) {
            result = session.command(VehicleSession.MAV_CMD_DO_SET_MODE, 1, PX4_MAIN_AUTO, PX4_SUB_LOITER, 0, 0, 0, 0);
            if (!result.accepted() && !gaveUpOnSilence(result)) {
                LOG.warn("PX4 refused AUTO.LOITER ({}); asking for POSCTL", result);
                result = session.command(VehicleSession.MAV_CMD_DO_SET_MODE, 1, PX4_MAIN_POSCTL, 0, 0, 0, 0, 0);
            }
        } else {
            result = session.command(VehicleSession.MAV_CMD_DO_SET_MODE, 1, COPTER_LOITER, 0, 0, 0, 0, 0);
            if (!result.accepted() && !gaveUpOnSilence(result)) {
                LOG.warn("ArduPilot refused LOITER ({}); asking for ALT_HOLD", result);
                result = session.command(VehicleSession.MAV_CMD_DO_SET_MODE, 1, COPTER_ALT_HOLD, 0, 0, 0, 0, 0);
            }
        }
        if (result.accepted()) {
            return "the autopilot holds the vehicle now (" + result + ")";
        }
        return "the autopilot refused every hold mode (" + result + "); it will apply its own offboard-loss failsafe "
                + "when the setpoints stop";
    }

    /** After an unanswered request: true (and the fallback mode is not asked for) when the link has gone silent. */
    private boolean gaveUpOnSilence(CommandResult result) {
        return result.result == CommandResult.NO_ACK && linkSilent(System.nanoTime());
    }

    /**
     * The companion heartbeat's MAV_STATE from the supervisor's decision: CRITICAL and EMERGENCY only for faults, so a
     * ground station can trust them. Routine flight (PID or SNN) and a planned or commanded landing are ACTIVE.
     * CRITICAL: from a watchdog fallback (SNN to PID on a fault, not the operator's release) until the SNN is
     * re-engaged or the vehicle has landed; a landing the supervisor was forced into (state or link lost) until it
     * ends; any tick flown on a stale or invalid state. EMERGENCY: a landing tick flown open-loop, without a trusted
     * state (the blind, level descent: MAV_STATE_EMERGENCY's "going down"). Called from the loop thread only;
     * allocation-free.
     */
    static final class HeartbeatHealth {
        private static final int STATE_FAULTS = Reasons.STATE_STALE | Reasons.STATE_INVALID | Reasons.STATE_LOST
                | Reasons.LINK_LOST;
        /** What makes a landing tick open-loop (FlightController flies the PID only without these). */
        private static final int OPEN_LOOP = Reasons.STATE_UNTRUSTED;
        private boolean faultLanding;
        private boolean fallback;

        LoopHealth of(SupervisorMemory decision) {
            FlightMode mode = decision.mode;
            int reasons = decision.reasons;
            if (decision.transitioned && decision.previousMode == FlightMode.SNN && mode == FlightMode.PID
                    && (reasons & Reasons.OPERATOR_COMMAND) == 0) {
                fallback = true;
            }
            if (mode == FlightMode.IDLE || mode == FlightMode.SNN) {
                fallback = false;
            }
            if (mode != FlightMode.LAND) {
                faultLanding = false;
                if (mode == FlightMode.IDLE) {
                    return LoopHealth.STANDBY;
                }
                return fallback || (reasons & STATE_FAULTS) != 0 ? LoopHealth.CRITICAL : LoopHealth.ACTIVE;
            }
            if ((reasons & Reasons.LAND_FAULTS) != 0) {
                faultLanding = true;
            }
            if ((reasons & OPEN_LOOP) != 0) {
                return LoopHealth.EMERGENCY;
            }
            return faultLanding || fallback ? LoopHealth.CRITICAL : LoopHealth.ACTIVE;
        }
    }

    private String summary(RingDrainer drainer) {
        String hover = hoverThrustChecked() ? hoverThrust.describe() : String.format(java.util.Locale.ROOT,
                "hover thrust not measured: the PID never hovered settled for %.1f s; %s %.3f is unchecked",
                controller.hoverThrust().windowS(), HoverThrustReport.FIELD, settings.flight().limits().hoverThrust());
        Histogram late = timing.latenessSinceStart();
        Histogram tick = timing.durationSinceStart();
        return String.format(java.util.Locale.ROOT,
                "flight over: %d ticks, %d missed, %d fallbacks, %d mode changes, last mode %s; lateness p99 %.0f us "
                        + "max %.0f us; tick p99 %.1f us max %.1f us; trace rows lost %d%n%s%n%s%nlog: %s%s",
                runner.ticks(), runner.missedTicks(), controller.fallbacks(), controller.transitions(),
                controller.mode(), late.getValueAtPercentile(99) / 1e3, late.getMaxValue() / 1e3,
                tick.getValueAtPercentile(99) / 1e3, tick.getMaxValue() / 1e3, drainer.lost(), hover,
                handOver.summaryLine(), tlogFile,
                traceFile == null ? "" : System.lineSeparator() + "trace: " + traceFile) + recordingLine()
                + telemetrySummary();
    }

    /** For each MQTT publisher among the ring's readers: what it sent and dropped, and ring rows it fell behind on. */
    private String telemetrySummary() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < extraConsumers.size() && i < extraDrainers.size(); i++) {
            if (extraConsumers.get(i) instanceof MqttTelemetry telemetry) {
                out.append(System.lineSeparator()).append(telemetry.summaryLine()).append("; ring rows it fell behind "
                        + "on ").append(extraDrainers.get(i).lost());
            }
        }
        return out.toString();
    }

    /** Nothing while recording went on to the end; otherwise when and why it stopped, and where the trace ends. */
    private String recordingLine() {
        String reason = recording.stopReason();
        if (reason == null) {
            return "";
        }
        String traceEnd = traceWriter == null || traceFile == null ? ""
                : traceWriter.lastRowTick() < 0 ? "; the trace has no ticks"
                : "; the trace ends at tick " + traceWriter.lastRowTick();
        return String.format(java.util.Locale.ROOT, "%nrecording stopped %.1f s after the start: %s; the loop flew on "
                + "(%d ticks)%s", (recording.stoppedAtNs() - startNs) * 1e-9, reason, runner.ticks(), traceEnd);
    }

    /** The flown policy's identity as the trace's format line gives it; null before the loop was built. */
    public String policyId() {
        return policyId;
    }

    /** Which network activity the flight's records carry; null before the loop was built. */
    public NetworkActivityLayout activityLayout() {
        return controller == null ? null : controller.activityLayout();
    }

    /** The flight's trace, or null when {@code record.trace} is off or the flight has not started. */
    public Path traceFile() {
        return traceFile;
    }

    /** The control loop's thread once started, else null: the soak meters its allocation. */
    public Thread loopThread() {
        return loopThread;
    }

    /** The loop runner once started (ticks, missed ticks), else null. */
    public LoopRunner loopRunner() {
        return runner;
    }

    /** The tick timing once the loop runs, else null. */
    public HdrTickTimingRecorder tickTiming() {
        return timing;
    }

    /** The supervisor's fallbacks (SNN to PID on a fault) so far, 0 before the loop runs. */
    public long fallbacks() {
        return controller == null ? 0 : controller.fallbacks();
    }

    public Path tlogFile() {
        return tlogFile;
    }

    /** The take-off hover's verdict on the hover thrust, or null before it was reported. */
    public HoverThrustReport hoverThrustReport() {
        return hoverThrust;
    }
}
