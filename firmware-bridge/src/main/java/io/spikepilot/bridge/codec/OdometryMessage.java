package io.spikepilot.bridge.codec;

/** ODOMETRY (id 331): pose, twist and covariances in one message. */
public final class OdometryMessage {
    public static final int ID = 331;
    public static final int CRC_EXTRA = 91;
    /** Without the extensions (reset_counter, estimator_type, quality). */
    public static final int LENGTH_BASE = 230;
    public static final int LENGTH = 233;
    /** MAV_FRAME_LOCAL_NED. */
    public static final int MAV_FRAME_LOCAL_NED = 1;
    /** MAV_FRAME_BODY_FRD. */
    public static final int MAV_FRAME_BODY_FRD = 12;
    /** MAV_FRAME_LOCAL_FRD. */
    public static final int MAV_FRAME_LOCAL_FRD = 20;

    private OdometryMessage() {
    }

    public static long timeUsec(MavlinkFrame f) {
        return f.i64(0);
    }

    public static float xM(MavlinkFrame f) {
        return f.f32(8);
    }

    public static float yM(MavlinkFrame f) {
        return f.f32(12);
    }

    public static float zM(MavlinkFrame f) {
        return f.f32(16);
    }

    /** Quaternion component {@code i} (w, x, y, z), child frame → frame_id. */
    public static float q(MavlinkFrame f, int i) {
        return f.f32(20 + 4 * i);
    }

    /** Velocity in child_frame_id, m/s. */
    public static float vxMps(MavlinkFrame f) {
        return f.f32(36);
    }

    public static float vyMps(MavlinkFrame f) {
        return f.f32(40);
    }

    public static float vzMps(MavlinkFrame f) {
        return f.f32(44);
    }

    public static float rollspeedRadps(MavlinkFrame f) {
        return f.f32(48);
    }

    public static float pitchspeedRadps(MavlinkFrame f) {
        return f.f32(52);
    }

    public static float yawspeedRadps(MavlinkFrame f) {
        return f.f32(56);
    }

    /** Pose covariance, upper-right triangle element {@code i} of 21. */
    public static float poseCovariance(MavlinkFrame f, int i) {
        return f.f32(60 + 4 * i);
    }

    /** Velocity covariance, upper-right triangle element {@code i} of 21. */
    public static float velocityCovariance(MavlinkFrame f, int i) {
        return f.f32(144 + 4 * i);
    }

    public static int frameId(MavlinkFrame f) {
        return f.u8(228);
    }

    public static int childFrameId(MavlinkFrame f) {
        return f.u8(229);
    }

    public static int resetCounter(MavlinkFrame f) {
        return f.u8(230);
    }

    public static int estimatorType(MavlinkFrame f) {
        return f.u8(231);
    }

    /** Extension quality, -1 = failed, 0 = unknown, 1..100. */
    public static int quality(MavlinkFrame f) {
        return f.i8(232);
    }
}
