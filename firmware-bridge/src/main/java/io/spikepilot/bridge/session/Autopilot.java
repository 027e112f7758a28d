package io.spikepilot.bridge.session;

/** Which flight stack is on the other end, from HEARTBEAT.autopilot. */
public enum Autopilot {
    PX4,
    ARDUPILOT,
    /** An autopilot this controller does not know how to command; it can still be read. */
    OTHER;

    static Autopilot fromHeartbeat(int mavAutopilot) {
        switch (mavAutopilot) {
            case io.spikepilot.bridge.codec.HeartbeatMessage.MAV_AUTOPILOT_PX4:
                return PX4;
            case io.spikepilot.bridge.codec.HeartbeatMessage.MAV_AUTOPILOT_ARDUPILOTMEGA:
                return ARDUPILOT;
            default:
                return OTHER;
        }
    }
}
