package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.supervisor.Reasons;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryMessagesTest {
    @Test
    void statePublishesTheEstimateTheLoopReadAndItsTarget() {
        TickRecord r = MqttTestSupport.record(7, 70_000_000L);
        r.targetNwuM[2] = 2.0;
        r.statePositionNwuM[2] = 1.75;
        Map<?, ?> m = (Map<?, ?>) Json.parse(TelemetryMessages.state(r));
        assertEquals(70_000L, m.get("ts_us"));
        assertEquals(List.of(0.0, 0.0, 1.75), m.get("position_nwu_m"));
        assertEquals(List.of(0.0, 0.0, 2.0), m.get("target_nwu_m"));
    }

    @Test
    void nonFiniteValuesArePublishedAsNull() {
        TickRecord r = MqttTestSupport.record(1, 0);
        r.stateVelocityNwuMps[0] = Double.NaN;
        Map<?, ?> m = (Map<?, ?>) Json.parse(TelemetryMessages.state(r));
        assertEquals(Json.NULL, ((List<?>) m.get("velocity_nwu_mps")).get(0));
    }

    @Test
    void transitionNamesModesAndReasons() {
        TickRecord r = MqttTestSupport.record(3, 0);
        r.previousMode = 2;
        r.mode = 1;
        r.reasons = Reasons.STATE_STALE | Reasons.LOOP_OVERRUN;
        Map<?, ?> m = (Map<?, ?>) Json.parse(TelemetryMessages.transition(r));
        assertEquals("SNN", m.get("from"));
        assertEquals("PID", m.get("to"));
        assertEquals("STATE_STALE|LOOP_OVERRUN", m.get("reasons"));
    }

    @Test
    void healthCarriesStateAgeInMilliseconds() {
        TickRecord r = MqttTestSupport.record(3, 10_000_000L);
        Map<?, ?> m = (Map<?, ?>) Json.parse(TelemetryMessages.health(r, 5, 2));
        assertEquals(2.0, m.get("state_age_ms"));
        assertEquals(2L, m.get("telemetry_dropped"));
    }
}
