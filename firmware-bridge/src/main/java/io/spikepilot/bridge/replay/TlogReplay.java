package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.state.AssemblerStateSource;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.replay.FlownCommand;
import io.spikepilot.controller.replay.Lockstep;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.ReplayComparison;
import io.spikepilot.controller.replay.WhatIfComparison;
import io.spikepilot.controller.replay.WhatIfPilot;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a .tlog through the controller in lockstep. The vehicle's state messages go, at their logged times, into
 * the same {@link StateAssembler} and {@link AssemblerStateSource} the live loop reads, and the controller is ticked:
 *
 * <ul>
 *   <li>at our own SET_ATTITUDE_TARGET records when the log holds them (a flight of ours): each replayed tick's
 *       setpoint is encoded as the link would have sent it and compared bit for bit with the logged one. The inputs
 *       a .tlog does not carry (operator commands and targets, the demo's injected faults, tick timing) come from
 *       the flight's trace when there is one; the frames a tick saw are those logged before its setpoint and not
 *       after its start;</li>
 *   <li>otherwise at the configuration's rate over the log (a flight flown by someone else): a {@link WhatIfPilot}
 *       takes off on the first usable state and flies the autopilot's logged POSITION_TARGET_LOCAL_NED, and the
 *       network's commands are set against the autopilot's ATTITUDE_TARGET.</li>
 * </ul>
 *
 * Frames of other systems (the GCS, a companion) and of messages the catalog does not know are skipped; a record
 * whose time is earlier than the latest one is delivered at the latest time, so the state never ages backwards.
 */
public final class TlogReplay {
    private final Path file;
    private final TlogCensus census;
    private final TlogVehicle vehicle;
    private final FlightConfig config;
    private final StateAssembler assembler;
    private final AssemblerStateSource source;
    private final Lockstep lockstep;
    private final AttitudeSetpoint sent = new AttitudeSetpoint();
    private final FlownCommand flown = new FlownCommand();
    private final VehicleState probe = new VehicleState();
    private final double[] logTargetNwuM = {Double.NaN, Double.NaN, Double.NaN};
    private double logTargetYawRad = Double.NaN;
    private boolean haveLogTarget;
    private final double[] scratchNed = new double[4];
    private final double[] scratchNwu = new double[4];
    private final int ownSource;
    private long latestUs = Long.MIN_VALUE;
    private long originUs;
    private boolean sentThisTick;
    /** With a trace: exact arrival times by logged timestamp, else null. */
    private Map<Long, Long> exactNs;

    private TlogReplay(Path file, TlogCensus census, TlogVehicle vehicle, FlightConfig config, Policy policy,
                       boolean policyMatchesConfig) {
        this.file = file;
        this.census = census;
        this.vehicle = vehicle;
        this.config = config;
        this.assembler = new StateAssembler(vehicle.systemId(), vehicle.componentId());
        this.source = new AssemblerStateSource(assembler);
        this.lockstep = new Lockstep(config, policy, policyMatchesConfig, source, (nowNs, setpoint, mode) -> {
            sent.copyFrom(setpoint);
            sentThisTick = true;
        });
        this.ownSource = ownSetpointSource(census, vehicle);
    }

    /**
     * @param trace    our flight's trace, for the inputs a .tlog lacks, or null
     * @param replayed receives every replayed record (the replayed trace), or null
     * @param whatIf   receives every replayed tick with the command the log says was flown, or null
     */
    public static LogReplayResult run(Path file, TlogCensus census, TlogVehicle vehicle, FlightConfig config,
                                      Policy policy, boolean policyMatchesConfig, RecordedTrace trace,
                                      TickRecordConsumer replayed, WhatIfComparison whatIf) throws Exception {
        TlogReplay replay = new TlogReplay(file, census, vehicle, config, policy, policyMatchesConfig);
        List<String> notes = new ArrayList<>(census.describe());
        notes.add(String.format(java.util.Locale.ROOT, "vehicle: system %d%s%s", vehicle.systemId(),
                vehicle.componentId() == 0 ? " (all components)" : ", component " + vehicle.componentId(),
                vehicle.autopilot() < 0 ? ", no autopilot HEARTBEAT" : ", MAV_AUTOPILOT " + vehicle.autopilot()));
        LogReplayResult result;
        if (replay.ownSource >= 0) {
            notes.add("our SET_ATTITUDE_TARGET from system " + (replay.ownSource >> 8) + ", component "
                    + (replay.ownSource & 0xFF) + ": checked bit for bit");
            result = replay.own(trace, replayed, whatIf, notes);
        } else {
            if (trace != null) {
                notes.add("the trace is not used: the log holds no SET_ATTITUDE_TARGET of ours to match it with");
            }
            result = replay.whatIf(replayed, whatIf, notes);
        }
        if (replayed != null) {
            replayed.caughtUp();
        }
        return result;
    }

    /** The source (not the vehicle) that sent the most SET_ATTITUDE_TARGET to the vehicle or to everyone, or -1. */
    private static int ownSetpointSource(TlogCensus census, TlogVehicle vehicle) {
        int best = -1;
        long bestCount = 0;
        for (Map.Entry<Integer, long[]> e : census.setpointSenders.entrySet()) {
            int target = (int) e.getValue()[1];
            // a companion often shares the vehicle's system id (ours is component 191): what tells it from the
            // autopilot is that it sends no state estimates
            long[] sent = census.counts.get(e.getKey());
            boolean sendsState = sent != null && TlogCensus.stateMessages(sent) > 0;
            if (!sendsState && (target == vehicle.systemId() || target == 0) && e.getValue()[0] > bestCount) {
                best = e.getKey();
                bestCount = e.getValue()[0];
            }
        }
        return best;
    }

    private boolean isOwnSetpoint(MavlinkFrame f) {
        return f.isKnown() && f.messageId() == SetAttitudeTargetMessage.ID
                && (f.systemId() << 8 | f.componentId()) == ownSource;
    }

    /** Delivers one record of the vehicle (or anyone but us) to the state, at its time on the replay clock. */
    private void deliver(TlogRecord r) {
        MavlinkFrame f = r.frame;
        if ((f.systemId() << 8 | f.componentId()) == ownSource) {
            return;
        }
        latestUs = Math.max(latestUs, r.timestampUs);
        long receivedNs = (latestUs - originUs) * 1000L;
        if (exactNs != null) {
            // a .tlog keeps arrival times to 4 µs; where the trace recorded this arrival to the ns, take that, so the
            // supervisor's staleness check sees the very age it saw in flight
            Long exact = exactNs.get(latestUs);
            if (exact != null) {
                receivedNs = exact;
            }
        }
        if (f.systemId() != vehicle.systemId()) {
            return;
        }
        source.onFrame(f, receivedNs);
        assembler.onFrame(f, receivedNs);
        if (!f.isKnown()) {
            return;
        }
        if (f.messageId() == TlogCensus.ATTITUDE_TARGET_ID) {
            readAttitudeTarget(f, receivedNs);
        } else if (f.messageId() == TlogCensus.POSITION_TARGET_LOCAL_NED_ID) {
            readPositionTarget(f);
        }
    }

    /** ATTITUDE_TARGET: time_boot_ms, q[4], body rates, thrust, type_mask (bit 0..2 rates ignored, 7 attitude). */
    private void readAttitudeTarget(MavlinkFrame f, long receivedNs) {
        int mask = f.u8(36);
        flown.timeNs = receivedNs;
        flown.thrustNormalized = (mask & SetAttitudeTargetMessage.IGNORE_THROTTLE) != 0 ? Double.NaN : f.f32(32);
        for (int i = 0; i < 4; i++) {
            scratchNed[i] = f.f32(4 + 4 * i);
        }
        if ((mask & SetAttitudeTargetMessage.IGNORE_ATTITUDE) == 0 && Quaternions.normalize(scratchNed)) {
            Frames.quaternionNedFrdToNwuFlu(scratchNed, flown.attitudeNwuFlu);
        } else {
            java.util.Arrays.fill(flown.attitudeNwuFlu, Double.NaN);
        }
        for (int axis = 0; axis < 3; axis++) {
            scratchNed[axis] = (mask & (1 << axis)) != 0 ? Double.NaN : f.f32(20 + 4 * axis);
        }
        Frames.frdToFlu(scratchNed, flown.bodyRateFluRadps);
    }

    /** POSITION_TARGET_LOCAL_NED in MAV_FRAME_LOCAL_NED with a position (type_mask bits 0..2 clear). */
    private void readPositionTarget(MavlinkFrame f) {
        int mask = f.u16(48);
        int frame = f.u8(50);
        if (frame != 1 || (mask & 0x7) != 0) {
            return;
        }
        scratchNed[0] = f.f32(4);
        scratchNed[1] = f.f32(8);
        scratchNed[2] = f.f32(12);
        if (!Double.isFinite(scratchNed[0]) || !Double.isFinite(scratchNed[1]) || !Double.isFinite(scratchNed[2])) {
            return;
        }
        Frames.nedToNwu(scratchNed, logTargetNwuM);
        logTargetYawRad = (mask & 0x400) != 0 ? Double.NaN : Frames.yawNedToNwu(f.f32(40));
        haveLogTarget = true;
    }

    private LogReplayResult own(RecordedTrace trace, TickRecordConsumer replayed, WhatIfComparison whatIf,
                                List<String> notes) throws Exception {
        boolean thrustBody = false;
        List<Long> ownTimes = new ArrayList<>();
        try (TlogReader reader = TlogReader.open(file)) {
            TlogRecord r = new TlogRecord();
            while (reader.next(r)) {
                if (isOwnSetpoint(r.frame)) {
                    if (ownTimes.isEmpty()) {
                        thrustBody = (SetAttitudeTargetMessage.typeMask(r.frame)
                                & SetAttitudeTargetMessage.THRUST_BODY_SET) != 0;
                    }
                    ownTimes.add(r.timestampUs);
                }
            }
        }
        SetpointBitCheck check = new SetpointBitCheck(vehicle.ardupilot(), thrustBody);
        ReplayComparison traceComparison = null;
        long ticks = 0;
        String kind;
        try (TlogReader reader = TlogReader.open(file)) {
            Feed feed = new Feed(reader);
            TickRecord out = new TickRecord();
            if (trace != null) {
                kind = "our own flight: state from the .tlog, operator inputs and tick timing from " + trace.file();
                originUs = unixOffsetUs(trace, ownTimes);
                if (originUs == Long.MIN_VALUE) {
                    throw new LogReplayException(file + ": the trace " + trace.file() + " is not this flight's: "
                            + "expected its ticks at the times of the log's SET_ATTITUDE_TARGET records, found "
                            + "no offset that lines them up");
                }
                exactNs = exactArrivalTimes(trace);
                traceComparison = new ReplayComparison();
                for (TickRecord row : trace.rows()) {
                    long tickUs = (originUs + row.nowNs / 1000L) & ~3L;
                    MavlinkFrame logged = feed.upToTraced(tickUs, row);
                    if (logged == null && feed.exhausted()) {
                        notes.add("the .tlog ends before tick " + row.tick + " of the trace's " + trace.rows().size()
                                + " (" + census.records + " records" + (census.truncatedTailBytes > 0
                                ? ", cut at byte " + census.endOfLastRecord : "") + "): replayed up to there");
                        break;
                    }
                    lockstep.fault().set(row.faultInjected);
                    if (row.command != OperatorCommand.NONE.ordinal()) {
                        lockstep.inbox().submit(OperatorCommand.ofOrdinal(row.command));
                    }
                    if (row.targetRequested) {
                        lockstep.inbox().submitTarget(new TargetRequest(row.requestedTargetNwuM[0],
                                row.requestedTargetNwuM[1], row.requestedTargetNwuM[2], row.requestedYawRad));
                    }
                    tick(row.nowNs, row.deadlineNs, row.missedTicks, row.previousTickNs, out, logged, check,
                            replayed, whatIf);
                    traceComparison.add(row, out);
                    ticks++;
                }
                if (feed.unmatchedOwn > 0) {
                    notes.add(feed.unmatchedOwn + " logged SET_ATTITUDE_TARGET matched no tick of the trace (sent "
                            + "outside the loop, e.g. by the OFFBOARD hand-shake before the first tick)");
                }
            } else {
                kind = "our own flight without its trace: ticks at the logged SET_ATTITUDE_TARGET times; the "
                        + "operator's commands are not in a .tlog, so the replay takes off on the first usable "
                        + "state and holds there (pass the flight's trace with --trace for a bit-for-bit check)";
                originUs = census.firstUs;
                WhatIfPilot pilot = new WhatIfPilot();
                for (long tickUs : ownTimes) {
                    MavlinkFrame logged = feed.upTo(tickUs, true);
                    long nowNs = (tickUs - originUs) * 1000L;
                    pilotInputs(pilot);
                    tick(nowNs, nowNs, 0, 0, out, logged, check, replayed, whatIf);
                    ticks++;
                }
            }
        }
        notes.add(check.verdict());
        boolean identical = check.compared() > 0 && check.differing() == 0
                && (traceComparison == null || traceComparison.identical());
        return new LogReplayResult(ticks, kind, notes, check.verdict(), identical, traceComparison);
    }

    private LogReplayResult whatIf(TickRecordConsumer replayed, WhatIfComparison whatIf, List<String> notes)
            throws Exception {
        long periodUs = Math.max(1, config.periodNs() / 1000L);
        originUs = census.firstUs;
        long ticks = 0;
        WhatIfPilot pilot = new WhatIfPilot();
        try (TlogReader reader = TlogReader.open(file)) {
            Feed feed = new Feed(reader);
            TickRecord out = new TickRecord();
            for (long tickUs = census.firstUs + periodUs; tickUs <= census.lastUs; tickUs += periodUs) {
                feed.upTo(tickUs, false);
                long nowNs = (tickUs - originUs) * 1000L;
                pilotInputs(pilot);
                tick(nowNs, nowNs, 0, 0, out, null, null, replayed, whatIf);
                ticks++;
            }
        }
        if (!haveLogTarget) {
            notes.add("no POSITION_TARGET_LOCAL_NED (position, MAV_FRAME_LOCAL_NED) from the vehicle: the replay "
                    + "holds the position where it took off");
        }
        if (!flown.present()) {
            notes.add("no ATTITUDE_TARGET from the vehicle: nothing flown to set the network's commands against");
        }
        return new LogReplayResult(ticks, "what-if: a flight flown without us, ticked at the configuration's "
                + Math.round(config.rateHz()) + " Hz", notes, null, false, null);
    }

    private void pilotInputs(WhatIfPilot pilot) {
        boolean valid = source.readLatest(probe) && probe.isValid(FlightConfig.QUATERNION_TOLERANCE);
        pilot.before(lockstep.inbox(), valid, probe.positionNwuM, Quaternions.yaw(probe.attitudeNwuFlu),
                haveLogTarget ? logTargetNwuM : null, logTargetYawRad);
    }

    private void tick(long nowNs, long deadlineNs, long missed, long previousNs, TickRecord out, MavlinkFrame logged,
                      SetpointBitCheck check, TickRecordConsumer replayed, WhatIfComparison whatIf)
            throws Exception {
        sentThisTick = false;
        lockstep.tick(nowNs, deadlineNs, missed, previousNs, out);
        if (logged != null) {
            if (sentThisTick) {
                check.compare(out.tick, sent, logged);
            }
            // our own setpoint is what was flown: the what-if table then shows the replay against what was sent
            readAttitudeTarget(logged, nowNs);
        }
        if (replayed != null) {
            replayed.accept(out);
        }
        if (whatIf != null) {
            whatIf.add(out, flown);
        }
    }

    /**
     * Arrival times the trace holds to the ns (each tick's state time, the arrival of its state's oldest part, and
     * its link's last arrival), by the 4-µs .tlog timestamp they were logged under.
     */
    private Map<Long, Long> exactArrivalTimes(RecordedTrace trace) {
        Map<Long, Long> exact = new java.util.HashMap<>();
        for (TickRecord row : trace.rows()) {
            for (long ns : new long[] {row.stateTimeNs, row.linkLastRxNs}) {
                if (ns != io.spikepilot.controller.loop.StateSource.NO_MESSAGE && ns > 0) {
                    exact.putIfAbsent((originUs + ns / 1000L) & ~3L, ns);
                }
            }
        }
        return exact;
    }

    /** The Unix µs of monotonic 0 on the flight's link: the offset that puts the trace's ticks on our records. */
    private static long unixOffsetUs(RecordedTrace trace, List<Long> ownTimes) {
        if (trace.rows().isEmpty() || ownTimes.isEmpty()) {
            return Long.MIN_VALUE;
        }
        Set<Long> times = new HashSet<>(ownTimes);
        int probes = Math.min(200, trace.rows().size());
        long bestOffset = Long.MIN_VALUE;
        int bestHits = 0;
        for (int k = 0; k < Math.min(8, ownTimes.size()); k++) {
            long base = ownTimes.get(k) - trace.rows().get(0).nowNs / 1000L;
            for (long offset = base - 4; offset <= base + 4; offset++) {
                int hits = 0;
                for (int i = 0; i < probes; i++) {
                    if (times.contains((offset + trace.rows().get(i).nowNs / 1000L) & ~3L)) {
                        hits++;
                    }
                }
                if (hits > bestHits) {
                    bestHits = hits;
                    bestOffset = offset;
                }
            }
        }
        return bestHits * 2 > probes ? bestOffset : Long.MIN_VALUE;
    }

    /**
     * Reads the log ahead of the ticks. Records a tick did not see yet stay queued in file order while the reader
     * looks past them for the tick's own setpoint (a frame received just before the tick's read but published just
     * after it is logged before the tick's setpoint).
     */
    private final class Feed {
        /** How far past a tick the reader looks for its setpoint. */
        private static final long LOOK_AHEAD_US = 50_000;
        private final TlogReader reader;
        private final java.util.ArrayDeque<TlogRecord> spare = new java.util.ArrayDeque<>();
        private final List<TlogRecord> queued = new ArrayList<>();
        private final MavlinkFrame logged = new MavlinkFrame();
        private final StateAssembler probe = new StateAssembler(0, 0);
        private final io.spikepilot.bridge.state.AssembledState probeState =
                new io.spikepilot.bridge.state.AssembledState();
        private boolean done;
        long unmatchedOwn;

        Feed(TlogReader reader) {
            this.reader = reader;
        }

        /**
         * Delivers the records a tick at {@code tickUs} saw: those logged up to its time. With
         * {@code stopAtOwn}, finds our setpoint of this tick and returns it (or null when the tick sent none that
         * was logged); our setpoints of other times (the OFFBOARD hand-shake streams some before the loop's first
         * tick) are counted as unmatched.
         */
        MavlinkFrame upTo(long tickUs, boolean stopAtOwn) throws java.io.IOException {
            MavlinkFrame found = null;
            boolean blocked = false;
            int i = 0;
            while (true) {
                if (i == queued.size() && !read()) {
                    break;
                }
                TlogRecord r = queued.get(i);
                if (stopAtOwn && isOwnSetpoint(r.frame)) {
                    if (r.timestampUs > tickUs) {
                        break;
                    }
                    if (r.timestampUs == tickUs && found == null) {
                        logged.copyFrom(r.frame);
                        found = logged;
                    } else {
                        unmatchedOwn++;
                    }
                    release(i);
                    continue;
                }
                boolean seen = r.timestampUs <= tickUs;
                if (!blocked && seen) {
                    deliver(r);
                    release(i);
                    continue;
                }
                // not seen by this tick: everything after it waits too, to keep the file's order
                blocked = true;
                if (!stopAtOwn || found != null || r.timestampUs > tickUs + LOOK_AHEAD_US) {
                    break;
                }
                i++;
            }
            return found;
        }

        /**
         * For a tick of our trace: finds the tick's setpoint among the records ahead and delivers the records logged
         * before it that the tick's state read had seen. A .tlog stamps a frame when it arrived, not when it reached
         * the state, so a frame that arrived microseconds before the tick may have missed the read; of the frames
         * logged before the setpoint, the replay delivers the longest run whose state matches the state the trace
         * says the tick read (values from the log, bits compared), and keeps the rest for the next tick. When no run
         * matches, it delivers what had arrived by the tick's start and the divergence shows in the comparison.
         */
        MavlinkFrame upToTraced(long tickUs, TickRecord row) throws java.io.IOException {
            int own = -1;
            int i = 0;
            while (true) {
                if (i == queued.size() && !read()) {
                    break;
                }
                TlogRecord r = queued.get(i);
                if (isOwnSetpoint(r.frame)) {
                    if (r.timestampUs == tickUs) {
                        own = i;
                        break;
                    }
                    if (r.timestampUs > tickUs) {
                        break;
                    }
                } else if (r.timestampUs > tickUs + LOOK_AHEAD_US) {
                    break;
                }
                i++;
            }
            int limit = own >= 0 ? own : i;
            int arrived = 0;
            while (arrived < limit && queued.get(arrived).timestampUs <= tickUs) {
                arrived++;
            }
            int seen = arrived;
            for (int j = limit; j >= 0; j--) {
                if (stateMatches(j, row)) {
                    seen = j;
                    break;
                }
            }
            MavlinkFrame found = null;
            if (own >= 0) {
                logged.copyFrom(queued.get(own).frame);
                found = logged;
            }
            // deliver the seen run, drop our own setpoints in it (counted when they are not this tick's)
            for (int k = 0, delivered = 0; k < seen; k++) {
                TlogRecord r = queued.get(delivered);
                if (isOwnSetpoint(r.frame)) {
                    unmatchedOwn++;
                } else {
                    deliver(r);
                }
                release(delivered);
            }
            if (own >= 0) {
                release(own - seen);
            }
            return found;
        }

        /** Whether delivering the first {@code j} queued records gives the position and attitude the row read. */
        private boolean stateMatches(int j, TickRecord row) {
            int lastPosition = -1;
            int lastAttitude = -1;
            for (int k = 0; k < j; k++) {
                MavlinkFrame f = queued.get(k).frame;
                if (f.systemId() != vehicle.systemId() || !f.isKnown()) {
                    continue;
                }
                if (f.messageId() == io.spikepilot.bridge.codec.LocalPositionNedMessage.ID) {
                    lastPosition = k;
                } else if (f.messageId() == io.spikepilot.bridge.codec.AttitudeQuaternionMessage.ID) {
                    lastAttitude = k;
                }
            }
            return matches(lastPosition, row, true) && matches(lastAttitude, row, false);
        }

        private boolean matches(int index, TickRecord row, boolean position) {
            if (index < 0) {
                assembler.read(probeState);
            } else {
                probe.onFrame(queued.get(index).frame, 0);
                probe.read(probeState);
            }
            VehicleState st = probeState.state;
            if (position) {
                return same(st.positionNwuM, row.statePositionNwuM) && same(st.velocityNwuMps, row.stateVelocityNwuMps);
            }
            return same(st.attitudeNwuFlu, row.stateAttitudeNwuFlu)
                    && same(st.bodyRateFluRadps, row.stateBodyRateFluRadps);
        }

        /** True once the whole log has been read and delivered. */
        boolean exhausted() {
            return done && queued.isEmpty();
        }

        private boolean read() throws java.io.IOException {
            if (done) {
                return false;
            }
            TlogRecord r = spare.isEmpty() ? new TlogRecord() : spare.pop();
            if (!reader.next(r)) {
                done = true;
                return false;
            }
            queued.add(r);
            return true;
        }

        private void release(int index) {
            spare.push(queued.remove(index));
        }
    }

    private static boolean same(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
