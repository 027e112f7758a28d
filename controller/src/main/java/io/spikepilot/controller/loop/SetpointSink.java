package io.spikepilot.controller.loop;

import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.supervisor.FlightMode;

/**
 * Where the chosen setpoint goes: the MAVLink setpoint sender in flight, the simulator's inner loop in lockstep.
 * Called once per tick from the loop thread; implementations never block and never allocate.
 */
public interface SetpointSink {
    /** Delivers the setpoint chosen at {@code nowNs} while in {@code mode}. */
    void send(long nowNs, AttitudeSetpoint setpoint, FlightMode mode);
}
