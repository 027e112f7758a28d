package io.spikepilot.bridge.session;

/**
 * Identities and timing of the session. Defaults match a companion computer on vehicle 1: component 191
 * (MAV_COMP_ID_ONBOARD_COMPUTER), heartbeat at 1 Hz, 1.5 s per acknowledgement attempt, three attempts.
 */
public final class SessionConfig {
    /** Our system id: the vehicle's (components of one vehicle share it). */
    public int systemId = 1;
    /** Our component id. */
    public int componentId = 191;
    public long heartbeatPeriodMs = 1_000;
    /** How long one attempt of a command waits for its COMMAND_ACK. */
    public long ackTimeoutMs = 1_500;
    /** Attempts per command (the first send plus retransmissions with confirmation 1, 2, ...). */
    public int commandAttempts = 3;
    /** After an accepted mode or arming command, how long the autopilot's heartbeat has to show the change. */
    public long confirmTimeoutMs = 3_000;
    /** PX4 accepts OFFBOARD only with setpoints already streaming at least this fast. */
    public double offboardMinSetpointRateHz = 2.0;
    /** MAVLink 2 signing key for everything this component sends, or null to send unsigned. */
    public io.spikepilot.bridge.signing.SigningKey signingKey;
    /** Heartbeats from the loop older than this make our heartbeat report CRITICAL. */
    public long loopHealthStaleMs = 1_000;
}
