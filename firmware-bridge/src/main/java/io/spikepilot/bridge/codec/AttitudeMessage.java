package io.spikepilot.bridge.codec;

/** ATTITUDE (id 30): Euler angles (Z-Y-X, NED/FRD) and body rates. */
public final class AttitudeMessage {
    public static final int ID = 30;
    public static final int CRC_EXTRA = 39;
    public static final int LENGTH = 28;

    private AttitudeMessage() {
    }

    public static long timeBootMs(MavlinkFrame f) {
        return f.u32(0);
    }

    public static float rollRad(MavlinkFrame f) {
        return f.f32(4);
    }

    public static float pitchRad(MavlinkFrame f) {
        return f.f32(8);
    }

    public static float yawRad(MavlinkFrame f) {
        return f.f32(12);
    }

    /** Body rate about FRD x, rad/s. */
    public static float rollspeedRadps(MavlinkFrame f) {
        return f.f32(16);
    }

    public static float pitchspeedRadps(MavlinkFrame f) {
        return f.f32(20);
    }

    public static float yawspeedRadps(MavlinkFrame f) {
        return f.f32(24);
    }
}
