package io.spikepilot.bridge.codec;

/** HIGHRES_IMU (id 105): raw IMU in the FRD body frame. */
public final class HighresImuMessage {
    public static final int ID = 105;
    public static final int CRC_EXTRA = 93;
    public static final int LENGTH_V1 = 62;
    public static final int LENGTH = 63;

    private HighresImuMessage() {
    }

    public static long timeUsec(MavlinkFrame f) {
        return f.i64(0);
    }

    /** Acceleration along FRD axis {@code axis} (0 x, 1 y, 2 z), m/s². */
    public static float accMps2(MavlinkFrame f, int axis) {
        return f.f32(8 + 4 * axis);
    }

    /** Angular rate about FRD axis {@code axis}, rad/s. */
    public static float gyroRadps(MavlinkFrame f, int axis) {
        return f.f32(20 + 4 * axis);
    }

    /** Magnetic field along FRD axis {@code axis}, gauss. */
    public static float magGauss(MavlinkFrame f, int axis) {
        return f.f32(32 + 4 * axis);
    }

    public static float absPressureHpa(MavlinkFrame f) {
        return f.f32(44);
    }

    public static float diffPressureHpa(MavlinkFrame f) {
        return f.f32(48);
    }

    public static float pressureAltM(MavlinkFrame f) {
        return f.f32(52);
    }

    public static float temperatureDegC(MavlinkFrame f) {
        return f.f32(56);
    }

    public static int fieldsUpdated(MavlinkFrame f) {
        return f.u16(60);
    }

    /** Extension: IMU instance id. */
    public static int id(MavlinkFrame f) {
        return f.u8(62);
    }
}
