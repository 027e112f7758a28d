package io.spikepilot.bridge.codec;

import static io.spikepilot.bridge.codec.LittleEndian.putI32;
import static io.spikepilot.bridge.codec.LittleEndian.putU8;

/** HEARTBEAT (id 0): wire layout, readers and writer. */
public final class HeartbeatMessage {
    public static final int ID = 0;
    public static final int CRC_EXTRA = 50;
    public static final int LENGTH = 9;

    /** MAV_TYPE_QUADROTOR. */
    public static final int MAV_TYPE_QUADROTOR = 2;
    /** MAV_TYPE_GCS: ground stations, ignored when looking for the autopilot. */
    public static final int MAV_TYPE_GCS = 6;
    /** MAV_TYPE_ONBOARD_CONTROLLER: what a companion computer announces itself as. */
    public static final int MAV_TYPE_ONBOARD_CONTROLLER = 18;
    public static final int MAV_AUTOPILOT_ARDUPILOTMEGA = 3;
    public static final int MAV_AUTOPILOT_INVALID = 8;
    public static final int MAV_AUTOPILOT_PX4 = 12;
    /** base_mode flag: motors armed. */
    public static final int MAV_MODE_FLAG_SAFETY_ARMED = 128;
    /** base_mode flag: custom_mode is meaningful. */
    public static final int MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
    public static final int MAV_STATE_STANDBY = 3;
    public static final int MAV_STATE_ACTIVE = 4;
    public static final int MAV_STATE_CRITICAL = 5;
    public static final int MAV_STATE_EMERGENCY = 6;

    private HeartbeatMessage() {
    }

    public static long customMode(MavlinkFrame f) {
        return f.u32(0);
    }

    public static int type(MavlinkFrame f) {
        return f.u8(4);
    }

    public static int autopilot(MavlinkFrame f) {
        return f.u8(5);
    }

    public static int baseMode(MavlinkFrame f) {
        return f.u8(6);
    }

    public static int systemStatus(MavlinkFrame f) {
        return f.u8(7);
    }

    public static int mavlinkVersion(MavlinkFrame f) {
        return f.u8(8);
    }

    /** Writes the payload into {@code p} (at least {@link #LENGTH} bytes). */
    public static void write(byte[] p, int type, int autopilot, int baseMode, long customMode, int systemStatus,
                             int mavlinkVersion) {
        putI32(p, 0, (int) customMode);
        putU8(p, 4, type);
        putU8(p, 5, autopilot);
        putU8(p, 6, baseMode);
        putU8(p, 7, systemStatus);
        putU8(p, 8, mavlinkVersion);
    }
}
