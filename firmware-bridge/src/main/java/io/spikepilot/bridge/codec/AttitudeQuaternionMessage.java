package io.spikepilot.bridge.codec;

/** ATTITUDE_QUATERNION (id 31): attitude FRD body → NED world as (w, x, y, z) and FRD body rates. */
public final class AttitudeQuaternionMessage {
    public static final int ID = 31;
    public static final int CRC_EXTRA = 246;
    /** Without the repr_offset_q extension. */
    public static final int LENGTH_V1 = 32;
    public static final int LENGTH = 48;

    private AttitudeQuaternionMessage() {
    }

    public static long timeBootMs(MavlinkFrame f) {
        return f.u32(0);
    }

    /** Quaternion component {@code i} (0 = w, 1 = x, 2 = y, 3 = z): the message's q1..q4. */
    public static float q(MavlinkFrame f, int i) {
        return f.f32(4 + 4 * i);
    }

    public static float rollspeedRadps(MavlinkFrame f) {
        return f.f32(20);
    }

    public static float pitchspeedRadps(MavlinkFrame f) {
        return f.f32(24);
    }

    public static float yawspeedRadps(MavlinkFrame f) {
        return f.f32(28);
    }

    /** Extension repr_offset_q component {@code i}; zero when the sender truncated or omitted it. */
    public static float reprOffsetQ(MavlinkFrame f, int i) {
        return f.f32(32 + 4 * i);
    }
}
