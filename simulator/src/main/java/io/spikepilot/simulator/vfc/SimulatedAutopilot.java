package io.spikepilot.simulator.vfc;

import io.dronefleet.mavlink.common.Attitude;
import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.common.MavCmd;
import io.dronefleet.mavlink.common.MavParamType;
import io.dronefleet.mavlink.common.MavResult;
import io.dronefleet.mavlink.common.MavSeverity;
import io.dronefleet.mavlink.common.ParamRequestRead;
import io.dronefleet.mavlink.common.ParamSet;
import io.dronefleet.mavlink.common.ParamValue;
import io.dronefleet.mavlink.common.RequestDataStream;
import io.dronefleet.mavlink.common.SetMode;
import io.dronefleet.mavlink.common.Statustext;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.minimal.MavModeFlag;
import io.dronefleet.mavlink.minimal.MavState;
import io.dronefleet.mavlink.minimal.MavType;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.frame.Frames;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PositionPid;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated autopilot, the virtual flight controller's logic (until 2026-12-04 named VfcCore): an autopilot around
 * a {@link SimulatedVehicle}, single-threaded, driven by {@link #step(long)} with the time it is given and fed whole
 * MAVLink frames by {@link #handleFrame(MavlinkFrame, long)}; {@link VirtualFlightController} puts it on a real
 * transport and a thread. One core for both flight stacks: the physics, the link, the state
 * streams and the command plumbing are shared, and an {@link AutopilotDialect} ({@link VfcConfig#autopilot()})
 * decides what differs.
 *
 * <p>What it imitates (reference/mavlink-ecosystem.md §1):
 * <ul>
 *   <li>HEARTBEAT at 1 Hz as a quadrotor of the stack (MAV_AUTOPILOT_PX4 with the main/sub mode, or
 *       MAV_AUTOPILOT_ARDUPILOTMEGA with ArduCopter's mode number), with the armed flag;</li>
 *   <li>ATTITUDE, ATTITUDE_QUATERNION and LOCAL_POSITION_NED streams at the stack's default rates, changed by
 *       MAV_CMD_SET_MESSAGE_INTERVAL (µs; −1 stops, 0 restores the default) or, on ArduCopter, REQUEST_DATA_STREAM
 *       (POSITION, EXTRA1, ALL), and answered once by MAV_CMD_REQUEST_MESSAGE;</li>
 *   <li>MAV_CMD_DO_SET_MODE (and on ArduCopter the SET_MODE message) to the stack's modes; PX4 refuses OFFBOARD
 *       unless setpoints are already streaming;</li>
 *   <li>MAV_CMD_COMPONENT_ARM_DISARM (disarm in the air only when forced with 21196); a refusal is a STATUSTEXT
 *       worded as the stack words it, and a COMMAND_ACK;</li>
 *   <li>SET_ATTITUDE_TARGET: PX4 flies it in OFFBOARD as normalized collective thrust, and silence longer than
 *       COM_OF_LOSS_T drops to POSCTL; ArduCopter flies it in GUIDED and GUIDED_NOGPS, its thrust a climb rate
 *       unless GUID_OPTIONS bit 3 is set, and silence longer than GUID_TIMEOUT levels the vehicle and holds
 *       altitude in the same mode;</li>
 *   <li>PARAM_REQUEST_READ, PARAM_REQUEST_LIST and PARAM_SET answered with PARAM_VALUE for the parameters the stack
 *       models (ArduCopter's GUID_OPTIONS, GUID_TIMEOUT, ...);</li>
 *   <li>the landing mode descends at the landing speed and disarms one second after touchdown.</li>
 * </ul>
 * Position, altitude and landing modes are flown by the controller's own {@link PositionPid}, as the autopilot's
 * position loop.
 */
public final class SimulatedAutopilot {
    /** Where encoded frames go. */
    @FunctionalInterface
    public interface Outbox {
        /** One whole frame, valid during the call. */
        void send(byte[] frame, int length);
    }

    private static final int ATTITUDE_ID = 30;
    private static final int ATTITUDE_QUATERNION_ID = 31;
    private static final int LOCAL_POSITION_NED_ID = 32;
    /** The state streams, in the order of {@link #streamIntervalNs}. */
    private static final int[] STREAM_IDS = {ATTITUDE_ID, ATTITUDE_QUATERNION_ID, LOCAL_POSITION_NED_ID};
    private static final int SET_MODE_ID = 11;
    private static final int PARAM_REQUEST_READ_ID = 20;
    private static final int PARAM_REQUEST_LIST_ID = 21;
    private static final int PARAM_SET_ID = 23;
    private static final int REQUEST_DATA_STREAM_ID = 66;
    private static final int COMMAND_LONG_ID = 76;
    private static final int FORCE_MAGIC = 21196;
    private static final int CMD_DO_SET_MODE = 176;
    private static final int CMD_ARM_DISARM = 400;
    private static final int CMD_SET_MESSAGE_INTERVAL = 511;
    private static final int CMD_REQUEST_MESSAGE = 512;
    private static final long HEARTBEAT_PERIOD_NS = 1_000_000_000L;
    /** ArduCopter's Quaternion::is_unit_length tolerance on |q|² (a SET_ATTITUDE_TARGET outside it stops). */
    private static final double UNIT_QUATERNION_TOLERANCE = 1e-3;
    private static final int STATUSTEXT_MAX_CHARS = 50;
    private static final long DISARM_AFTER_TOUCHDOWN_NS = 1_000_000_000L;

    private final VfcConfig config;
    private final AutopilotDialect dialect;
    private final VfcParameters parameters;
    private final SimulatedVehicle vehicle;
    private final Outbox outbox;
    private final FrameEncoder encoder;
    private final ColdCodec cold = new ColdCodec(MessageCatalog.standard());
    private final PositionPid positionLoop;
    private final VehicleState truth = new VehicleState();
    private final AttitudeSetpoint command = new AttitudeSetpoint();
    private final AttitudeSetpoint offboardSetpoint = new AttitudeSetpoint();
    private final double[] holdTargetNwuM = new double[3];
    private final double[] scratch3 = new double[3];
    private final double[] scratchQ = new double[4];
    private final List<String> events = new ArrayList<>();

    private final long[] streamIntervalNs = new long[STREAM_IDS.length];
    private final long[] streamNextNs = new long[STREAM_IDS.length];
    private final List<String> statusTexts = new ArrayList<>();

    private boolean armed;
    private VfcMode mode;
    private boolean onGround = true;
    private boolean holdOnGround = true;
    private double holdYawRad;
    private long touchdownNs = Long.MIN_VALUE;
    private long lastSetpointNs = Long.MIN_VALUE;
    private long nextHeartbeatNs;
    private long streamsSuppressedUntilNs = Long.MIN_VALUE;
    private long linkCutUntilNs = Long.MIN_VALUE;
    private long framesLostToCut;
    private long setpointsReceived;
    private long setpointsIgnored;
    private long companionHeartbeats;
    private final List<String> companionStatuses = new ArrayList<>();
    private String armingRefusal;
    private final GuidedTarget guided = new GuidedTarget();
    private final AttitudeSetpoint scratchSetpoint = new AttitudeSetpoint();

    /**
     * @param config  autopilot settings
     * @param vehicle the simulated vehicle; it is placed at rest on the ground at the origin at time 0
     * @param limits  thrust and tilt limits of the autopilot's own position loop (hover thrust of the airframe)
     * @param outbox  receives every frame the autopilot sends
     */
    public SimulatedAutopilot(VfcConfig config, SimulatedVehicle vehicle, AttitudeLimits limits, Outbox outbox) {
        this.config = config;
        this.dialect = config.autopilot().dialect(config);
        this.parameters = config.autopilot().newParameters();
        for (var p : config.parameters().entrySet()) {
            parameters.set(p.getKey(), p.getValue()); // checked by VfcConfig
        }
        this.mode = dialect.bootMode();
        this.vehicle = vehicle;
        this.outbox = outbox;
        this.encoder = new FrameEncoder(config.systemId(), config.componentId());
        this.positionLoop = new PositionPid(PositionPidGains.px4Defaults(), limits,
                vehicle.innerLoop().periodNs() * 1e-9);
        for (int i = 0; i < STREAM_IDS.length; i++) {
            streamIntervalNs[i] = defaultInterval(STREAM_IDS[i]);
        }
        vehicle.quadrotor().resetAtRest(0.0);
        vehicle.restart(0L);
        command.setLevel(0.0);
        vehicle.apply(command);
    }

    /** The inner-loop period: {@link #step} should be called at least this often. */
    public long physicsPeriodNs() {
        return vehicle.innerLoop().periodNs();
    }

    /** Handles one frame received at {@code nowNs}. Frames for another system are ignored. */
    public void handleFrame(MavlinkFrame frame, long nowNs) {
        if (nowNs < linkCutUntilNs) {
            framesLostToCut++;
            return;
        }
        switch (frame.messageId()) {
            case SetAttitudeTargetMessage.ID -> onSetAttitudeTarget(frame, nowNs);
            case COMMAND_LONG_ID -> {
                CommandLong c = cold.decode(frame, CommandLong.class);
                if (c != null && (c.targetSystem() == 0 || c.targetSystem() == config.systemId())) {
                    onCommand(c, frame.systemId(), frame.componentId(), nowNs);
                }
            }
            case 0 -> onCompanionHeartbeat(frame, nowNs);
            case PARAM_REQUEST_READ_ID -> {
                ParamRequestRead r = cold.decode(frame, ParamRequestRead.class);
                if (r != null && addressedToUs(r.targetSystem())) {
                    onParamRead(r.paramId(), r.paramIndex());
                }
            }
            case PARAM_REQUEST_LIST_ID -> {
                var r = cold.decode(frame, io.dronefleet.mavlink.common.ParamRequestList.class);
                if (r != null && addressedToUs(r.targetSystem())) {
                    for (int i = 0; i < parameters.count(); i++) {
                        sendParam(i);
                    }
                }
            }
            case PARAM_SET_ID -> {
                ParamSet p = cold.decode(frame, ParamSet.class);
                if (p != null && addressedToUs(p.targetSystem())) {
                    onParamSet(p.paramId(), p.paramValue(), nowNs);
                }
            }
            case SET_MODE_ID -> {
                SetMode m = cold.decode(frame, SetMode.class);
                if (m != null && addressedToUs(m.targetSystem()) && dialect.takesSetModeMessage()) {
                    // ArduPilot acknowledges the SET_MODE message with a COMMAND_ACK carrying its message id
                    sendAck(SET_MODE_ID, onSetMode(dialect.modeOfCustomMode(m.customMode()), (int) m.customMode(),
                            nowNs), frame.systemId(), frame.componentId());
                }
            }
            case REQUEST_DATA_STREAM_ID -> {
                RequestDataStream r = cold.decode(frame, RequestDataStream.class);
                if (r != null && addressedToUs(r.targetSystem())) {
                    onRequestDataStream(r.reqStreamId(), r.startStop() == 0 ? 0 : r.reqMessageRate(), nowNs);
                }
            }
            default -> {
                // Everything else a companion may send (TIMESYNC, ...) is not modelled.
            }
        }
    }

    private boolean addressedToUs(int targetSystem) {
        return targetSystem == 0 || targetSystem == config.systemId();
    }

    private void onParamRead(String name, int index) {
        int i = index >= 0 ? index : parameters.indexOf(name == null ? "" : name.trim());
        if (i >= 0 && i < parameters.count()) {
            sendParam(i); // an unknown name gets no answer, as on ArduPilot
        }
    }

    private void onParamSet(String name, float value, long nowNs) {
        String id = name == null ? "" : name.trim();
        int i = parameters.indexOf(id);
        if (i < 0) {
            return;
        }
        String problem = Float.isFinite(value) ? parameters.set(id, value) : "parameter " + id + " expected a "
                + "finite value, found " + value;
        if (problem != null) {
            event(nowNs, "PARAM_SET refused: " + problem);
        } else {
            event(nowNs, "parameter " + id + " set to " + parameters.value(i));
        }
        sendParam(i); // the echo carries the value in force, whether the write was taken or not
    }

    private void sendParam(int index) {
        send(ParamValue.builder()
                .paramId(parameters.name(index))
                .paramValue(parameters.value(index))
                .paramType(EnumValue.create(MavParamType.class, parameters.type(index)))
                .paramCount(parameters.count())
                .paramIndex(index)
                .build());
    }

    private void onRequestDataStream(int streamId, int rateHz, long nowNs) {
        int[] ids = dialect.dataStreamMessages(streamId);
        if (ids == null) {
            return;
        }
        for (int id : ids) {
            setStreamInterval(id, rateHz <= 0 ? 0 : Math.round(1e9 / rateHz), nowNs);
        }
    }

    private void onCompanionHeartbeat(MavlinkFrame frame, long nowNs) {
        companionHeartbeats++;
        Heartbeat h = cold.decode(frame, Heartbeat.class);
        if (h != null && h.systemStatus() != null && h.systemStatus().entry() != null) {
            if (companionStatuses.size() >= 4096) {
                companionStatuses.remove(0); // a long bench run keeps the latest
            }
            companionStatuses.add(h.systemStatus().entry().name());
        }
    }

    private void onSetAttitudeTarget(MavlinkFrame f, long nowNs) {
        int target = SetAttitudeTargetMessage.targetSystem(f);
        int mask = SetAttitudeTargetMessage.typeMask(f);
        if ((target != 0 && target != config.systemId()) || !dialect.takesSetpointsIn(mode)) {
            setpointsIgnored++;
            return;
        }
        for (int i = 0; i < 4; i++) {
            scratchQ[i] = SetAttitudeTargetMessage.q(f, i);
        }
        int rates = mask & (SetAttitudeTargetMessage.IGNORE_ROLL_RATE | SetAttitudeTargetMessage.IGNORE_PITCH_RATE
                | SetAttitudeTargetMessage.IGNORE_YAW_RATE);
        boolean attitudeIgnored = (mask & SetAttitudeTargetMessage.IGNORE_ATTITUDE) != 0;
        if (dialect.stopsOnIllFormedSetpoint() && ((mask & SetAttitudeTargetMessage.IGNORE_THROTTLE) != 0
                || (rates != 0 && rates != (SetAttitudeTargetMessage.IGNORE_ROLL_RATE
                        | SetAttitudeTargetMessage.IGNORE_PITCH_RATE | SetAttitudeTargetMessage.IGNORE_YAW_RATE))
                || (!attitudeIgnored && Math.abs(squaredNorm(scratchQ) - 1.0) >= UNIT_QUATERNION_TOLERANCE))) {
            // ArduCopter re-initialises guided mode on such a target: the vehicle stops where it is
            setpointsIgnored++;
            enter(mode, nowNs, "ill-formed SET_ATTITUDE_TARGET (type_mask " + mask + ") -> stop");
            return;
        }
        if (attitudeIgnored || (mask & SetAttitudeTargetMessage.IGNORE_THROTTLE) != 0) {
            // Rates-only and thrust-less setpoints need an inner loop this autopilot does not model.
            setpointsIgnored++;
            return;
        }
        Frames.quaternionNedFrdToNwuFlu(scratchQ, offboardSetpoint.attitudeNwuFlu);
        double thrust = (mask & SetAttitudeTargetMessage.THRUST_BODY_SET) != 0
                ? -SetAttitudeTargetMessage.thrustBody(f, 2)
                : SetAttitudeTargetMessage.thrust(f);
        offboardSetpoint.thrustNormalized = thrust;
        if (isGuided(mode)) {
            guided.take(thrust, Quaternions.yaw(offboardSetpoint.attitudeNwuFlu), nowNs, parameters);
            if (guided.usesThrust()) {
                offboardSetpoint.thrustNormalized = guided.thrust();
            }
        }
        offboardSetpoint.bodyRateFluRadps[0] = SetAttitudeTargetMessage.bodyRollRate(f);
        offboardSetpoint.bodyRateFluRadps[1] = -SetAttitudeTargetMessage.bodyPitchRate(f);
        offboardSetpoint.bodyRateFluRadps[2] = -SetAttitudeTargetMessage.bodyYawRate(f);
        offboardSetpoint.useRollRate = (mask & SetAttitudeTargetMessage.IGNORE_ROLL_RATE) == 0;
        offboardSetpoint.usePitchRate = (mask & SetAttitudeTargetMessage.IGNORE_PITCH_RATE) == 0;
        offboardSetpoint.useYawRate = (mask & SetAttitudeTargetMessage.IGNORE_YAW_RATE) == 0;
        lastSetpointNs = nowNs;
        setpointsReceived++;
    }

    private static double squaredNorm(double[] q) {
        return q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
    }

    private static boolean isGuided(VfcMode m) {
        return m.behaviour() == VfcBehaviour.GUIDED || m.behaviour() == VfcBehaviour.GUIDED_ANGLE;
    }

    private void onCommand(CommandLong c, int fromSystem, int fromComponent, long nowNs) {
        int id = c.command().value();
        MavResult result;
        if (id == CMD_DO_SET_MODE) {
            int param2 = Math.round(c.param2());
            result = onSetMode(dialect.commandedMode(param2, Math.round(c.param3())), param2, nowNs);
        } else if (id == CMD_ARM_DISARM) {
            result = onArm(c.param1() == 1.0f, Math.round(c.param2()) == FORCE_MAGIC, true, nowNs);
        } else if (id == CMD_SET_MESSAGE_INTERVAL) {
            result = onMessageInterval(Math.round(c.param1()), c.param2(), nowNs);
        } else if (id == CMD_REQUEST_MESSAGE) {
            result = onRequestMessage(Math.round(c.param1()), nowNs);
        } else {
            result = MavResult.MAV_RESULT_UNSUPPORTED;
        }
        sendAck(id, result, fromSystem, fromComponent);
    }

    private void sendAck(int command, MavResult result, int toSystem, int toComponent) {
        send(CommandAck.builder()
                .command(EnumValue.create(MavCmd.class, command))
                .result(result)
                .targetSystem(toSystem)
                .targetComponent(toComponent)
                .build());
    }

    /** A mode request; {@code requested} is null when the stack has no mode numbered {@code number}. */
    private MavResult onSetMode(VfcMode requested, int number, long nowNs) {
        if (requested == null) {
            String text = dialect.noSuchModeText(number);
            if (text != null) {
                statusText(MavSeverity.MAV_SEVERITY_WARNING, text, nowNs);
            }
            return dialect.noSuchModeResult();
        }
        String refusal = dialect.entryRefusal(requested, setpointsFresh(nowNs, config.offboardEntryWindowS()));
        if (refusal != null) {
            event(nowNs, refusal);
            return MavResult.MAV_RESULT_TEMPORARILY_REJECTED;
        }
        enter(requested, nowNs, "commanded");
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    /** An arm or disarm request, by MAVLink ({@code fromGcs}) or from the RC transmitter. */
    private MavResult onArm(boolean arm, boolean forced, boolean fromGcs, long nowNs) {
        if (arm) {
            if (!armed) {
                String refusal = dialect.modeArmingRefusal(mode, fromGcs, parameters);
                if (refusal == null && armingRefusal != null && !forced) {
                    refusal = armingRefusal;
                }
                if (refusal != null) {
                    String text = dialect.preArmText(refusal);
                    statusText(MavSeverity.MAV_SEVERITY_CRITICAL, text, nowNs);
                    event(nowNs, "arming refused: " + text);
                    return dialect.armRefusedResult();
                }
                armed = true;
                positionLoop.reset();
                event(nowNs, "armed in " + mode.name() + (fromGcs ? "" : " from the RC transmitter"));
            }
            return MavResult.MAV_RESULT_ACCEPTED;
        }
        if (!onGround && !forced) {
            event(nowNs, "disarm refused: in the air (force with param2 = 21196)");
            return dialect.armRefusedResult();
        }
        disarm(nowNs, forced ? "forced disarm" : "disarmed");
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    private MavResult onMessageInterval(int messageId, float intervalUs, long nowNs) {
        long interval;
        if (intervalUs < 0) {
            interval = 0; // stopped
        } else if (intervalUs == 0) {
            interval = defaultInterval(messageId);
        } else {
            interval = Math.max(1_000_000L, (long) (intervalUs * 1000.0)); // at most 1 kHz, as PX4 caps streams
        }
        return setStreamInterval(messageId, interval, nowNs) ? MavResult.MAV_RESULT_ACCEPTED
                : MavResult.MAV_RESULT_UNSUPPORTED;
    }

    /** Sets a state stream's interval (0: off), starting now; false when {@code messageId} is no state stream. */
    private boolean setStreamInterval(int messageId, long intervalNs, long nowNs) {
        int i = streamIndex(messageId);
        if (i < 0) {
            return false;
        }
        streamIntervalNs[i] = Math.max(0, intervalNs);
        streamNextNs[i] = nowNs;
        return true;
    }

    private static int streamIndex(int messageId) {
        for (int i = 0; i < STREAM_IDS.length; i++) {
            if (STREAM_IDS[i] == messageId) {
                return i;
            }
        }
        return -1;
    }

    private MavResult onRequestMessage(int messageId, long nowNs) {
        if (messageId == 0) {
            sendHeartbeat();
        } else if (streamIndex(messageId) >= 0) {
            sendStream(messageId, nowNs);
        } else {
            return MavResult.MAV_RESULT_UNSUPPORTED;
        }
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    private long defaultInterval(int messageId) {
        double hz = dialect.defaultRateHz(messageId, config);
        return hz > 0 ? Math.round(1e9 / hz) : 0;
    }

    /** Advances the autopilot and the vehicle to {@code nowNs} and sends whatever streams are due. */
    public void step(long nowNs) {
        vehicle.readState(truth);
        VfcMode lossMode = dialect.offboardLossMode();
        if (armed && mode.behaviour() == VfcBehaviour.OFFBOARD_SETPOINTS && lossMode != null
                && !setpointsFresh(nowNs, config.offboardLossTimeoutS())) {
            enter(lossMode, nowNs, "offboard setpoints lost for more than "
                    + config.offboardLossTimeoutS() + " s (COM_OF_LOSS_T) -> failsafe");
        }
        chooseCommand(nowNs);
        vehicle.apply(command);
        long dt = nowNs - vehicle.timeNs();
        if (dt > 0) {
            vehicle.advance(dt);
        }
        onGround = GroundContact.apply(vehicle.quadrotor());
        vehicle.readState(truth);
        if (armed && mode.behaviour() == VfcBehaviour.LAND) {
            if (onGround) {
                if (touchdownNs == Long.MIN_VALUE) {
                    touchdownNs = nowNs;
                } else if (nowNs - touchdownNs >= DISARM_AFTER_TOUCHDOWN_NS) {
                    disarm(nowNs, "landed");
                }
            } else {
                touchdownNs = Long.MIN_VALUE;
            }
        }
        sendDueStreams(nowNs);
    }

    private void chooseCommand(long nowNs) {
        if (!armed) {
            command.setLevel(0.0);
            return;
        }
        switch (mode.behaviour()) {
            case OFFBOARD_SETPOINTS -> command.copyFrom(offboardSetpoint);
            case HOLD_POSITION -> holdPosition();
            case HOLD_ALTITUDE -> {
                if (holdOnGround) {
                    command.setLevel(0.0);
                } else {
                    levelAt(holdYawRad);
                    climbAt(Double.NaN);
                }
            }
            case STICKS_CENTRED -> {
                if (holdOnGround) {
                    command.setLevel(0.0);
                } else {
                    levelAt(holdYawRad);
                    command.thrustNormalized = positionLoop.limits().hoverThrust();
                }
            }
            case LAND -> {
                // A position target below the vehicle by speed / Kp makes the P loop ask for the landing speed.
                holdTargetNwuM[2] = truth.positionNwuM[2]
                        - dialect.landingSpeedMps(config, parameters) / positionLoop.gains().positionGainZPerS();
                positionLoop.compute(truth, holdTargetNwuM, holdYawRad, command);
            }
            case GUIDED, GUIDED_ANGLE -> flyGuided(nowNs);
            default -> command.setLevel(0.0);
        }
    }

    private void holdPosition() {
        if (holdOnGround) {
            command.setLevel(0.0);
        } else {
            positionLoop.compute(truth, holdTargetNwuM, holdYawRad, command);
        }
    }

    /**
     * ArduCopter's guided angle controller (ModeGuided::angle_control_run): before the first target GUIDED holds its
     * position and GUIDED_NOGPS levels out; a target older than GUID_TIMEOUT is replaced by level at the target's
     * heading with a zero climb rate (and a thrust target falls back to climb-rate control); on the ground only a
     * positive thrust or climb rate takes off.
     */
    private void flyGuided(long nowNs) {
        if (!guided.active() && mode.behaviour() == VfcBehaviour.GUIDED) {
            holdPosition();
            return;
        }
        if (!guided.fresh(nowNs, parameters)) {
            if (guided.markTimedOut()) {
                holdTargetNwuM[2] = truth.positionNwuM[2];
                event(nowNs, String.format(java.util.Locale.ROOT, "no attitude target for %.1f s (GUID_TIMEOUT)"
                        + " -> level, hold altitude in %s", parameters.value("GUID_TIMEOUT"), mode.name()));
            }
            if (onGround) {
                command.setLevel(0.0);
            } else {
                levelAt(guided.yawRad());
                climbAt(Double.NaN);
            }
            return;
        }
        if (onGround && !guided.asksToClimb()) {
            command.setLevel(0.0);
            return;
        }
        command.copyFrom(offboardSetpoint);
        if (!guided.usesThrust()) {
            climbAt(guided.climbRateMps());
        }
    }

    /** The command's attitude: level at {@code yawRad}, no rates. */
    private void levelAt(double yawRad) {
        command.setLevel(command.thrustNormalized);
        Quaternions.fromEulerZyx(0, 0, yawRad, command.attitudeNwuFlu);
    }

    /**
     * The command's thrust for its attitude from the autopilot's vertical loop: climbing at {@code climbRateMps},
     * or (NaN) holding the altitude target {@code holdTargetNwuM[2]}. The position loop gives the vertical
     * acceleration; the thrust is tilted by the command's attitude, as ArduPilot's angle boost does.
     */
    private void climbAt(double climbRateMps) {
        scratch3[0] = truth.positionNwuM[0];
        scratch3[1] = truth.positionNwuM[1];
        // a target below or above by rate / Kp makes the P loop ask for the climb rate (as LAND does)
        scratch3[2] = Double.isNaN(climbRateMps) ? holdTargetNwuM[2]
                : truth.positionNwuM[2] + climbRateMps / positionLoop.gains().positionGainZPerS();
        positionLoop.compute(truth, scratch3, Quaternions.yaw(command.attitudeNwuFlu), scratchSetpoint);
        double cosTilt = Math.max(0.5, StrictMath.cos(Quaternions.tilt(command.attitudeNwuFlu)));
        double thrust = positionLoop.limits().hoverThrust()
                * (positionLoop.accelerationSetpointMps2(2) + PositionPid.GRAVITY_MPS2) / PositionPid.GRAVITY_MPS2
                / cosTilt;
        command.thrustNormalized = Math.max(positionLoop.limits().minThrust(),
                Math.min(positionLoop.limits().maxThrust(), thrust));
    }

    private void enter(VfcMode next, long nowNs, String why) {
        holdHere(next);
        if (next != mode) {
            positionLoop.reset();
            event(nowNs, mode.name() + " -> " + next.name() + " (" + why + ")");
        } else if (isGuided(next)) {
            positionLoop.reset();
            event(nowNs, next.name() + " re-initialised (" + why + ")");
        }
        mode = next;
    }

    /** The mode's hold starts where the vehicle is now, and a guided mode without a target. */
    private void holdHere(VfcMode next) {
        vehicle.readState(truth);
        holdTargetNwuM[0] = truth.positionNwuM[0];
        holdTargetNwuM[1] = truth.positionNwuM[1];
        holdTargetNwuM[2] = truth.positionNwuM[2];
        holdYawRad = Quaternions.yaw(truth.attitudeNwuFlu);
        holdOnGround = onGround;
        touchdownNs = Long.MIN_VALUE;
        guided.forget(next, holdYawRad);
    }

    private void disarm(long nowNs, String why) {
        armed = false;
        event(nowNs, "disarmed (" + why + ")");
        VfcMode after = dialect.modeAfterDisarm(mode);
        if (after != mode) {
            enter(after, nowNs, why);
        } else {
            holdHere(mode); // a target from before the disarm does not fly the next arming
        }
    }

    private boolean setpointsFresh(long nowNs, double windowS) {
        return lastSetpointNs != Long.MIN_VALUE && nowNs - lastSetpointNs <= (long) (windowS * 1e9);
    }

    private void sendDueStreams(long nowNs) {
        if (nowNs < linkCutUntilNs) {
            return; // a heartbeat falls due during the cut goes out as soon as the link is back
        }
        if (nowNs >= nextHeartbeatNs) {
            sendHeartbeat();
            nextHeartbeatNs = nowNs + HEARTBEAT_PERIOD_NS;
        }
        if (nowNs < streamsSuppressedUntilNs) {
            return;
        }
        for (int i = 0; i < STREAM_IDS.length; i++) {
            if (streamIntervalNs[i] > 0 && nowNs >= streamNextNs[i]) {
                sendStream(STREAM_IDS[i], nowNs);
                streamNextNs[i] = nextDue(streamNextNs[i], streamIntervalNs[i], nowNs);
            }
        }
    }

    private void sendStream(int messageId, long nowNs) {
        switch (messageId) {
            case ATTITUDE_ID -> sendAttitudeEuler(nowNs);
            case ATTITUDE_QUATERNION_ID -> sendAttitude(nowNs);
            default -> sendPosition(nowNs);
        }
    }

    /** Keeps the stream's phase; after a long gap it restarts from now instead of bursting to catch up. */
    private static long nextDue(long due, long interval, long nowNs) {
        long next = due + interval;
        return next <= nowNs ? nowNs + interval : next;
    }

    private void sendHeartbeat() {
        send(Heartbeat.builder()
                .type(MavType.MAV_TYPE_QUADROTOR)
                .autopilot(dialect.autopilot())
                .baseMode(EnumValue.create(MavModeFlag.class, dialect.baseMode(mode, armed)))
                .customMode(mode.customMode())
                .systemStatus(armed ? MavState.MAV_STATE_ACTIVE : MavState.MAV_STATE_STANDBY)
                .mavlinkVersion(3)
                .build());
    }

    private void sendAttitude(long nowNs) {
        Frames.quaternionNwuFluToNedFrd(truth.attitudeNwuFlu, scratchQ);
        Frames.fluToFrd(truth.bodyRateFluRadps, scratch3);
        send(AttitudeQuaternion.builder()
                .timeBootMs(nowNs / 1_000_000L)
                .q1((float) scratchQ[0]).q2((float) scratchQ[1]).q3((float) scratchQ[2]).q4((float) scratchQ[3])
                .rollspeed((float) scratch3[0]).pitchspeed((float) scratch3[1]).yawspeed((float) scratch3[2])
                .reprOffsetQ(List.of(0f, 0f, 0f, 0f))
                .build());
    }

    private void sendAttitudeEuler(long nowNs) {
        Frames.quaternionNwuFluToNedFrd(truth.attitudeNwuFlu, scratchQ);
        Frames.fluToFrd(truth.bodyRateFluRadps, scratch3);
        send(Attitude.builder()
                .timeBootMs(nowNs / 1_000_000L)
                .roll((float) Quaternions.roll(scratchQ))
                .pitch((float) Quaternions.pitch(scratchQ))
                .yaw((float) Quaternions.yaw(scratchQ))
                .rollspeed((float) scratch3[0]).pitchspeed((float) scratch3[1]).yawspeed((float) scratch3[2])
                .build());
    }

    private void sendPosition(long nowNs) {
        Frames.nwuToNed(truth.positionNwuM, scratch3);
        float x = (float) scratch3[0];
        float y = (float) scratch3[1];
        float z = (float) scratch3[2];
        Frames.nwuToNed(truth.velocityNwuMps, scratch3);
        send(LocalPositionNed.builder()
                .timeBootMs(nowNs / 1_000_000L)
                .x(x).y(y).z(z)
                .vx((float) scratch3[0]).vy((float) scratch3[1]).vz((float) scratch3[2])
                .build());
    }

    private void send(Object payload) {
        int length = cold.encodeV2(encoder, payload);
        outbox.send(encoder.frame(), length);
    }

    private void event(long nowNs, String text) {
        events.add(String.format("t=%.3f s: %s", nowNs * 1e-9, text));
    }

    /** Sends a STATUSTEXT (cut to the field's 50 characters) and keeps it in the event log and {@link #statusTexts}. */
    private void statusText(MavSeverity severity, String text, long nowNs) {
        String t = text.length() > STATUSTEXT_MAX_CHARS ? text.substring(0, STATUSTEXT_MAX_CHARS) : text;
        statusTexts.add(t);
        event(nowNs, "STATUSTEXT " + severity.name().substring("MAV_SEVERITY_".length()) + ": " + t);
        send(Statustext.builder().severity(severity).text(t).build());
    }

    /**
     * The pilot's mode switch on the RC transmitter: takes effect at once, whatever the companion commands (PX4
     * gives the RC mode switch priority over offboard control).
     *
     * @throws IllegalArgumentException when {@code next} is another autopilot's mode
     */
    public void pilotSelectsMode(VfcMode next, long nowNs) {
        if (!dialect.owns(next)) {
            throw new IllegalArgumentException("mode " + next.name() + " is not a mode of the "
                    + dialect.describe() + " virtual flight controller");
        }
        enter(next, nowNs, "pilot's mode switch");
    }

    /** The pilot arms from the RC transmitter (ArduCopter allows it in GUIDED only with GUID_OPTIONS bit 0). */
    public void pilotArms(long nowNs) {
        onArm(true, false, false, nowNs);
    }

    /** Fault injection: sends no state stream until {@code untilNs} (heartbeats continue), as a congested link would. */
    public void suppressStreamsUntil(long untilNs) {
        streamsSuppressedUntilNs = untilNs;
    }

    /**
     * Fault injection: the link is cut both ways from {@code nowNs} until {@code untilNs} ({@link Long#MAX_VALUE}:
     * for good), as a radio out of range or a loose cable would: the autopilot sends nothing (no heartbeat, no
     * state, no acknowledgement) and every frame from the companion is lost. It keeps flying on its own meanwhile,
     * so the lost setpoints end OFFBOARD after COM_OF_LOSS_T as they would on PX4.
     */
    public void cutLinkUntil(long untilNs, long nowNs) {
        linkCutUntilNs = untilNs;
        event(nowNs, untilNs == Long.MAX_VALUE ? "link cut for good"
                : String.format("link cut until t=%.3f s", untilNs * 1e-9));
    }

    /** Frames from the companion lost to a cut link. */
    public long framesLostToCut() {
        return framesLostToCut;
    }

    /** Fault injection: a steady external force on the vehicle, NWU world, N (0, 0, 0 removes it). */
    public void setWindForce(double fxNwuN, double fyNwuN, double fzNwuN) {
        vehicle.quadrotor().setDisturbance(fxNwuN, fyNwuN, fzNwuN, 0, 0, 0);
    }

    /** The vehicle's true state at the last step. */
    public void readTruth(VehicleState out) {
        out.copyFrom(truth);
    }

    /** Whether the motors are armed. */
    public boolean isArmed() {
        return armed;
    }

    /** The current mode: a {@link Px4Mode} or a {@link CopterMode}. */
    public VfcMode mode() {
        return mode;
    }

    /** The flight stack imitated. */
    public VfcAutopilot autopilot() {
        return config.autopilot();
    }

    /** How the autopilot describes itself ("PX4-like", "ArduCopter-like"). */
    public String describe() {
        return dialect.describe();
    }

    /** The value of autopilot parameter {@code name}, or NaN when the stack does not model it. */
    public double parameter(String name) {
        int i = parameters.indexOf(name);
        return i < 0 ? Double.NaN : parameters.value(i);
    }

    /** The STATUSTEXT messages sent so far, in order. */
    public List<String> statusTexts() {
        return List.copyOf(statusTexts);
    }

    /** Whether the vehicle rests on the ground. */
    public boolean isOnGround() {
        return onGround;
    }

    /** SET_ATTITUDE_TARGET messages taken. */
    public long setpointsReceived() {
        return setpointsReceived;
    }

    /** SET_ATTITUDE_TARGET messages not flown (other system, rates-only, no thrust). */
    public long setpointsIgnored() {
        return setpointsIgnored;
    }

    /**
     * Fault injection: refuse every unforced arming request (as a failed pre-arm check does) while {@code reason} is
     * not null; the reason goes out in a STATUSTEXT worded as the stack words it (ArduCopter: "PreArm: reason") and
     * into the event log.
     */
    public void refuseArming(String reason) {
        armingRefusal = reason;
    }

    /** MAV_STATE names (MAV_STATE_ACTIVE, ...) of the companion's HEARTBEATs, in the order they arrived. */
    public List<String> companionStatuses() {
        return List.copyOf(companionStatuses);
    }

    /** HEARTBEATs received from the companion. */
    public long companionHeartbeats() {
        return companionHeartbeats;
    }

    /** Mode changes, arming and refusals, in order, with their simulated time. */
    public List<String> events() {
        return List.copyOf(events);
    }
}
