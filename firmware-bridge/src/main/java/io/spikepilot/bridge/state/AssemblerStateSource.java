package io.spikepilot.bridge.state;

import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.state.VehicleState;

/**
 * The loop's view of the MAVLink link: the state assembler's latest estimate, stamped with the arrival time of its
 * <em>oldest</em> part (position/velocity, attitude, body rate), so the supervisor's staleness check covers the
 * slowest stream; and the arrival time of the latest frame of any kind, recorded as a frame listener.
 */
public final class AssemblerStateSource implements StateSource, FrameListener {
    private final StateAssembler assembler;
    private final AssembledState scratch = new AssembledState();
    private volatile long lastFrameNs = NO_MESSAGE;

    public AssemblerStateSource(StateAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    public boolean readLatest(VehicleState out) {
        if (!assembler.read(scratch)) {
            return false;
        }
        long pv = scratch.positionVelocityUpdatedNs;
        long att = scratch.attitudeUpdatedNs;
        long rate = scratch.bodyRateUpdatedNs;
        if (pv == AssembledState.NEVER || att == AssembledState.NEVER || rate == AssembledState.NEVER) {
            return false;
        }
        out.copyFrom(scratch.state);
        out.timeNs = Math.min(pv, Math.min(att, rate));
        return true;
    }

    @Override
    public long lastMessageNs() {
        return lastFrameNs;
    }

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        lastFrameNs = receivedNs;
    }
}
