package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.state.VehicleState;

/**
 * The state source of a replay: serves what the live source returned at the recorded tick. It writes the recorded
 * state holder contents even on ticks where the source returned nothing, because that is what the loop's holder
 * contained (it keeps the previous estimate), so the PID in hot standby sees the same numbers.
 */
public final class ReplayStateSource implements StateSource {
    private TickRecord current;

    /** Selects the tick whose inputs the next reads return. */
    public void load(TickRecord recorded) {
        current = recorded;
    }

    @Override
    public boolean readLatest(VehicleState out) {
        TickRecord r = current;
        out.timeNs = r.stateTimeNs;
        System.arraycopy(r.statePositionNwuM, 0, out.positionNwuM, 0, 3);
        System.arraycopy(r.stateVelocityNwuMps, 0, out.velocityNwuMps, 0, 3);
        System.arraycopy(r.stateAttitudeNwuFlu, 0, out.attitudeNwuFlu, 0, 4);
        System.arraycopy(r.stateBodyRateFluRadps, 0, out.bodyRateFluRadps, 0, 3);
        return r.stateReceived;
    }

    @Override
    public long lastMessageNs() {
        return current.linkLastRxNs;
    }
}
