package io.spikepilot.simulator.vfc;

import io.dronefleet.mavlink.common.MavResult;
import io.dronefleet.mavlink.minimal.MavAutopilot;

/**
 * What differs between the flight stacks the virtual flight controller imitates: how modes are named, numbered and
 * entered, who may arm where and what a refusal says, how setpoints are read and what their loss does, which
 * parameters and stream requests exist. {@link SimulatedAutopilot} owns everything they share (physics, link, streams,
 * command plumbing) and asks its dialect at each of these decisions.
 */
interface AutopilotDialect {
    /** HEARTBEAT.autopilot. */
    MavAutopilot autopilot();

    /** How the vehicle describes itself in logs ("PX4-like", "ArduCopter-like"). */
    String describe();

    /** The mode the autopilot boots in. */
    VfcMode bootMode();

    /** Whether {@code mode} is one of this autopilot's. */
    boolean owns(VfcMode mode);

    /** The mode MAV_CMD_DO_SET_MODE selects with this param2 and param3, or null when there is none. */
    VfcMode commandedMode(int param2, int param3);

    /** The mode a SET_MODE message selects with this custom_mode, or null when there is none. */
    VfcMode modeOfCustomMode(long customMode);

    /** Whether the legacy SET_MODE message is taken (and acknowledged). */
    boolean takesSetModeMessage();

    /** STATUSTEXT sent for a mode the autopilot does not have, or null for none. */
    String noSuchModeText(int param2);

    /** COMMAND_ACK result for a mode the autopilot does not have. */
    MavResult noSuchModeResult();

    /**
     * Why {@code mode} cannot be entered now (null: it can). {@code setpointsStreaming} says whether setpoints came
     * within the autopilot's entry window.
     */
    String entryRefusal(VfcMode mode, boolean setpointsStreaming);

    /** HEARTBEAT.base_mode in {@code mode}, with the armed flag when {@code armed}. */
    int baseMode(VfcMode mode, boolean armed);

    /** Why arming in {@code mode} is refused whatever the checks say (null: allowed); {@code fromGcs}: by MAVLink. */
    String modeArmingRefusal(VfcMode mode, boolean fromGcs, VfcParameters parameters);

    /** The STATUSTEXT that reports a failed pre-arm check {@code reason}. */
    String preArmText(String reason);

    /** COMMAND_ACK result of a refused arm or disarm request. */
    MavResult armRefusedResult();

    /** The mode after a disarm in {@code mode}. */
    VfcMode modeAfterDisarm(VfcMode mode);

    /**
     * Whether SET_ATTITUDE_TARGET is taken in {@code mode} at all. PX4 takes it in any mode (it proves the link
     * alive for OFFBOARD entry); ArduCopter only in its guided modes.
     */
    boolean takesSetpointsIn(VfcMode mode);

    /**
     * Whether an ill-formed SET_ATTITUDE_TARGET (thrust ignored, non-unit quaternion, some rates but not all) stops
     * the vehicle, as ArduCopter's guided mode does; otherwise it is dropped.
     */
    boolean stopsOnIllFormedSetpoint();

    /** The mode a lost OFFBOARD setpoint stream falls back to (PX4's failsafe), or null when there is none. */
    VfcMode offboardLossMode();

    /** Descent speed in the landing mode, m/s. */
    double landingSpeedMps(VfcConfig config, VfcParameters parameters);

    /** Default rate of a state stream (ATTITUDE 30, ATTITUDE_QUATERNION 31, LOCAL_POSITION_NED 32), Hz; 0: off. */
    double defaultRateHz(int messageId, VfcConfig config);

    /** Message ids REQUEST_DATA_STREAM's stream {@code streamId} sets, or null when the request is not understood. */
    int[] dataStreamMessages(int streamId);
}
