package io.spikepilot.flight;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.telemetry.CommandLimits;

/**
 * Everything {@code flight.yaml} holds: the controller's {@link FlightConfig} and the settings around it (loop
 * scheduling, the autopilot link, the state streams to request, recording).
 *
 * @param flight        the flight loop configuration
 * @param idleStrategy  park-spin, park, sleep or busy-spin
 * @param spinWindowNs  spin window of park-spin, ns
 * @param autopilot     px4 or ardupilot
 * @param systemId      the vehicle's MAVLink system id
 * @param componentId   the autopilot's component id
 * @param streamRateHz  rate requested for LOCAL_POSITION_NED and ATTITUDE_QUATERNION, Hz
 * @param minStreamHz   pre-flight check: both streams must arrive at least this fast before arming, Hz
 * @param heartbeatTimeoutNs no autopilot HEARTBEAT for this long in flight: the link is lost, ns
 * @param lostLinkListenNs   after a lost link, how long to wait for the autopilot's heartbeat to return, ns
 * @param trace         write the per-tick CSV trace beside the .tlog
 * @param minFreeBytes  recording stops (the flight does not) when the log disk has less free than this, bytes
 * @param keepBytes     before a flight, the oldest flights' logs are deleted until the log folder holds at most
 *                      this, bytes (0: delete nothing)
 * @param groundCommands   accept ground commands over MQTT (false: telemetry only)
 * @param commandMaxAgeMs  a ground command further than this from the vehicle's clock is refused, ms
 * @param commandLimits    the rate limit of ground commands and the geofence and altitude limits of their targets
 */
public record FlightSettings(FlightConfig flight, String idleStrategy, long spinWindowNs, String autopilot,
                             int systemId, int componentId, double streamRateHz, double minStreamHz,
                             long heartbeatTimeoutNs, long lostLinkListenNs, boolean trace,
                             long minFreeBytes, long keepBytes, boolean groundCommands, long commandMaxAgeMs,
                             CommandLimits commandLimits) {
    /** The same settings for another autopilot (px4 or ardupilot), as the demo's --autopilot picks it. */
    public FlightSettings withAutopilot(String other) {
        return new FlightSettings(flight, idleStrategy, spinWindowNs, other, systemId, componentId, streamRateHz,
                minStreamHz, heartbeatTimeoutNs, lostLinkListenNs, trace, minFreeBytes, keepBytes, groundCommands,
                commandMaxAgeMs, commandLimits);
    }
}
