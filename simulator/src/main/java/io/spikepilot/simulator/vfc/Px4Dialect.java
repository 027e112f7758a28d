package io.spikepilot.simulator.vfc;

import io.dronefleet.mavlink.common.MavResult;
import io.dronefleet.mavlink.minimal.MavAutopilot;

/**
 * PX4's rules (reference/mavlink-ecosystem.md §1): OFFBOARD only with the setpoint stream already running, its loss
 * after COM_OF_LOSS_T falls back to POSCTL, every SET_ATTITUDE_TARGET counts as proof of life, and a disarm returns
 * to POSCTL. No parameters or legacy stream requests are modelled.
 */
final class Px4Dialect implements AutopilotDialect {
    private static final int ATTITUDE_QUATERNION_ID = 31;
    private static final int LOCAL_POSITION_NED_ID = 32;
    private static final int MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
    private static final int MAV_MODE_FLAG_SAFETY_ARMED = 128;

    private final VfcConfig config;

    Px4Dialect(VfcConfig config) {
        this.config = config;
    }

    @Override
    public MavAutopilot autopilot() {
        return MavAutopilot.MAV_AUTOPILOT_PX4;
    }

    @Override
    public String describe() {
        return "PX4-like";
    }

    @Override
    public VfcMode bootMode() {
        return Px4Mode.POSITION;
    }

    @Override
    public boolean owns(VfcMode mode) {
        return mode instanceof Px4Mode;
    }

    @Override
    public VfcMode commandedMode(int param2, int param3) {
        return Px4Mode.of(param2, param3);
    }

    @Override
    public VfcMode modeOfCustomMode(long customMode) {
        return Px4Mode.of((int) ((customMode >>> 16) & 0xFF), (int) ((customMode >>> 24) & 0xFF));
    }

    @Override
    public boolean takesSetModeMessage() {
        return false;
    }

    @Override
    public String noSuchModeText(int param2) {
        return null;
    }

    @Override
    public MavResult noSuchModeResult() {
        return MavResult.MAV_RESULT_UNSUPPORTED;
    }

    @Override
    public String entryRefusal(VfcMode mode, boolean setpointsStreaming) {
        return mode == Px4Mode.OFFBOARD && !setpointsStreaming
                ? "OFFBOARD refused: no setpoint stream in the last " + config.offboardEntryWindowS() + " s" : null;
    }

    @Override
    public int baseMode(VfcMode mode, boolean armed) {
        return MAV_MODE_FLAG_CUSTOM_MODE_ENABLED | (armed ? MAV_MODE_FLAG_SAFETY_ARMED : 0);
    }

    @Override
    public String modeArmingRefusal(VfcMode mode, boolean fromGcs, VfcParameters parameters) {
        return null;
    }

    @Override
    public String preArmText(String reason) {
        return reason;
    }

    @Override
    public MavResult armRefusedResult() {
        return MavResult.MAV_RESULT_DENIED;
    }

    @Override
    public VfcMode modeAfterDisarm(VfcMode mode) {
        return Px4Mode.POSITION;
    }

    @Override
    public boolean takesSetpointsIn(VfcMode mode) {
        return true;
    }

    @Override
    public boolean stopsOnIllFormedSetpoint() {
        return false;
    }

    @Override
    public VfcMode offboardLossMode() {
        return Px4Mode.POSITION;
    }

    @Override
    public double landingSpeedMps(VfcConfig vfcConfig, VfcParameters parameters) {
        return vfcConfig.landingSpeedMps();
    }

    @Override
    public double defaultRateHz(int messageId, VfcConfig vfcConfig) {
        return switch (messageId) {
            case ATTITUDE_QUATERNION_ID -> vfcConfig.attitudeRateHz();
            case LOCAL_POSITION_NED_ID -> vfcConfig.positionRateHz();
            default -> 0;
        };
    }

    @Override
    public int[] dataStreamMessages(int streamId) {
        return null; // PX4 does not implement REQUEST_DATA_STREAM
    }
}
