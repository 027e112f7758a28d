package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.HeartbeatMessage;

/** What the companion heartbeat says about the control loop, as MAV_STATE. */
public enum LoopHealth {
    /** Running, not flying the vehicle. */
    STANDBY(HeartbeatMessage.MAV_STATE_STANDBY),
    /** Flying the vehicle normally. */
    ACTIVE(HeartbeatMessage.MAV_STATE_ACTIVE),
    /** Degraded: fallback controller in charge, overruns, stale inputs. */
    CRITICAL(HeartbeatMessage.MAV_STATE_CRITICAL),
    /** Failed: the loop cannot control the vehicle. */
    EMERGENCY(HeartbeatMessage.MAV_STATE_EMERGENCY);

    /** The MAV_STATE value sent in HEARTBEAT.system_status. */
    public final int mavState;

    LoopHealth(int mavState) {
        this.mavState = mavState;
    }
}
