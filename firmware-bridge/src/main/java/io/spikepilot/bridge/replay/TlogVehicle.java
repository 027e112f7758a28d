package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.codec.AttitudeMessage;
import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.OdometryMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vehicle of a .tlog whose state the replay reads: by default the system that sent the most state messages (a
 * GCS, a companion computer or a second vehicle on the same link sends few or none), preferring one whose HEARTBEAT
 * says it is an autopilot; the user can name it. Its state must cover position and velocity, attitude and body
 * rates, or the replay is refused naming the missing messages.
 *
 * @param systemId    the vehicle's MAVLink system id
 * @param componentId the component whose estimates count, 0 when several components share them
 * @param autopilot   MAV_AUTOPILOT from its HEARTBEAT, or -1 when it sent none
 */
public record TlogVehicle(int systemId, int componentId, int autopilot) {
    /** Whether the autopilot is ArduPilot (which takes all body rates or none). */
    public boolean ardupilot() {
        return autopilot == HeartbeatMessage.MAV_AUTOPILOT_ARDUPILOTMEGA;
    }

    /**
     * @param requestedSystem the system the user named, or 0 to choose
     */
    public static TlogVehicle choose(TlogCensus census, int requestedSystem) throws LogReplayException {
        long best = -1;
        int bestSystem = -1;
        for (Map.Entry<Integer, long[]> e : census.counts.entrySet()) {
            int system = e.getKey() >> 8;
            long n = stateOfSystem(census, system);
            boolean autopilot = census.autopilots.containsKey(system);
            long score = n * 2 + (autopilot ? 1 : 0);
            if (n > 0 && score > best) {
                best = score;
                bestSystem = system;
            }
        }
        int system = requestedSystem != 0 ? requestedSystem : bestSystem;
        if (system < 0) {
            throw new LogReplayException(census.file + ": no vehicle state in the log: expected LOCAL_POSITION_NED "
                    + "(32), ATTITUDE_QUATERNION (31), ATTITUDE (30) or ODOMETRY (331) from some system, found none "
                    + "(" + census.records + " records" + sources(census) + ")");
        }
        if (stateOfSystem(census, system) == 0) {
            throw new LogReplayException(census.file + ": --system-id " + system + ": that system sent no state "
                    + "message (LOCAL_POSITION_NED, ATTITUDE_QUATERNION, ATTITUDE, ODOMETRY)" + sources(census));
        }
        List<String> missing = new ArrayList<>();
        boolean odometry = census.countFromSystem(system, OdometryMessage.ID) > 0;
        if (census.countFromSystem(system, LocalPositionNedMessage.ID) == 0 && !odometry) {
            missing.add("LOCAL_POSITION_NED or ODOMETRY (position and velocity)");
        }
        if (census.countFromSystem(system, AttitudeQuaternionMessage.ID) == 0
                && census.countFromSystem(system, AttitudeMessage.ID) == 0 && !odometry) {
            missing.add("ATTITUDE_QUATERNION, ATTITUDE or ODOMETRY (attitude and body rates)");
        }
        if (!missing.isEmpty()) {
            throw new LogReplayException(census.file + ": system " + system + " lacks state messages the replay "
                    + "needs: expected " + String.join(" and ", missing) + ", found none" + sources(census));
        }
        int component = 0;
        int componentsWithState = 0;
        for (Map.Entry<Integer, long[]> e : census.counts.entrySet()) {
            if (e.getKey() >> 8 == system && TlogCensus.stateMessages(e.getValue()) > 0) {
                componentsWithState++;
                component = e.getKey() & 0xFF;
            }
        }
        return new TlogVehicle(system, componentsWithState == 1 ? component : 0,
                census.autopilots.getOrDefault(system, -1));
    }

    private static long stateOfSystem(TlogCensus census, int system) {
        return census.countFromSystem(system, LocalPositionNedMessage.ID)
                + census.countFromSystem(system, AttitudeQuaternionMessage.ID)
                + census.countFromSystem(system, AttitudeMessage.ID)
                + census.countFromSystem(system, OdometryMessage.ID);
    }

    /** "; state messages by system: 1: 300, 255: 0" for messages. */
    private static String sources(TlogCensus census) {
        StringBuilder s = new StringBuilder();
        java.util.Set<Integer> systems = new java.util.TreeSet<>();
        census.counts.keySet().forEach(k -> systems.add(k >> 8));
        for (int system : systems) {
            s.append(s.length() == 0 ? "; state messages by system: " : ", ").append(system).append(": ")
                    .append(stateOfSystem(census, system));
        }
        return s.toString();
    }
}
