package io.spikepilot.simulator.vfc;

import io.dronefleet.mavlink.common.MavResult;
import io.dronefleet.mavlink.minimal.MavAutopilot;

/**
 * ArduCopter's rules (reference/mavlink-ecosystem.md §1; ArduCopter's GCS_MAVLink_Copter.cpp, mode_guided.cpp):
 * modes by number, entered without a setpoint stream; SET_ATTITUDE_TARGET taken only in GUIDED and GUIDED_NOGPS,
 * where an ill-formed one stops the vehicle; its thrust a climb rate unless GUID_OPTIONS bit 3 is set; silence for
 * GUID_TIMEOUT levels the vehicle and holds altitude in the same mode; arming refusals as "PreArm: ..." STATUSTEXT
 * with MAV_RESULT_FAILED; no arming in LAND, nor in the guided modes from the RC unless GUID_OPTIONS bit 0 is set;
 * the legacy SET_MODE message and REQUEST_DATA_STREAM understood; the mode kept after a disarm.
 */
final class ArduCopterDialect implements AutopilotDialect {
    /** GUID_OPTIONS bit 0: arming from the transmitter is allowed in the guided modes. */
    static final int GUID_OPTIONS_ARM_FROM_TX = 1;
    /** GUID_OPTIONS bit 3: SET_ATTITUDE_TARGET thrust is thrust, not a climb rate. */
    static final int GUID_OPTIONS_THRUST = 8;
    private static final int ATTITUDE_ID = 30;
    private static final int LOCAL_POSITION_NED_ID = 32;
    private static final int STREAM_ALL = 0;
    private static final int STREAM_POSITION = 6;
    private static final int STREAM_EXTRA1 = 10;
    private static final int FLAG_CUSTOM_MODE_ENABLED = 1;
    private static final int FLAG_GUIDED_ENABLED = 8;
    private static final int FLAG_STABILIZE_ENABLED = 16;
    private static final int FLAG_MANUAL_INPUT_ENABLED = 64;
    private static final int FLAG_SAFETY_ARMED = 128;

    @Override
    public MavAutopilot autopilot() {
        return MavAutopilot.MAV_AUTOPILOT_ARDUPILOTMEGA;
    }

    @Override
    public String describe() {
        return "ArduCopter-like";
    }

    @Override
    public VfcMode bootMode() {
        return CopterMode.STABILIZE;
    }

    @Override
    public boolean owns(VfcMode mode) {
        return mode instanceof CopterMode;
    }

    @Override
    public VfcMode commandedMode(int param2, int param3) {
        return CopterMode.of(param2);
    }

    @Override
    public VfcMode modeOfCustomMode(long customMode) {
        return customMode >= 0 && customMode <= Integer.MAX_VALUE ? CopterMode.of((int) customMode) : null;
    }

    @Override
    public boolean takesSetModeMessage() {
        return true;
    }

    @Override
    public String noSuchModeText(int param2) {
        return "No such mode " + param2;
    }

    @Override
    public MavResult noSuchModeResult() {
        return MavResult.MAV_RESULT_FAILED;
    }

    @Override
    public String entryRefusal(VfcMode mode, boolean setpointsStreaming) {
        return null; // the simulated EKF always has a position, which is all GUIDED and LOITER ask for
    }

    @Override
    public int baseMode(VfcMode mode, boolean armed) {
        int flags = FLAG_CUSTOM_MODE_ENABLED | FLAG_STABILIZE_ENABLED | FLAG_MANUAL_INPUT_ENABLED;
        // ArduCopter sets GUIDED_ENABLED while its horizontal position controller runs
        if (mode == CopterMode.LOITER || mode == CopterMode.GUIDED || mode == CopterMode.LAND) {
            flags |= FLAG_GUIDED_ENABLED;
        }
        return flags | (armed ? FLAG_SAFETY_ARMED : 0);
    }

    @Override
    public String modeArmingRefusal(VfcMode mode, boolean fromGcs, VfcParameters parameters) {
        if (mode == CopterMode.LAND) {
            return "Mode not armable";
        }
        boolean guided = mode == CopterMode.GUIDED || mode == CopterMode.GUIDED_NOGPS;
        if (guided && !fromGcs && ((int) parameters.value("GUID_OPTIONS") & GUID_OPTIONS_ARM_FROM_TX) == 0) {
            return "Mode not armable";
        }
        return null;
    }

    @Override
    public String preArmText(String reason) {
        return "PreArm: " + reason;
    }

    @Override
    public MavResult armRefusedResult() {
        return MavResult.MAV_RESULT_FAILED;
    }

    @Override
    public VfcMode modeAfterDisarm(VfcMode mode) {
        return mode;
    }

    @Override
    public boolean takesSetpointsIn(VfcMode mode) {
        return mode == CopterMode.GUIDED || mode == CopterMode.GUIDED_NOGPS;
    }

    @Override
    public boolean stopsOnIllFormedSetpoint() {
        return true;
    }

    @Override
    public VfcMode offboardLossMode() {
        return null;
    }

    @Override
    public double landingSpeedMps(VfcConfig config, VfcParameters parameters) {
        return parameters.value("LAND_SPEED") * 0.01;
    }

    @Override
    public double defaultRateHz(int messageId, VfcConfig config) {
        // SRx_EXTRA1 carries ATTITUDE, SRx_POSITION LOCAL_POSITION_NED (both 0 on ArduCopter unless configured);
        // ATTITUDE_QUATERNION is in no stream group
        return switch (messageId) {
            case ATTITUDE_ID -> config.attitudeRateHz();
            case LOCAL_POSITION_NED_ID -> config.positionRateHz();
            default -> 0;
        };
    }

    @Override
    public int[] dataStreamMessages(int streamId) {
        return switch (streamId) {
            case STREAM_ALL -> new int[]{ATTITUDE_ID, LOCAL_POSITION_NED_ID};
            case STREAM_POSITION -> new int[]{LOCAL_POSITION_NED_ID};
            case STREAM_EXTRA1 -> new int[]{ATTITUDE_ID};
            default -> new int[0]; // a stream group whose messages the virtual vehicle does not send
        };
    }

    /** ArduCopter's parameters that the virtual one models, at their defaults. */
    static VfcParameters defaultParameters() {
        // ArduCopter's defaults and ranges (ArduCopter/Parameters.cpp, AC_WPNav, mode_land)
        return new VfcParameters()
                .define("GUID_OPTIONS", VfcParameters.TYPE_INT32, 0, 0, 1023)
                .define("GUID_TIMEOUT", VfcParameters.TYPE_REAL32, 3.0, 0.1, 5.0)
                .define("WPNAV_SPEED_UP", VfcParameters.TYPE_REAL32, 250, 10, 1000)
                .define("WPNAV_SPEED_DN", VfcParameters.TYPE_REAL32, 150, 10, 500)
                .define("LAND_SPEED", VfcParameters.TYPE_REAL32, 50, 30, 200);
    }
}
