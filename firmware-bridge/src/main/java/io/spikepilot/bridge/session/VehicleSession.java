package io.spikepilot.bridge.session;

import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.ParamRequestRead;
import io.dronefleet.mavlink.common.ParamSet;
import io.dronefleet.mavlink.common.ParamValue;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.signing.MavlinkSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The companion computer's side of the conversation with the autopilot.
 *
 * <ul>
 *   <li>sends HEARTBEAT at 1 Hz as MAV_TYPE_ONBOARD_CONTROLLER, component 191, system_status from the loop's
 *       reported health (CRITICAL when the loop stops reporting);</li>
 *   <li>detects the autopilot (PX4 / ArduPilot) from its HEARTBEAT and tracks its mode and armed state;</li>
 *   <li>sends COMMAND_LONG with retries (the confirmation field counts retransmissions) until a COMMAND_ACK;</li>
 *   <li>requests message intervals and checks the measured rates;</li>
 *   <li>enters PX4 OFFBOARD (only with setpoints already streaming) or ArduPilot GUIDED_NOGPS (checking that
 *       GUID_OPTIONS makes thrust mean thrust), arms and disarms, each confirmed by the autopilot's heartbeat.</li>
 * </ul>
 *
 * <p>Cold path: dronefleet encodes and decodes these messages. Frames arrive on the link's reader thread; blocking
 * calls run on the caller's thread.
 */
