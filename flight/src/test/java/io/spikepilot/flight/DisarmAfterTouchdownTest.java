package io.spikepilot.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.session.SessionException;
import org.junit.jupiter.api.Test;

class DisarmAfterTouchdownTest {
    /** An autopilot that refuses the first {@code refusals} disarms, on a clock that pauses advance. */
    private static final class Autopilot {
        boolean armed = true;
        int refusals;
        int attempts;
        long nowNs;

        Autopilot(int refusals) {
            this.refusals = refusals;
        }

        void disarm() throws SessionException {
            attempts++;
            if (refusals-- > 0) {
                throw new SessionException("the autopilot did not accept disarming: command 400: DENIED");
            }
            armed = false;
        }

        DisarmAfterTouchdown disarming() {
            return new DisarmAfterTouchdown(() -> armed, this::disarm, () -> nowNs, ms -> nowNs += ms * 1_000_000L);
        }
    }

    @Test
    void refusalsWhileTheLandDetectorCatchesUpAreRetried() throws Exception {
        Autopilot autopilot = new Autopilot(3);
        autopilot.disarming().run();
        assertEquals(4, autopilot.attempts);
        assertEquals(false, autopilot.armed);
        assertEquals(3 * DisarmAfterTouchdown.RETRY_MS * 1_000_000L, autopilot.nowNs);
    }

    @Test
    void aDisarmedVehicleIsLeftAlone() throws Exception {
        Autopilot autopilot = new Autopilot(0);
        autopilot.armed = false;
        autopilot.disarming().run();
        assertEquals(0, autopilot.attempts);
    }

    @Test
    void anAutopilotThatKeepsRefusingIsReportedAfterThePatienceRunsOut() {
        Autopilot autopilot = new Autopilot(Integer.MAX_VALUE);
        SessionException e = assertThrows(SessionException.class, () -> autopilot.disarming().run());
        assertTrue(e.getMessage().startsWith("the autopilot did not accept disarming: command 400: DENIED; still "
                + "refused 5000 ms after touchdown"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Disarm it from the ground station or the RC transmitter."));
        assertEquals(5_000 / 250 + 1, autopilot.attempts);
    }
}
