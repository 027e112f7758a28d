package io.spikepilot.bridge.state;

import io.spikepilot.bridge.codec.AttitudeMessage;
import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.HighresImuMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.OdometryMessage;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.math.Quaternions;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Merges LOCAL_POSITION_NED, ATTITUDE_QUATERNION, ATTITUDE, ODOMETRY and HIGHRES_IMU from the autopilot into one
 * state in NWU/FLU, converting through {@link Frames} only.
 *
 * <p>One writer (the link thread, through {@link #onFrame}) and any number of readers. The writer builds the next
 * state in private arrays and publishes it under a sequence lock: odd while writing, even when stable. A reader copies
 * and retries if the sequence moved; neither side locks or allocates. Time is the {@code receivedNs} passed with the
 * bytes, never read here.
 *
 * <p>ODOMETRY counts when its frame_id is MAV_FRAME_LOCAL_NED or MAV_FRAME_LOCAL_FRD; a LOCAL_FRD pose (x along the
 * heading at start) is taken as if it were NED, which is consistent as long as the autopilot does not also stream
 * LOCAL_POSITION_NED in true NED: pick one position source per vehicle.
 *
 * <p>ATTITUDE (Euler angles) is only a fallback: it is ignored while ATTITUDE_QUATERNION arrived within the last
 * {@link #QUATERNION_PREFERENCE_NS}, so the two never alternate.
 */
public final class StateAssembler implements FrameListener {
    /** How long a quaternion attitude keeps Euler ATTITUDE messages out. */
    public static final long QUATERNION_PREFERENCE_NS = 500_000_000L;
    /** A reader gives up after this many torn copies in a row and keeps its previous contents. */
    private static final int MAX_READ_ATTEMPTS = 64;

    // Slot layout (doubles): position 0..2, velocity 3..5, attitude 6..9, body rate 10..12, accel 13..15, gyro 16..18
    private static final int POS = 0;
    private static final int VEL = 3;
    private static final int ATT = 6;
    private static final int RATE = 10;
    private static final int ACC = 13;
    private static final int GYRO = 16;
    private static final int DOUBLES = 19;
    // Slot layout (longs): times of position/velocity, attitude, rate, imu, newest, version
    private static final int T_POS = 0;
    private static final int T_ATT = 1;
    private static final int T_RATE = 2;
    private static final int T_IMU = 3;
    private static final int T_NEWEST = 4;
    private static final int VERSION = 5;
    private static final int LONGS = 6;

    private final int autopilotSystemId;
    private final int autopilotComponentId;

    private final double[] working = new double[DOUBLES];
    private final long[] workingTimes = new long[LONGS];
    private final double[] published = new double[DOUBLES];
    private final long[] publishedTimes = new long[LONGS];
    private final AtomicLong sequence = new AtomicLong();
    private long lastQuaternionNs = AssembledState.NEVER;

    // Writer-side scratch for conversions.
    private final double[] ned = new double[3];
    private final double[] nwu = new double[3];
    private final double[] qNed = new double[4];
    private final double[] qNwu = new double[4];

    /**
     * @param autopilotSystemId    the system whose estimates count (0 = any)
     * @param autopilotComponentId the component whose estimates count (0 = any)
     */
    public StateAssembler(int autopilotSystemId, int autopilotComponentId) {
        this.autopilotSystemId = autopilotSystemId;
        this.autopilotComponentId = autopilotComponentId;
        for (int i = 0; i < 4; i++) {
            workingTimes[i] = AssembledState.NEVER;
            publishedTimes[i] = AssembledState.NEVER;
        }
        working[ATT] = 1;
        published[ATT] = 1;
        workingTimes[T_NEWEST] = AssembledState.NEVER;
        publishedTimes[T_NEWEST] = AssembledState.NEVER;
    }

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        if (!frame.isKnown()
                || (autopilotSystemId != 0 && frame.systemId() != autopilotSystemId)
                || (autopilotComponentId != 0 && frame.componentId() != autopilotComponentId)) {
            return;
        }
        boolean changed;
        switch (frame.messageId()) {
            case LocalPositionNedMessage.ID:
                changed = onLocalPosition(frame, receivedNs);
                break;
            case AttitudeQuaternionMessage.ID:
                changed = onAttitudeQuaternion(frame, receivedNs);
                break;
            case AttitudeMessage.ID:
                changed = onAttitude(frame, receivedNs);
                break;
            case OdometryMessage.ID:
                changed = onOdometry(frame, receivedNs);
                break;
            case HighresImuMessage.ID:
                changed = onHighresImu(frame, receivedNs);
                break;
            default:
                changed = false;
        }
        if (changed) {
            workingTimes[T_NEWEST] = receivedNs;
            workingTimes[VERSION]++;
            publish();
        }
    }

    private boolean onLocalPosition(MavlinkFrame f, long nowNs) {
        ned[0] = LocalPositionNedMessage.xM(f);
        ned[1] = LocalPositionNedMessage.yM(f);
        ned[2] = LocalPositionNedMessage.zM(f);
        if (!finite3(ned)) {
            return false;
        }
        Frames.nedToNwu(ned, nwu);
        System.arraycopy(nwu, 0, working, POS, 3);
        ned[0] = LocalPositionNedMessage.vxMps(f);
        ned[1] = LocalPositionNedMessage.vyMps(f);
        ned[2] = LocalPositionNedMessage.vzMps(f);
        if (!finite3(ned)) {
            return false;
        }
        Frames.nedToNwu(ned, nwu);
        System.arraycopy(nwu, 0, working, VEL, 3);
        workingTimes[T_POS] = nowNs;
        return true;
    }

    private boolean onAttitudeQuaternion(MavlinkFrame f, long nowNs) {
        for (int i = 0; i < 4; i++) {
            qNed[i] = AttitudeQuaternionMessage.q(f, i);
        }
        boolean attitude = storeAttitude(nowNs);
        if (attitude) {
            lastQuaternionNs = nowNs;
        }
        ned[0] = AttitudeQuaternionMessage.rollspeedRadps(f);
        ned[1] = AttitudeQuaternionMessage.pitchspeedRadps(f);
        ned[2] = AttitudeQuaternionMessage.yawspeedRadps(f);
        return storeRate(nowNs) | attitude;
    }

    private boolean onAttitude(MavlinkFrame f, long nowNs) {
        boolean attitude = false;
        if (lastQuaternionNs == AssembledState.NEVER || nowNs - lastQuaternionNs > QUATERNION_PREFERENCE_NS) {
            Quaternions.fromEulerZyx(AttitudeMessage.rollRad(f), AttitudeMessage.pitchRad(f),
                    AttitudeMessage.yawRad(f), qNed);
            attitude = storeAttitude(nowNs);
        }
        ned[0] = AttitudeMessage.rollspeedRadps(f);
        ned[1] = AttitudeMessage.pitchspeedRadps(f);
        ned[2] = AttitudeMessage.yawspeedRadps(f);
        return storeRate(nowNs) | attitude;
    }

    private boolean onOdometry(MavlinkFrame f, long nowNs) {
        int frameId = OdometryMessage.frameId(f);
        if (frameId != OdometryMessage.MAV_FRAME_LOCAL_NED && frameId != OdometryMessage.MAV_FRAME_LOCAL_FRD) {
            return false;
        }
        boolean changed = false;
        for (int i = 0; i < 4; i++) {
            qNed[i] = OdometryMessage.q(f, i);
        }
        boolean attitude = storeAttitude(nowNs);
        changed |= attitude;
        ned[0] = OdometryMessage.xM(f);
        ned[1] = OdometryMessage.yM(f);
        ned[2] = OdometryMessage.zM(f);
        double[] velocity = nwu;
        velocity[0] = OdometryMessage.vxMps(f);
        velocity[1] = OdometryMessage.vyMps(f);
        velocity[2] = OdometryMessage.vzMps(f);
        int child = OdometryMessage.childFrameId(f);
        boolean velocityUsable = finite3(velocity);
        if (child == OdometryMessage.MAV_FRAME_BODY_FRD) {
            // Twist is in the body frame: rotate it into the world with this message's own attitude.
            velocityUsable &= attitude;
            if (velocityUsable) {
                Quaternions.rotate(qNed, velocity, velocity);
            }
        } else if (child != frameId) {
            velocityUsable = false;
        }
        if (finite3(ned) && velocityUsable) {
            Frames.nedToNwu(ned, ned);
            System.arraycopy(ned, 0, working, POS, 3);
            Frames.nedToNwu(velocity, velocity);
            System.arraycopy(velocity, 0, working, VEL, 3);
            workingTimes[T_POS] = nowNs;
            changed = true;
        }
        if (child == OdometryMessage.MAV_FRAME_BODY_FRD) {
            ned[0] = OdometryMessage.rollspeedRadps(f);
            ned[1] = OdometryMessage.pitchspeedRadps(f);
            ned[2] = OdometryMessage.yawspeedRadps(f);
            changed |= storeRate(nowNs);
        }
        return changed;
    }

    private boolean onHighresImu(MavlinkFrame f, long nowNs) {
        for (int axis = 0; axis < 3; axis++) {
            ned[axis] = HighresImuMessage.accMps2(f, axis);
            nwu[axis] = HighresImuMessage.gyroRadps(f, axis);
        }
        if (!finite3(ned) || !finite3(nwu)) {
            return false;
        }
        Frames.frdToFlu(ned, ned);
        Frames.frdToFlu(nwu, nwu);
        System.arraycopy(ned, 0, working, ACC, 3);
        System.arraycopy(nwu, 0, working, GYRO, 3);
        workingTimes[T_IMU] = nowNs;
        return true;
    }

    /** Stores qNed (FRD→NED) if it is a usable rotation; normalizes small float rounding away. */
    private boolean storeAttitude(long nowNs) {
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(qNed[i])) {
                return false;
            }
        }
        double norm = Quaternions.norm(qNed);
        if (Math.abs(norm - 1.0) > 0.01 || !Quaternions.normalize(qNed)) {
            return false;
        }
        Frames.quaternionNedFrdToNwuFlu(qNed, qNwu);
        System.arraycopy(qNwu, 0, working, ATT, 4);
        workingTimes[T_ATT] = nowNs;
        return true;
    }

    /** Stores the FRD rate held in {@code ned}. */
    private boolean storeRate(long nowNs) {
        if (!finite3(ned)) {
            return false;
        }
        Frames.frdToFlu(ned, nwu);
        System.arraycopy(nwu, 0, working, RATE, 3);
        workingTimes[T_RATE] = nowNs;
        return true;
    }

    private static boolean finite3(double[] v) {
        return Double.isFinite(v[0]) && Double.isFinite(v[1]) && Double.isFinite(v[2]);
    }

    private void publish() {
        long s = sequence.get();
        sequence.setOpaque(s + 1);
        VarHandle.storeStoreFence();
        System.arraycopy(working, 0, published, 0, DOUBLES);
        System.arraycopy(workingTimes, 0, publishedTimes, 0, LONGS);
        sequence.setRelease(s + 2);
    }

    /**
     * Copies the latest state into {@code out}. Returns false (leaving {@code out} as it was) only if the writer kept
     * rewriting the slot for every one of a bounded number of attempts, which a link thread at a few hundred
     * messages a second cannot do.
     */
    public boolean read(AssembledState out) {
        for (int attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
            long before = sequence.getAcquire();
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            double[] p = published;
            long[] t = publishedTimes;
            double px = p[POS], py = p[POS + 1], pz = p[POS + 2];
            double vx = p[VEL], vy = p[VEL + 1], vz = p[VEL + 2];
            double qw = p[ATT], qx = p[ATT + 1], qy = p[ATT + 2], qz = p[ATT + 3];
            double rx = p[RATE], ry = p[RATE + 1], rz = p[RATE + 2];
            double ax = p[ACC], ay = p[ACC + 1], az = p[ACC + 2];
            double gx = p[GYRO], gy = p[GYRO + 1], gz = p[GYRO + 2];
            long tPos = t[T_POS], tAtt = t[T_ATT], tRate = t[T_RATE], tImu = t[T_IMU], tNew = t[T_NEWEST];
            long version = t[VERSION];
            VarHandle.loadLoadFence();
            if (sequence.getOpaque() != before) {
                Thread.onSpinWait();
                continue;
            }
            out.state.timeNs = tNew;
            set3(out.state.positionNwuM, px, py, pz);
            set3(out.state.velocityNwuMps, vx, vy, vz);
            Quaternions.set(out.state.attitudeNwuFlu, qw, qx, qy, qz);
            set3(out.state.bodyRateFluRadps, rx, ry, rz);
            set3(out.accelFluMps2, ax, ay, az);
            set3(out.gyroFluRadps, gx, gy, gz);
            out.positionVelocityUpdatedNs = tPos;
            out.attitudeUpdatedNs = tAtt;
            out.bodyRateUpdatedNs = tRate;
            out.imuUpdatedNs = tImu;
            out.version = version;
            return true;
        }
        return false;
    }

    private static void set3(double[] v, double a, double b, double c) {
        v[0] = a;
        v[1] = b;
        v[2] = c;
    }
}
