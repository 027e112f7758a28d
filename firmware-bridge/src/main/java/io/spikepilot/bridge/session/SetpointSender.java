package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.state.AttitudeSetpoint;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Turns the loop's {@link AttitudeSetpoint} into SET_ATTITUDE_TARGET (through {@link SetAttitudeTargetEncoder})
 * and sends it. Called on the loop thread every tick: no allocation, no blocking, no clock (time is passed in).
 *
 * <p>Rates are sent only for the axes the setpoint flags; with {@link #setAllOrNoRates(boolean)} (ArduPilot, which
 * rejects a partial set) a partial set is dropped entirely. An invalid setpoint (non-finite, non-unit quaternion) is
 * never sent: ArduPilot would reject it and stop the vehicle.
 */
public final class SetpointSender {
    /** Sends remembered to judge whether setpoints are streaming. */
    private static final int HISTORY = 4;

    private final MavlinkLink link;
    private final FrameEncoder encoder;
    private final long bootNs;
    private final SetAttitudeTargetEncoder payloadEncoder = new SetAttitudeTargetEncoder();
    private final AtomicLongArray recentSendNs = new AtomicLongArray(HISTORY);
    private volatile int targetSystem;
    private volatile int targetComponent;
    private volatile long sent;
    private volatile long invalid;
    private volatile long dropped;

    /**
     * @param encoder our component's encoder for the loop thread (its own, sharing the component's sequence)
     * @param bootNs  monotonic time counted as our boot, for time_boot_ms
     */
    public SetpointSender(MavlinkLink link, FrameEncoder encoder, long bootNs) {
        this.link = link;
        this.encoder = encoder;
        this.bootNs = bootNs;
        for (int i = 0; i < HISTORY; i++) {
            recentSendNs.set(i, Long.MIN_VALUE);
        }
    }

    /** Where setpoints go (the autopilot found by the session); 0 = broadcast, which both stacks accept. */
    public void setTarget(int systemId, int componentId) {
        this.targetSystem = systemId;
        this.targetComponent = componentId;
    }

    /** ArduPilot takes all three body rates or none. */
    public void setAllOrNoRates(boolean allOrNone) {
        payloadEncoder.setAllOrNoRates(allOrNone);
    }

    /** PX4 only: send thrust as thrust_body (0, 0, -thrust) with THRUST_BODY_SET instead of collective thrust. */
    public void setThrustBody(boolean useThrustBody) {
        payloadEncoder.setThrustBody(useThrustBody);
    }

    /** Encodes and queues one setpoint; false when it was invalid or could not be queued. */
    public boolean send(AttitudeSetpoint setpoint, long nowNs) {
        long timeBootMs = (nowNs - bootNs) / 1_000_000L;
        if (!payloadEncoder.write(setpoint, timeBootMs, targetSystem, targetComponent, encoder.payload())) {
            invalid++;
            return false;
        }
        int length = encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH);
        if (!link.transmit(encoder.frame(), length, nowNs)) {
            dropped++;
            return false;
        }
        long count = sent;
        recentSendNs.set((int) (count % HISTORY), nowNs);
        sent = count + 1;
        return true;
    }

    /**
     * True when the last {@value #HISTORY} setpoints went out at no less than {@code minRateHz} and the newest is
     * recent: the condition PX4 sets before it accepts OFFBOARD.
     */
    public boolean isStreaming(long nowNs, double minRateHz) {
        long maxGapNs = (long) (1e9 / minRateHz);
        long count = sent;
        if (count < HISTORY) {
            return false;
        }
        long newest = recentSendNs.get((int) ((count - 1) % HISTORY));
        long oldest = recentSendNs.get((int) (count % HISTORY));
        return nowNs - newest <= maxGapNs && newest - oldest <= (HISTORY - 1) * maxGapNs;
    }

    public long sentCount() {
        return sent;
    }

    /** Setpoints refused as invalid. */
    public long invalidCount() {
        return invalid;
    }

    /** Setpoints the transport could not queue. */
    public long droppedCount() {
        return dropped;
    }
}
