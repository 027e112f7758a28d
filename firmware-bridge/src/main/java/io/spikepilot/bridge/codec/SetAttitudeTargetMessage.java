package io.spikepilot.bridge.codec;

import static io.spikepilot.bridge.codec.LittleEndian.putF32;
import static io.spikepilot.bridge.codec.LittleEndian.putI32;
import static io.spikepilot.bridge.codec.LittleEndian.putU8;

/** SET_ATTITUDE_TARGET (id 82): attitude (NED/FRD), body rates, collective thrust, optional 3-D body thrust. */
public final class SetAttitudeTargetMessage {
    public static final int ID = 82;
    public static final int CRC_EXTRA = 49;
    /** Without the thrust_body extension (MAVLink 1 frames). */
    public static final int LENGTH_V1 = 39;
    public static final int LENGTH = 51;

    public static final int IGNORE_ROLL_RATE = 1;
    public static final int IGNORE_PITCH_RATE = 2;
    public static final int IGNORE_YAW_RATE = 4;
    /** Use thrust_body instead of thrust. */
    public static final int THRUST_BODY_SET = 32;
    public static final int IGNORE_THROTTLE = 64;
    public static final int IGNORE_ATTITUDE = 128;

    private SetAttitudeTargetMessage() {
    }

    /** Writes the payload into {@code p}; the thrust_body extension always, the encoder decides what goes out. */
    public static void write(byte[] p, long timeBootMs, int targetSystem, int targetComponent, int typeMask,
                             float qw, float qx, float qy, float qz,
                             float bodyRollRate, float bodyPitchRate, float bodyYawRate, float thrust,
                             float thrustBodyX, float thrustBodyY, float thrustBodyZ) {
        putI32(p, 0, (int) timeBootMs);
        putF32(p, 4, qw);
        putF32(p, 8, qx);
        putF32(p, 12, qy);
        putF32(p, 16, qz);
        putF32(p, 20, bodyRollRate);
        putF32(p, 24, bodyPitchRate);
        putF32(p, 28, bodyYawRate);
        putF32(p, 32, thrust);
        putU8(p, 36, targetSystem);
        putU8(p, 37, targetComponent);
        putU8(p, 38, typeMask);
        putF32(p, 39, thrustBodyX);
        putF32(p, 43, thrustBodyY);
        putF32(p, 47, thrustBodyZ);
    }

    public static long timeBootMs(MavlinkFrame f) {
        return f.u32(0);
    }

    /** Quaternion component {@code i} (w, x, y, z), FRD body → NED. */
    public static float q(MavlinkFrame f, int i) {
        return f.f32(4 + 4 * i);
    }

    public static float bodyRollRate(MavlinkFrame f) {
        return f.f32(20);
    }

    public static float bodyPitchRate(MavlinkFrame f) {
        return f.f32(24);
    }

    public static float bodyYawRate(MavlinkFrame f) {
        return f.f32(28);
    }

    public static float thrust(MavlinkFrame f) {
        return f.f32(32);
    }

    public static int targetSystem(MavlinkFrame f) {
        return f.u8(36);
    }

    public static int targetComponent(MavlinkFrame f) {
        return f.u8(37);
    }

    public static int typeMask(MavlinkFrame f) {
        return f.u8(38);
    }

    public static float thrustBody(MavlinkFrame f, int axis) {
        return f.f32(39 + 4 * axis);
    }
}