public final class VehicleSession implements FrameListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VehicleSession.class);

    public static final int MAV_CMD_DO_SET_MODE = 176;
    public static final int MAV_CMD_COMPONENT_ARM_DISARM = 400;
    public static final int MAV_CMD_SET_MESSAGE_INTERVAL = 511;
    /** PX4_CUSTOM_MAIN_MODE_OFFBOARD. */
    public static final int PX4_MAIN_MODE_OFFBOARD = 6;
    /** COPTER_MODE_GUIDED_NOGPS. */
    public static final int COPTER_MODE_GUIDED_NOGPS = 20;
    /** GUID_OPTIONS bit 3: SET_ATTITUDE_TARGET thrust is thrust, not climb rate. */
    public static final int GUID_OPTIONS_THRUST = 8;
    /** Magic param2 of MAV_CMD_COMPONENT_ARM_DISARM that skips the pre-arm checks. */
    public static final float FORCE_ARM_MAGIC = 21196f;
    private static final int MAV_PARAM_TYPE_INT32 = 6;

    private final MavlinkLink link;
    private final SessionConfig config;
    private final LongSupplier clockNs;
    private final ColdCodec codec = new ColdCodec(MessageCatalog.standard());
    private final AtomicInteger sequence = new AtomicInteger();
    private final FrameEncoder encoder;
    private final Map<Integer, BlockingQueue<int[]>> pendingAcks = new ConcurrentHashMap<>();
    private final Map<String, Float> parameters = new ConcurrentHashMap<>();
    private final Object stateChanged = new Object();
    private final java.util.List<MavlinkSigner> signers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Thread heartbeatThread;
    private volatile boolean running;

    private volatile Autopilot autopilot;
    private volatile int autopilotSystemId;
    private volatile int autopilotComponentId;
    private volatile int autopilotBaseMode;
    private volatile long autopilotCustomMode;
    private volatile long lastAutopilotHeartbeatNs = Long.MIN_VALUE;
    private volatile long autopilotHeartbeats;

    private volatile LoopHealth loopHealth = LoopHealth.STANDBY;
    private volatile long loopHealthNs = Long.MIN_VALUE;
    private volatile long heartbeatsSent;

    public VehicleSession(MavlinkLink link, SessionConfig config, LongSupplier clockNs) {
        this.link = link;
        this.config = config;
        this.clockNs = clockNs;
        this.encoder = new FrameEncoder(config.systemId, config.componentId, sequence);
        attachSigner(encoder);
    }

    /**
     * A new encoder for another thread (the loop's setpoint sender) sending as this component. With a signing key,
     * each encoder signs on its own link id, so two threads never share a timestamp sequence.
     */
    public FrameEncoder newEncoderForThread() {
        FrameEncoder threadEncoder = new FrameEncoder(config.systemId, config.componentId, sequence);
        attachSigner(threadEncoder);
        return threadEncoder;
    }

    private MavlinkSigner attachSigner(FrameEncoder target) {
        if (config.signingKey == null) {
            return null;
        }
        MavlinkSigner signer = new MavlinkSigner(config.signingKey, signers.size(), 0);
        signer.observeUnixUs(link.unixUs(clockNs.getAsLong()));
        signers.add(signer);
        target.setSigner(signer);
        return signer;
    }

    /** Starts listening and the 1 Hz heartbeat. */
    public void start() {
        link.addListener(this);
        running = true;
        heartbeatThread = new Thread(this::heartbeatLoop, "session-heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
    }

    private void heartbeatLoop() {
        while (running) {
            long now = clockNs.getAsLong();
            // Keeps signing timestamps near real time; the signers themselves never read a clock.
            for (MavlinkSigner signer : signers) {
                signer.observeUnixUs(link.unixUs(now));
            }
            sendHeartbeat(now);
            try {
                Thread.sleep(config.heartbeatPeriodMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one companion heartbeat now. */
    public void sendHeartbeat(long nowNs) {
        int status = heartbeatStatus(nowNs);
        synchronized (encoder) {
            HeartbeatMessage.write(encoder.payload(), HeartbeatMessage.MAV_TYPE_ONBOARD_CONTROLLER,
                    HeartbeatMessage.MAV_AUTOPILOT_INVALID, 0, 0, status, 3);
            int length = encoder.encodeV2(HeartbeatMessage.ID, HeartbeatMessage.CRC_EXTRA, HeartbeatMessage.LENGTH);
            if (link.transmit(encoder.frame(), length, nowNs)) {
                heartbeatsSent++;
            }
        }
    }

    /** The loop (or its supervisor) reports its health; heartbeats carry it while the reports keep coming. */
    public void reportLoopHealth(LoopHealth health, long nowNs) {
        loopHealth = health;
        loopHealthNs = nowNs;
    }

    /** MAV_STATE for the next heartbeat: the reported health, or CRITICAL when the reports went stale. */
    public int heartbeatStatus(long nowNs) {
        LoopHealth health = loopHealth;
        long reported = loopHealthNs;
        if (health != LoopHealth.STANDBY
                && (reported == Long.MIN_VALUE || nowNs - reported > config.loopHealthStaleMs * 1_000_000L)) {
            return HeartbeatMessage.MAV_STATE_CRITICAL;
        }
        return health.mavState;
    }

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        if (!frame.isKnown()) {
            return;
        }
        switch (frame.messageId()) {
            case HeartbeatMessage.ID:
                onHeartbeat(frame, receivedNs);
                break;
            case 77: // COMMAND_ACK
                if (fromAutopilot(frame)) {
                    CommandAck ack = codec.decode(frame, CommandAck.class);
                    BlockingQueue<int[]> queue = ack == null || !addressedToUs(ack) ? null
                            : pendingAcks.get(ack.command().value());
                    if (queue != null) {
                        queue.offer(new int[]{ack.result().value(), ack.progress()});
                    }
                }
                break;
            case 22: // PARAM_VALUE
                if (fromAutopilot(frame)) {
                    ParamValue value = codec.decode(frame, ParamValue.class);
                    if (value != null) {
                        parameters.put(value.paramId().trim(), value.paramValue());
                        notifyStateChanged();
                    }
                }
                break;
            default:
                break;
        }
    }

    /** An ACK for a ground station's command with the same number is not ours (0 = unaddressed, older stacks). */
    private boolean addressedToUs(CommandAck ack) {
        return (ack.targetSystem() == 0 || ack.targetSystem() == config.systemId)
                && (ack.targetComponent() == 0 || ack.targetComponent() == config.componentId);
    }

    private boolean fromAutopilot(MavlinkFrame frame) {
        return autopilot != null && frame.systemId() == autopilotSystemId
                && frame.componentId() == autopilotComponentId;
    }

    private void onHeartbeat(MavlinkFrame frame, long nowNs) {
        int type = HeartbeatMessage.type(frame);
        int mavAutopilot = HeartbeatMessage.autopilot(frame);
        if (mavAutopilot == HeartbeatMessage.MAV_AUTOPILOT_INVALID || type == HeartbeatMessage.MAV_TYPE_GCS
                || type == HeartbeatMessage.MAV_TYPE_ONBOARD_CONTROLLER) {
            return; // ground stations, companions, gimbals and cameras are not the autopilot
        }
        if (autopilot == null) {
            autopilotSystemId = frame.systemId();
            autopilotComponentId = frame.componentId();
            autopilot = Autopilot.fromHeartbeat(mavAutopilot);
            LOG.info("autopilot found: {} (system {}, component {}, MAV_TYPE {})", autopilot, autopilotSystemId,
                    autopilotComponentId, type);
        } else if (frame.systemId() != autopilotSystemId || frame.componentId() != autopilotComponentId) {
            return;
        }
        autopilotBaseMode = HeartbeatMessage.baseMode(frame);
        autopilotCustomMode = HeartbeatMessage.customMode(frame);
        lastAutopilotHeartbeatNs = nowNs;
        autopilotHeartbeats++;
        notifyStateChanged();
    }

    private void notifyStateChanged() {
        synchronized (stateChanged) {
            stateChanged.notifyAll();
        }
    }

    /** Waits for the autopilot's first HEARTBEAT. */
    public Autopilot awaitAutopilot(long timeoutMs) throws SessionException {
        if (!waitUntil(() -> autopilot != null, timeoutMs)) {
            throw new SessionException("no autopilot HEARTBEAT within " + timeoutMs + " ms on "
                    + link.transport().describe() + " (" + link.health().framesAccepted() + " frames, "
                    + link.health().badBytes() + " bad bytes received). Check the link URL, the baud rate and that "
                    + "the autopilot sends MAVLink on this port");
        }
        return autopilot;
    }

    /** Sends COMMAND_LONG to the autopilot, retrying until acknowledged; returns the final outcome. */
    public CommandResult command(int command, float p1, float p2, float p3, float p4, float p5, float p6, float p7)
            throws SessionException {
        requireAutopilot();
        BlockingQueue<int[]> queue = new ArrayBlockingQueue<>(8);
        if (pendingAcks.putIfAbsent(command, queue) != null) {
            throw new SessionException("command " + command + " is already waiting for its acknowledgement");
        }
        try {
            for (int attempt = 0; attempt < config.commandAttempts; attempt++) {
                CommandLong message = CommandLong.builder().targetSystem(autopilotSystemId)
                        .targetComponent(autopilotComponentId).command(EnumValue.create(command))
                        .confirmation(attempt).param1(p1).param2(p2).param3(p3).param4(p4).param5(p5).param6(p6)
                        .param7(p7).build();
                sendCold(message);
                long deadline = System.nanoTime() + config.ackTimeoutMs * 1_000_000L;
                while (true) {
                    long left = deadline - System.nanoTime();
                    int[] ack = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (ack == null) {
                        break; // retransmit
                    }
                    if (ack[0] == CommandResult.IN_PROGRESS) {
                        deadline = System.nanoTime() + config.ackTimeoutMs * 1_000_000L;
                        continue;
                    }
                    return new CommandResult(command, ack[0], attempt + 1);
                }
                LOG.warn("no COMMAND_ACK for command {} within {} ms (attempt {} of {})", command,
                        config.ackTimeoutMs, attempt + 1, config.commandAttempts);
            }
            return new CommandResult(command, CommandResult.NO_ACK, config.commandAttempts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while waiting for the acknowledgement of command " + command);
        } finally {
            pendingAcks.remove(command);
        }
    }

    private void sendCold(Object payload) {
        long now = clockNs.getAsLong();
        synchronized (encoder) {
            int length = codec.encodeV2(encoder, payload);
            link.transmit(encoder.frame(), length, now);
        }
    }

    /** Asks the autopilot to stream {@code messageId} at {@code rateHz}; throws unless it accepts. */
    public void requestMessageInterval(int messageId, double rateHz) throws SessionException {
        float intervalUs = (float) (1e6 / rateHz);
        CommandResult result = command(MAV_CMD_SET_MESSAGE_INTERVAL, messageId, intervalUs, 0, 0, 0, 0, 0);
        if (!result.accepted()) {
            throw new SessionException("the autopilot refused to stream message " + messageId + " at " + rateHz
                    + " Hz: " + result + ". Use its own stream configuration instead (PX4: mavlink stream in the "
                    + "startup script; ArduPilot: SRx_ parameters)");
        }
    }

    /** The rate of {@code messageId} measured over the link's last window, Hz. */
    public float measuredRateHz(int messageId) {
        return link.health().rateHz(messageId);
    }

    /**
     * PX4: switch to OFFBOARD. PX4 refuses OFFBOARD unless setpoints already stream, so this checks first and says so.
     */
    public void enterPx4Offboard(SetpointSender setpoints) throws SessionException {
        requireAutopilotKind(Autopilot.PX4, "OFFBOARD");
        if (!setpoints.isStreaming(clockNs.getAsLong(), config.offboardMinSetpointRateHz)) {
            throw new SessionException("refusing to request OFFBOARD: setpoints are not streaming (PX4 needs them at "
                    + "more than " + config.offboardMinSetpointRateHz + " Hz before the switch, " + setpoints.sentCount()
                    + " sent so far). Start the control loop first");
        }
        CommandResult result = command(MAV_CMD_DO_SET_MODE, HeartbeatMessage.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED,
                PX4_MAIN_MODE_OFFBOARD, 0, 0, 0, 0, 0);
        requireAccepted(result, "OFFBOARD mode");
        if (!waitUntil(() -> px4MainMode() == PX4_MAIN_MODE_OFFBOARD, config.confirmTimeoutMs)) {
            throw new SessionException("PX4 accepted OFFBOARD but its heartbeat still shows main mode " + px4MainMode()
                    + " after " + config.confirmTimeoutMs + " ms");
        }
    }

    /** PX4 main mode from the last heartbeat (custom_mode bits 16..23). */
    public int px4MainMode() {
        return (int) ((autopilotCustomMode >>> 16) & 0xFF);
    }

    /**
     * ArduPilot: switch to GUIDED_NOGPS, after {@link #requireThrustMeansThrust}: without GUID_OPTIONS bit 3 ArduPilot
     * reads thrust as a climb rate, which is not what the controller sends.
     */
    public void enterArduPilotGuidedNoGps(boolean configureThrust) throws SessionException {
        requireThrustMeansThrust(configureThrust);
        CommandResult result = command(MAV_CMD_DO_SET_MODE, HeartbeatMessage.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED,
                COPTER_MODE_GUIDED_NOGPS, 0, 0, 0, 0, 0);
        requireAccepted(result, "GUIDED_NOGPS mode");
        if (!waitUntil(() -> autopilotCustomMode == COPTER_MODE_GUIDED_NOGPS, config.confirmTimeoutMs)) {
            throw new SessionException("ArduPilot accepted GUIDED_NOGPS but its heartbeat still shows mode "
                    + autopilotCustomMode + " after " + config.confirmTimeoutMs + " ms");
        }
    }

    /**
     * ArduPilot: makes sure GUID_OPTIONS bit 3 is set, so that SET_ATTITUDE_TARGET thrust means thrust in GUIDED_NOGPS
     * (whoever selects that mode, we or the pilot). With {@code configureThrust} a clear bit is set (and checked);
     * otherwise the call refuses with an explanation.
     */
    public void requireThrustMeansThrust(boolean configureThrust) throws SessionException {
        requireAutopilotKind(Autopilot.ARDUPILOT, "GUIDED_NOGPS");
        int options;
        try {
            options = readIntParameter("GUID_OPTIONS");
        } catch (SessionException e) {
            throw new SessionException("cannot read ArduPilot's GUID_OPTIONS parameter (" + e.getMessage() + "), so "
                    + "spikepilot cannot check that SET_ATTITUDE_TARGET thrust is read as thrust and not as a climb "
                    + "rate. Make sure the autopilot answers parameter requests on this link, and that GUID_OPTIONS "
                    + "has bit 3 (value 8) set: add 8 to its value with a ground station, then run fly again", e);
        }
        if ((options & GUID_OPTIONS_THRUST) == 0) {
            if (!configureThrust) {
                throw new SessionException("ArduPilot GUID_OPTIONS is " + options + ": bit 3 (value 8) is clear, so "
                        + "SET_ATTITUDE_TARGET thrust would be read as a climb rate (0.5 = hold altitude), not as "
                        + "thrust. Set the parameter GUID_OPTIONS to " + (options | GUID_OPTIONS_THRUST)
                        + " (its value plus 8) on the autopilot with a ground station, then run fly again");
            }
            LOG.warn("ArduPilot GUID_OPTIONS is {}: setting bit 3 (thrust, not climb rate) -> {}", options,
                    options | GUID_OPTIONS_THRUST);
            int written = writeIntParameter("GUID_OPTIONS", options | GUID_OPTIONS_THRUST);
            if ((written & GUID_OPTIONS_THRUST) == 0) {
                throw new SessionException("ArduPilot did not take GUID_OPTIONS bit 3: it reports " + written);
            }
        }
    }

    /** Arms (or with {@code force}, arms skipping pre-arm checks) and waits for the armed flag. */
    public void arm(boolean force) throws SessionException {
        armDisarm(true, force);
    }

    /** Disarms ({@code force} also in flight) and waits for the armed flag to clear. */
    public void disarm(boolean force) throws SessionException {
        armDisarm(false, force);
    }

    private void armDisarm(boolean arm, boolean force) throws SessionException {
        CommandResult result = command(MAV_CMD_COMPONENT_ARM_DISARM, arm ? 1 : 0, force ? FORCE_ARM_MAGIC : 0,
                0, 0, 0, 0, 0);
        requireAccepted(result, arm ? "arming" : "disarming");
        if (!waitUntil(() -> isArmed() == arm, config.confirmTimeoutMs)) {
            throw new SessionException("the autopilot accepted " + (arm ? "arming" : "disarming") + " but its "
                    + "heartbeat does not show it after " + config.confirmTimeoutMs + " ms");
        }
    }

    /** Reads an integer parameter (PARAM_REQUEST_READ → PARAM_VALUE), retrying like a command. */
    public int readIntParameter(String name) throws SessionException {
        requireAutopilot();
        parameters.remove(name);
        for (int attempt = 0; attempt < config.commandAttempts; attempt++) {
            sendCold(ParamRequestRead.builder().targetSystem(autopilotSystemId).targetComponent(autopilotComponentId)
                    .paramId(name).paramIndex(-1).build());
            if (waitUntil(() -> parameters.containsKey(name), config.ackTimeoutMs)) {
                return Math.round(parameters.get(name));
            }
        }
        throw new SessionException("no PARAM_VALUE for " + name + " after " + config.commandAttempts
                + " requests: the autopilot does not have it or does not answer parameter requests");
    }

    /** Writes an integer parameter and returns the value the autopilot echoes. */
    public int writeIntParameter(String name, int value) throws SessionException {
        requireAutopilot();
        for (int attempt = 0; attempt < config.commandAttempts; attempt++) {
            parameters.remove(name);
            sendCold(ParamSet.builder().targetSystem(autopilotSystemId).targetComponent(autopilotComponentId)
                    .paramId(name).paramValue(value).paramType(EnumValue.create(MAV_PARAM_TYPE_INT32)).build());
            if (waitUntil(() -> parameters.containsKey(name), config.ackTimeoutMs)) {
                return Math.round(parameters.get(name));
            }
        }
        throw new SessionException("no PARAM_VALUE echo after setting " + name + " to " + value + " ("
                + config.commandAttempts + " attempts)");
    }

    private void requireAutopilot() throws SessionException {
        if (autopilot == null) {
            throw new SessionException("no autopilot detected yet: wait for its HEARTBEAT first");
        }
    }

    private void requireAutopilotKind(Autopilot kind, String mode) throws SessionException {
        requireAutopilot();
        if (autopilot != kind) {
            throw new SessionException(mode + " is a " + kind + " mode but the autopilot is " + autopilot);
        }
    }

    private static void requireAccepted(CommandResult result, String what) throws SessionException {
        if (!result.accepted()) {
            throw new SessionException("the autopilot did not accept " + what + ": " + result);
        }
    }

    private boolean waitUntil(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (stateChanged) {
            while (!condition.getAsBoolean()) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    return false;
                }
                try {
                    stateChanged.wait(Math.min(leftMs, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    public Autopilot autopilot() {
        return autopilot;
    }

    public int autopilotSystemId() {
        return autopilotSystemId;
    }

    public int autopilotComponentId() {
        return autopilotComponentId;
    }

    public boolean isArmed() {
        return (autopilotBaseMode & HeartbeatMessage.MAV_MODE_FLAG_SAFETY_ARMED) != 0;
    }

    public long autopilotCustomMode() {
        return autopilotCustomMode;
    }

    public long autopilotHeartbeats() {
        return autopilotHeartbeats;
    }

    /** Time since the autopilot's last heartbeat, or {@link Long#MAX_VALUE} when none has come. */
    public long timeSinceAutopilotHeartbeatNs(long nowNs) {
        long last = lastAutopilotHeartbeatNs;
        return last == Long.MIN_VALUE ? Long.MAX_VALUE : nowNs - last;
    }

    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    @Override
    public void close() {
        running = false;
        if (heartbeatThread != null) {
            heartbeatThread.interrupt();
            try {
                heartbeatThread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.removeListener(this);
    }
}
