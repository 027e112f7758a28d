package io.spikepilot.bridge.codec;

/** LOCAL_POSITION_NED (id 32): position and velocity in the local NED frame. */
public final class LocalPositionNedMessage {
    public static final int ID = 32;
    public static final int CRC_EXTRA = 185;
    public static final int LENGTH = 28;

    private LocalPositionNedMessage() {
    }

    public static long timeBootMs(MavlinkFrame f) {
        return f.u32(0);
    }

    public static float xM(MavlinkFrame f) {
        return f.f32(4);
    }

    public static float yM(MavlinkFrame f) {
        return f.f32(8);
    }

    public static float zM(MavlinkFrame f) {
        return f.f32(12);
    }

    public static float vxMps(MavlinkFrame f) {
        return f.f32(16);
    }

    public static float vyMps(MavlinkFrame f) {
        return f.f32(20);
    }

    public static float vzMps(MavlinkFrame f) {
        return f.f32(24);
    }
}
