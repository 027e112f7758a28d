package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.transport.TransportUrl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeartbeatStatusTest {
    private VehicleSession session() throws Exception {
        MavlinkLink link = new MavlinkLink(TransportUrl.open("udp://127.0.0.1:0", System::nanoTime),
                new StateAssembler(1, 1), null, 0, 0);
        return new VehicleSession(link, new SessionConfig(), () -> 0L);
    }

    @Test
    void standbyUntilTheLoopReports() throws Exception {
        assertEquals(HeartbeatMessage.MAV_STATE_STANDBY, session().heartbeatStatus(5_000_000_000L));
    }

    @Test
    void activeWhileTheLoopKeepsReportingActive() throws Exception {
        VehicleSession s = session();
        s.reportLoopHealth(LoopHealth.ACTIVE, 1_000_000_000L);
        assertEquals(HeartbeatMessage.MAV_STATE_ACTIVE, s.heartbeatStatus(1_900_000_000L));
    }

    @Test
    void criticalWhenTheLoopStopsReporting() throws Exception {
        VehicleSession s = session();
        s.reportLoopHealth(LoopHealth.ACTIVE, 1_000_000_000L);
        assertEquals(HeartbeatMessage.MAV_STATE_CRITICAL, s.heartbeatStatus(2_100_000_000L));
    }

    @Test
    void emergencyIsPassedThrough() throws Exception {
        VehicleSession s = session();
        s.reportLoopHealth(LoopHealth.EMERGENCY, 1_000_000_000L);
        assertEquals(HeartbeatMessage.MAV_STATE_EMERGENCY, s.heartbeatStatus(1_000_000_000L));
    }
}
