package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.ulog.UlogField;
import io.spikepilot.bridge.ulog.UlogReader;
import io.spikepilot.bridge.ulog.UlogSample;
import io.spikepilot.bridge.ulog.UlogTopic;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.replay.FlownCommand;
import io.spikepilot.controller.replay.Lockstep;
import io.spikepilot.controller.replay.WhatIfComparison;
import io.spikepilot.controller.replay.WhatIfPilot;
import io.spikepilot.controller.state.VehicleState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What-if replay of a PX4 ULog: a flight flown by PX4's own controller, fed to ours tick by tick. The state comes
 * from vehicle_local_position, vehicle_attitude and vehicle_angular_velocity (older logs: vehicle_attitude's own
 * rollspeed/pitchspeed/yawspeed); the target from vehicle_local_position_setpoint or trajectory_setpoint; what PX4
 * flew from vehicle_attitude_setpoint (q_d, thrust or thrust_body), vehicle_rates_setpoint (yaw rate) and, when the
 * attitude setpoint carries no thrust, vehicle_thrust_setpoint. Samples are taken in file order at their own
 * {@code timestamp}; the controller ticks at the configuration's rate whenever the log's time passes a tick.
 *
 * <p>Multi-instance topics: instance 0 is replayed (PX4's primary), the others are counted and named. A sample whose
 * timestamp is earlier than its topic's latest is applied at the latest time (reported, not fatal).
 */
public final class UlogReplay {
    private static final String LOCAL_POSITION = "vehicle_local_position";
    private static final String ATTITUDE = "vehicle_attitude";
    private static final String ANGULAR_VELOCITY = "vehicle_angular_velocity";
    private static final String ATTITUDE_SETPOINT = "vehicle_attitude_setpoint";
    private static final String RATES_SETPOINT = "vehicle_rates_setpoint";
    private static final String THRUST_SETPOINT = "vehicle_thrust_setpoint";
    private static final String POSITION_SETPOINT = "vehicle_local_position_setpoint";
    private static final String TRAJECTORY_SETPOINT = "trajectory_setpoint";
    private static final int MAX_NOTED = 5;

    private final UlogStateSource source = new UlogStateSource();
    private final FlownCommand flown = new FlownCommand();
    private final VehicleState probe = new VehicleState();
    private final double[] targetNwuM = {Double.NaN, Double.NaN, Double.NaN};
    private double targetYawRad = Double.NaN;
    private boolean haveTarget;
    private boolean attitudeSetpointThrust;
    private final double[] ned = new double[4];
    private final double[] nwu = new double[4];
    /** Per subscription (by identity: the reader hands out one topic object per subscription). */
    private final Map<UlogTopic, long[]> perTopic = new java.util.IdentityHashMap<>();
    private static final int LATEST = 0;
    private static final int COUNT = 1;
    private long backwardsSteps;
    private final List<String> backwards = new ArrayList<>();
    private boolean angularVelocityTopic;

    private UlogReplay() {
    }

    /**
     * The topics with data, read until both state topics the replay needs have shown up (at once in a real log, so
     * this costs nothing on a long one); all of them when one never does.
     */
    private static java.util.Set<String> topicsUntilState(Path file) throws java.io.IOException {
        java.util.Set<String> topics = new TreeSet<>();
        try (UlogReader reader = UlogReader.open(file)) {
            UlogSample s = new UlogSample();
            while (reader.next(s)) {
                if (topics.add(s.topic().name()) && topics.contains(LOCAL_POSITION) && topics.contains(ATTITUDE)) {
                    break;
                }
            }
        }
        return topics;
    }

    /**
     * @param replayed receives every replayed record (the replayed trace), or null
     * @param whatIf   receives every replayed tick with PX4's command at that time, or null
     */
    public static LogReplayResult run(Path file, FlightConfig config, Policy policy, boolean policyMatchesConfig,
                                      TickRecordConsumer replayed, WhatIfComparison whatIf) throws Exception {
        java.util.Set<String> topics = topicsUntilState(file);
        List<String> missing = new ArrayList<>();
        if (!topics.contains(LOCAL_POSITION)) {
            missing.add(LOCAL_POSITION + " (position and velocity)");
        }
        if (!topics.contains(ATTITUDE)) {
            missing.add(ATTITUDE + " (attitude)");
        }
        if (!missing.isEmpty()) {
            throw new LogReplayException(file + ": the log lacks topics the replay needs: expected "
                    + String.join(" and ", missing) + ", found " + (topics.isEmpty() ? "no data at all"
                    : topics.size() + " other topics (" + String.join(", ", topics) + ")"));
        }
        return new UlogReplay().replay(file, config, policy, policyMatchesConfig, replayed, whatIf);
    }

    private LogReplayResult replay(Path file, FlightConfig config, Policy policy, boolean policyMatchesConfig,
                                   TickRecordConsumer replayed, WhatIfComparison whatIf) throws Exception {
        Lockstep lockstep = new Lockstep(config, policy, policyMatchesConfig, source, (nowNs, setpoint, mode) -> { });
        WhatIfPilot pilot = new WhatIfPilot();
        TickRecord out = new TickRecord();
        long periodUs = Math.max(1, config.periodNs() / 1000L);
        long nextTickUs = Long.MIN_VALUE;
        long ticks = 0;
        List<String> notes = new ArrayList<>();
        try (UlogReader reader = UlogReader.open(file)) {
            UlogSample s = new UlogSample();
            while (reader.next(s)) {
                UlogTopic topic = s.topic();
                String name = topic.name();
                if (!isUsed(name)) {
                    continue;
                }
                long[] stats = perTopic.computeIfAbsent(topic, k -> new long[] {Long.MIN_VALUE, 0});
                stats[COUNT]++;
                if (topic.multiId() != 0) {
                    continue;
                }
                long t = monotonic(stats, name, s.timestampUs(), s.fileOffset());
                if (t <= 0) {
                    continue;
                }
                if (nextTickUs == Long.MIN_VALUE && isState(name)) {
                    nextTickUs = t + periodUs;
                }
                while (nextTickUs != Long.MIN_VALUE && t > nextTickUs) {
                    long nowNs = nextTickUs * 1000L;
                    boolean valid = source.readLatest(probe) && probe.isValid(FlightConfig.QUATERNION_TOLERANCE);
                    pilot.before(lockstep.inbox(), valid, probe.positionNwuM, Quaternions.yaw(probe.attitudeNwuFlu),
                            haveTarget ? targetNwuM : null, targetYawRad);
                    lockstep.tick(nowNs, nowNs, 0, 0, out);
                    if (replayed != null) {
                        replayed.accept(out);
                    }
                    if (whatIf != null) {
                        whatIf.add(out, flown);
                    }
                    ticks++;
                    nextTickUs += periodUs;
                }
                apply(s, name, t * 1000L);
            }
            notes.add(String.format(Locale.ROOT, "%s: ULog version %d, %s%s; %d data messages, %s", file,
                    reader.version(), reader.info().getOrDefault("sys_name", "?") + " "
                            + reader.info().getOrDefault("ver_sw", "?"),
                    reader.hasAppendedData() ? ", with appended data" : "", reader.dataMessages(), reader.extras()));
            for (String d : reader.damage()) {
                notes.add("damage: " + d);
            }
            if (reader.stopNote() != null) {
                notes.add("stopped: " + reader.stopNote() + "; replayed up to there");
            }
        }
        Map<String, TreeSet<Integer>> instances = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        perTopic.forEach((topic, stats) -> {
            instances.computeIfAbsent(topic.name(), k -> new TreeSet<>()).add(topic.multiId());
            if (topic.multiId() == 0) {
                counts.merge(topic.name(), stats[COUNT], Long::sum);
            }
        });
        instances.forEach((name, ids) -> {
            if (ids.size() > 1 || !ids.contains(0)) {
                notes.add(name + " has instances " + ids + ": instance 0 replayed, the others skipped");
            }
        });
        notes.add("samples used: " + counts);
        if (!angularVelocityTopic) {
            notes.add("no " + ANGULAR_VELOCITY + ": body rates from " + ATTITUDE + "'s rollspeed/pitchspeed/yawspeed");
        }
        if (!haveTarget) {
            notes.add("no " + POSITION_SETPOINT + " or " + TRAJECTORY_SETPOINT + " with a position: the replay holds "
                    + "the position where it took off");
        }
        if (!flown.present()) {
            notes.add("no " + ATTITUDE_SETPOINT + ": nothing PX4 flew to set the network's commands against");
        }
        if (backwardsSteps > 0) {
            notes.add("time went backwards " + backwardsSteps + " times (" + String.join("; ", backwards)
                    + (backwardsSteps > backwards.size() ? "; ..." : "") + "): those samples were applied at their "
                    + "topic's latest time");
        }
        return new LogReplayResult(ticks, "what-if: a flight flown by PX4, ticked at the configuration's "
                + Math.round(config.rateHz()) + " Hz", notes, null, false, null);
    }

    private static boolean isUsed(String name) {
        switch (name) {
            case LOCAL_POSITION: case ATTITUDE: case ANGULAR_VELOCITY: case ATTITUDE_SETPOINT: case RATES_SETPOINT:
            case THRUST_SETPOINT: case POSITION_SETPOINT: case TRAJECTORY_SETPOINT:
                return true;
            default:
                return false;
        }
    }

    private static boolean isState(String name) {
        return name.equals(LOCAL_POSITION) || name.equals(ATTITUDE) || name.equals(ANGULAR_VELOCITY);
    }

    /** The sample's time, never earlier than its topic's latest; 0 when it has none. */
    private long monotonic(long[] stats, String topic, long timestampUs, long fileOffset) {
        if (timestampUs <= 0) {
            return 0;
        }
        long latest = stats[LATEST];
        if (timestampUs < latest) {
            backwardsSteps++;
            if (backwards.size() < MAX_NOTED) {
                backwards.add(String.format(Locale.ROOT, "%s at byte %d went back %.6f s", topic, fileOffset,
                        (latest - timestampUs) * 1e-6));
            }
            return latest;
        }
        stats[LATEST] = timestampUs;
        return timestampUs;
    }

    private void apply(UlogSample s, String name, long timeNs) {
        switch (name) {
            case LOCAL_POSITION:
                source.position(timeNs, s.value("x", 0), s.value("y", 0), s.value("z", 0), s.value("vx", 0),
                        s.value("vy", 0), s.value("vz", 0));
                break;
            case ATTITUDE:
                UlogField q = s.topic().field("q");
                if (q != null) {
                    source.attitude(timeNs, s.value(q, 0), s.value(q, 1), s.value(q, 2), s.value(q, 3));
                }
                if (!angularVelocityTopic && s.topic().field("rollspeed") != null) {
                    source.rate(timeNs, s.value("rollspeed", 0), s.value("pitchspeed", 0), s.value("yawspeed", 0));
                }
                break;
            case ANGULAR_VELOCITY:
                angularVelocityTopic = true;
                UlogField xyz = s.topic().field("xyz");
                if (xyz != null) {
                    source.rate(timeNs, s.value(xyz, 0), s.value(xyz, 1), s.value(xyz, 2));
                }
                break;
            case ATTITUDE_SETPOINT:
                attitudeSetpoint(s, timeNs);
                break;
            case RATES_SETPOINT:
                ned[0] = s.value("roll", 0);
                ned[1] = s.value("pitch", 0);
                ned[2] = s.value("yaw", 0);
                Frames.frdToFlu(ned, flown.bodyRateFluRadps);
                break;
            case THRUST_SETPOINT:
                if (!attitudeSetpointThrust) {
                    flown.thrustNormalized = -s.value("xyz", 2);
                }
                break;
            case POSITION_SETPOINT:
                target(s.value("x", 0), s.value("y", 0), s.value("z", 0), s.value("yaw", 0));
                break;
            case TRAJECTORY_SETPOINT:
                if (s.topic().field("position") != null) {
                    target(s.value("position", 0), s.value("position", 1), s.value("position", 2), s.value("yaw", 0));
                } else {
                    target(s.value("x", 0), s.value("y", 0), s.value("z", 0), s.value("yaw", 0));
                }
                break;
            default:
                break;
        }
    }

    private void attitudeSetpoint(UlogSample s, long timeNs) {
        flown.timeNs = timeNs;
        UlogField qd = s.topic().field("q_d");
        if (qd != null) {
            for (int i = 0; i < 4; i++) {
                ned[i] = s.value(qd, i);
            }
        } else {
            Quaternions.fromEulerZyx(s.value("roll_body", 0), s.value("pitch_body", 0), s.value("yaw_body", 0), ned);
        }
        if (Quaternions.normalize(ned)) {
            Frames.quaternionNedFrdToNwuFlu(ned, flown.attitudeNwuFlu);
        } else {
            java.util.Arrays.fill(flown.attitudeNwuFlu, Double.NaN);
        }
        if (s.topic().field("thrust_body") != null) {
            flown.thrustNormalized = -s.value("thrust_body", 2);
            attitudeSetpointThrust = true;
        } else if (s.topic().field("thrust") != null) {
            flown.thrustNormalized = s.value("thrust", 0);
            attitudeSetpointThrust = true;
        }
    }

    private void target(double x, double y, double z, double yawNed) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            return;
        }
        ned[0] = x;
        ned[1] = y;
        ned[2] = z;
        Frames.nedToNwu(ned, nwu);
        System.arraycopy(nwu, 0, targetNwuM, 0, 3);
        targetYawRad = Double.isFinite(yawNed) ? Frames.yawNedToNwu(yawNed) : Double.NaN;
        haveTarget = true;
    }
}
