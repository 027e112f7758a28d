package io.spikepilot.simulator.vfc;

import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.common.MavCmd;
import io.dronefleet.mavlink.common.MavResult;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.minimal.MavAutopilot;
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
 * The virtual flight controller's logic: a PX4-like autopilot around a {@link SimulatedVehicle}, single-threaded,
 * driven by {@link #step(long)} with the time it is given and fed whole MAVLink frames by
 * {@link #handleFrame(MavlinkFrame, long)}.
 *
 * <p>What it imitates of PX4 (reference/mavlink-ecosystem.md §1):
 * <ul>
 *   <li>HEARTBEAT at 1 Hz as a PX4 quadrotor with the armed flag and the custom main/sub mode;</li>
 *   <li>ATTITUDE_QUATERNION and LOCAL_POSITION_NED streams at onboard-link default rates, changed by
 *       MAV_CMD_SET_MESSAGE_INTERVAL (µs; −1 stops, 0 restores the default) and answered once by
 *       MAV_CMD_REQUEST_MESSAGE;</li>
 *   <li>MAV_CMD_DO_SET_MODE to POSCTL, OFFBOARD (refused unless setpoints are already streaming), AUTO.LOITER and
 *       AUTO.LAND;</li>
 *   <li>MAV_CMD_COMPONENT_ARM_DISARM (disarm in the air only when forced with 21196);</li>
 *   <li>SET_ATTITUDE_TARGET flown in OFFBOARD: thrust is normalized collective thrust, q the FRD body in NED;
 *       silence longer than COM_OF_LOSS_T drops to POSCTL, which holds position;</li>
 *   <li>AUTO.LAND descends at the landing speed and disarms one second after touchdown.</li>
 * </ul>
 * POSCTL and AUTO.LAND are flown by the controller's own {@link PositionPid}, as the autopilot's position loop.
 */
public final class VfcCore {
    /** Where encoded frames go. */
    @FunctionalInterface
    public interface Outbox {
        /** One whole frame, valid during the call. */
        void send(byte[] frame, int length);
    }

    private static final int ATTITUDE_QUATERNION_ID = 31;
    private static final int LOCAL_POSITION_NED_ID = 32;
    private static final int COMMAND_LONG_ID = 76;
    private static final int FORCE_MAGIC = 21196;
    private static final int CMD_DO_SET_MODE = 176;
    private static final int CMD_ARM_DISARM = 400;
    private static final int CMD_SET_MESSAGE_INTERVAL = 511;
    private static final int CMD_REQUEST_MESSAGE = 512;
    private static final int MAV_MODE_FLAG_CUSTOM_MODE_ENABLED = 1;
    private static final int MAV_MODE_FLAG_SAFETY_ARMED = 128;
    private static final long HEARTBEAT_PERIOD_NS = 1_000_000_000L;
    private static final long DISARM_AFTER_TOUCHDOWN_NS = 1_000_000_000L;

    private final VfcConfig config;
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

    private boolean armed;
    private Px4Mode mode = Px4Mode.POSITION;
    private boolean onGround = true;
    private boolean holdOnGround = true;
    private double holdYawRad;
    private long touchdownNs = Long.MIN_VALUE;
    private long lastSetpointNs = Long.MIN_VALUE;
    private long attitudeIntervalNs;
    private long positionIntervalNs;
    private long nextAttitudeNs;
    private long nextPositionNs;
    private long nextHeartbeatNs;
    private long streamsSuppressedUntilNs = Long.MIN_VALUE;
    private long linkCutUntilNs = Long.MIN_VALUE;
    private long framesLostToCut;
    private long setpointsReceived;
    private long setpointsIgnored;
    private long companionHeartbeats;
    private final List<String> companionStatuses = new ArrayList<>();
    private String armingRefusal;

    /**
     * @param config  autopilot settings
     * @param vehicle the simulated vehicle; it is placed at rest on the ground at the origin at time 0
     * @param limits  thrust and tilt limits of the autopilot's own position loop (hover thrust of the airframe)
     * @param outbox  receives every frame the autopilot sends
     */
    public VfcCore(VfcConfig config, SimulatedVehicle vehicle, AttitudeLimits limits, Outbox outbox) {
        this.config = config;
        this.vehicle = vehicle;
        this.outbox = outbox;
        this.encoder = new FrameEncoder(config.systemId(), config.componentId());
        this.positionLoop = new PositionPid(PositionPidGains.px4Defaults(), limits,
                vehicle.innerLoop().periodNs() * 1e-9);
        this.attitudeIntervalNs = defaultInterval(ATTITUDE_QUATERNION_ID);
        this.positionIntervalNs = defaultInterval(LOCAL_POSITION_NED_ID);
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
            default -> {
                // Everything else a companion may send (TIMESYNC, PARAM requests, ...) is not modelled.
            }
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
        if ((target != 0 && target != config.systemId())
                || (mask & SetAttitudeTargetMessage.IGNORE_ATTITUDE) != 0
                || (mask & SetAttitudeTargetMessage.IGNORE_THROTTLE) != 0) {
            // Rates-only and thrust-less setpoints need an inner loop this autopilot does not model.
            setpointsIgnored++;
            return;
        }
        for (int i = 0; i < 4; i++) {
            scratchQ[i] = SetAttitudeTargetMessage.q(f, i);
        }
        Frames.quaternionNedFrdToNwuFlu(scratchQ, offboardSetpoint.attitudeNwuFlu);
        offboardSetpoint.thrustNormalized = (mask & SetAttitudeTargetMessage.THRUST_BODY_SET) != 0
                ? -SetAttitudeTargetMessage.thrustBody(f, 2)
                : SetAttitudeTargetMessage.thrust(f);
        offboardSetpoint.bodyRateFluRadps[0] = SetAttitudeTargetMessage.bodyRollRate(f);
        offboardSetpoint.bodyRateFluRadps[1] = -SetAttitudeTargetMessage.bodyPitchRate(f);
        offboardSetpoint.bodyRateFluRadps[2] = -SetAttitudeTargetMessage.bodyYawRate(f);
        offboardSetpoint.useRollRate = (mask & SetAttitudeTargetMessage.IGNORE_ROLL_RATE) == 0;
        offboardSetpoint.usePitchRate = (mask & SetAttitudeTargetMessage.IGNORE_PITCH_RATE) == 0;
        offboardSetpoint.useYawRate = (mask & SetAttitudeTargetMessage.IGNORE_YAW_RATE) == 0;
        lastSetpointNs = nowNs;
        setpointsReceived++;
    }

    private void onCommand(CommandLong c, int fromSystem, int fromComponent, long nowNs) {
        int id = c.command().value();
        MavResult result;
        if (id == CMD_DO_SET_MODE) {
            result = onSetMode(Math.round(c.param2()), Math.round(c.param3()), nowNs);
        } else if (id == CMD_ARM_DISARM) {
            result = onArm(c.param1() == 1.0f, Math.round(c.param2()) == FORCE_MAGIC, nowNs);
        } else if (id == CMD_SET_MESSAGE_INTERVAL) {
            result = onMessageInterval(Math.round(c.param1()), c.param2(), nowNs);
        } else if (id == CMD_REQUEST_MESSAGE) {
            result = onRequestMessage(Math.round(c.param1()), nowNs);
        } else {
            result = MavResult.MAV_RESULT_UNSUPPORTED;
        }
        CommandAck ack = CommandAck.builder()
                .command(EnumValue.create(MavCmd.class, id))
                .result(result)
                .targetSystem(fromSystem)
                .targetComponent(fromComponent)
                .build();
        send(ack);
    }

    private MavResult onSetMode(int mainMode, int subMode, long nowNs) {
        Px4Mode requested = Px4Mode.of(mainMode, subMode);
        if (requested == null) {
            return MavResult.MAV_RESULT_UNSUPPORTED;
        }
        if (requested == Px4Mode.OFFBOARD && !setpointsFresh(nowNs, config.offboardEntryWindowS())) {
            event(nowNs, "OFFBOARD refused: no setpoint stream in the last " + config.offboardEntryWindowS() + " s");
            return MavResult.MAV_RESULT_TEMPORARILY_REJECTED;
        }
        enter(requested, nowNs, "commanded");
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    private MavResult onArm(boolean arm, boolean forced, long nowNs) {
        if (arm) {
            if (!armed && armingRefusal != null) {
                event(nowNs, "arming refused: " + armingRefusal);
                return MavResult.MAV_RESULT_DENIED;
            }
            if (!armed) {
                armed = true;
                positionLoop.reset();
                event(nowNs, "armed in " + mode);
            }
            return MavResult.MAV_RESULT_ACCEPTED;
        }
        if (!onGround && !forced) {
            event(nowNs, "disarm refused: in the air (force with param2 = 21196)");
            return MavResult.MAV_RESULT_DENIED;
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
        if (messageId == ATTITUDE_QUATERNION_ID) {
            attitudeIntervalNs = interval;
            nextAttitudeNs = nowNs;
        } else if (messageId == LOCAL_POSITION_NED_ID) {
            positionIntervalNs = interval;
            nextPositionNs = nowNs;
        } else {
            return MavResult.MAV_RESULT_UNSUPPORTED;
        }
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    private MavResult onRequestMessage(int messageId, long nowNs) {
        switch (messageId) {
            case 0 -> sendHeartbeat();
            case ATTITUDE_QUATERNION_ID -> sendAttitude(nowNs);
            case LOCAL_POSITION_NED_ID -> sendPosition(nowNs);
            default -> {
                return MavResult.MAV_RESULT_UNSUPPORTED;
            }
        }
        return MavResult.MAV_RESULT_ACCEPTED;
    }

    private long defaultInterval(int messageId) {
        double hz = messageId == ATTITUDE_QUATERNION_ID ? config.attitudeRateHz() : config.positionRateHz();
        return Math.round(1e9 / hz);
    }

    /** Advances the autopilot and the vehicle to {@code nowNs} and sends whatever streams are due. */
    public void step(long nowNs) {
        vehicle.readState(truth);
        if (armed && mode == Px4Mode.OFFBOARD && !setpointsFresh(nowNs, config.offboardLossTimeoutS())) {
            enter(Px4Mode.POSITION, nowNs, "offboard setpoints lost for more than "
                    + config.offboardLossTimeoutS() + " s (COM_OF_LOSS_T) -> failsafe");
        }
        chooseCommand();
        vehicle.apply(command);
        long dt = nowNs - vehicle.timeNs();
        if (dt > 0) {
            vehicle.advance(dt);
        }
        onGround = GroundContact.apply(vehicle.quadrotor());
        vehicle.readState(truth);
        if (armed && mode == Px4Mode.LAND) {
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

    private void chooseCommand() {
        if (!armed) {
            command.setLevel(0.0);
            return;
        }
        switch (mode) {
            case OFFBOARD -> command.copyFrom(offboardSetpoint);
            case POSITION, LOITER -> {
                if (holdOnGround) {
                    command.setLevel(0.0);
                } else {
                    positionLoop.compute(truth, holdTargetNwuM, holdYawRad, command);
                }
            }
            case LAND -> {
                // A position target below the vehicle by speed / Kp makes the P loop ask for the landing speed.
                holdTargetNwuM[2] = truth.positionNwuM[2]
                        - config.landingSpeedMps() / positionLoop.gains().positionGainZPerS();
                positionLoop.compute(truth, holdTargetNwuM, holdYawRad, command);
            }
            default -> command.setLevel(0.0);
        }
    }

    private void enter(Px4Mode next, long nowNs, String why) {
        vehicle.readState(truth);
        holdTargetNwuM[0] = truth.positionNwuM[0];
        holdTargetNwuM[1] = truth.positionNwuM[1];
        holdTargetNwuM[2] = truth.positionNwuM[2];
        holdYawRad = Quaternions.yaw(truth.attitudeNwuFlu);
        holdOnGround = onGround;
        touchdownNs = Long.MIN_VALUE;
        if (next != mode) {
            positionLoop.reset();
            event(nowNs, mode + " -> " + next + " (" + why + ")");
        }
        mode = next;
    }

    private void disarm(long nowNs, String why) {
        armed = false;
        event(nowNs, "disarmed (" + why + ")");
        enter(Px4Mode.POSITION, nowNs, why);
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
        if (attitudeIntervalNs > 0 && nowNs >= nextAttitudeNs) {
            sendAttitude(nowNs);
            nextAttitudeNs = nextDue(nextAttitudeNs, attitudeIntervalNs, nowNs);
        }
        if (positionIntervalNs > 0 && nowNs >= nextPositionNs) {
            sendPosition(nowNs);
            nextPositionNs = nextDue(nextPositionNs, positionIntervalNs, nowNs);
        }
    }

    /** Keeps the stream's phase; after a long gap it restarts from now instead of bursting to catch up. */
    private static long nextDue(long due, long interval, long nowNs) {
        long next = due + interval;
        return next <= nowNs ? nowNs + interval : next;
    }

    private void sendHeartbeat() {
        int baseMode = MAV_MODE_FLAG_CUSTOM_MODE_ENABLED | (armed ? MAV_MODE_FLAG_SAFETY_ARMED : 0);
        send(Heartbeat.builder()
                .type(MavType.MAV_TYPE_QUADROTOR)
                .autopilot(MavAutopilot.MAV_AUTOPILOT_PX4)
                .baseMode(EnumValue.create(MavModeFlag.class, baseMode))
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

    /**
     * The pilot's mode switch on the RC transmitter: takes effect at once, whatever the companion commands (PX4
     * gives the RC mode switch priority over offboard control).
     */
    public void pilotSelectsMode(Px4Mode next, long nowNs) {
        enter(next, nowNs, "pilot's mode switch");
    }

    /** The pilot arms from the RC transmitter (or the ground station). */
    public void pilotArms(long nowNs) {
        onArm(true, false, nowNs);
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

    /** The current mode. */
    public Px4Mode mode() {
        return mode;
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
     * Fault injection: refuse every arming request (as a failed pre-arm check does) while {@code reason} is not null;
     * the reason goes to the event log.
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
