package io.spikepilot.controller.loop;

import io.spikepilot.controller.state.VehicleState;

/**
 * Where the loop reads the vehicle's state estimate: the MAVLink state assembler in flight, the simulator in
 * lockstep, a log in replay. Implementations never block and never allocate.
 */
public interface StateSource {
    /** {@link #lastMessageNs()} before anything has arrived. */
    long NO_MESSAGE = Long.MIN_VALUE;

    /**
     * Copies the latest complete estimate into {@code out}.
     *
     * @return false when no estimate has arrived yet ({@code out} is then unspecified)
     */
    boolean readLatest(VehicleState out);

    /** Arrival time, on the loop's clock (ns), of the latest message of any kind from the autopilot. */
    long lastMessageNs();
}
