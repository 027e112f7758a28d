package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import org.junit.jupiter.api.Test;

/** The PX4-like autopilot in simulated time: frames in through a real encoder, frames out through a real reader. */
class SimulatedAutopilotTest extends VfcBench {
    SimulatedAutopilotTest() {
        super(VfcConfig.px4Defaults());
    }

    private void takeOffInOffboard() {
        run(500, 0.2f);
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 6, 0));
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 1, 0, 0));
        run(1000, 0.65f);
        run(1000, (float) x500.hoverThrustNormalized());
    }

    @Test
    void disarmedItRestsOnTheGroundAndStreamsAtPx4OnboardRates() {
        run(1000, Float.NaN);
        assertEquals(0.0, heightM(), 0.0);
        assertEquals(1, count(HeartbeatMessage.ID));
        assertEquals(50, count(31), 1);
        assertEquals(30, count(LocalPositionNedMessage.ID), 1);
        MavlinkFrame hb = sent.stream().filter(f -> f.messageId() == 0).findFirst().orElseThrow();
        assertEquals(HeartbeatMessage.MAV_AUTOPILOT_PX4, HeartbeatMessage.autopilot(hb));
        assertEquals(Px4Mode.POSITION.customMode(), HeartbeatMessage.customMode(hb));
    }

    @Test
    void thePilotCannotSelectAnotherAutopilotsMode() {
        assertThrows(IllegalArgumentException.class, () -> core.pilotSelectsMode(CopterMode.GUIDED_NOGPS, nowNs));
        assertEquals(Px4Mode.POSITION, core.mode());
    }

    @Test
    void offboardIsRefusedUntilSetpointsStream() {
        run(100, Float.NaN);
        assertEquals(MAV_RESULT_TEMPORARILY_REJECTED, command(176, 1, 6, 0));
        assertEquals(Px4Mode.POSITION, core.mode());
        run(200, 0.1f);
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 6, 0));
        assertEquals(Px4Mode.OFFBOARD, core.mode());
    }

    @Test
    void offboardThrustAboveHoverClimbsAndNedPositionReportsIt() {
        takeOffInOffboard();
        double h = heightM();
        assertTrue(h > 0.5, "height after a 1 s climb at thrust 0.65: " + h);
        sent.clear();
        run(100, (float) x500.hoverThrustNormalized());
        MavlinkFrame pos = sent.stream().filter(f -> f.messageId() == LocalPositionNedMessage.ID)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(-heightM(), LocalPositionNedMessage.zM(pos), 0.05);
    }

    @Test
    void setpointSilenceLongerThanComOfLossTDropsToPositionHold() {
        takeOffInOffboard();
        run(950, Float.NaN); // the last setpoint went out at most 20 ms before the silence began
        assertEquals(Px4Mode.OFFBOARD, core.mode(), "still inside COM_OF_LOSS_T = 1 s");
        run(80, Float.NaN);
        assertEquals(Px4Mode.POSITION, core.mode());
        double held = heightM();
        run(3000, Float.NaN);
        assertEquals(held, heightM(), 0.3, "position mode holds altitude");
        assertTrue(core.isArmed());
    }

    @Test
    void autoLandDescendsAndDisarmsAfterTouchdown() {
        takeOffInOffboard();
        double h = heightM();
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 4, 6));
        run((long) (h / 0.5 * 1000) + 3000, Float.NaN);
        assertEquals(0.0, heightM(), 0.0);
        assertFalse(core.isArmed());
    }

    @Test
    void autoLoiterHoldsWhereItWasEntered() {
        takeOffInOffboard();
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 4, 3));
        assertEquals(Px4Mode.LOITER, core.mode());
        double held = heightM();
        run(3000, Float.NaN);
        assertEquals(held, heightM(), 0.3);
    }

    @Test
    void disarmInTheAirNeedsTheForceMagic() {
        takeOffInOffboard();
        assertEquals(MAV_RESULT_DENIED, command(400, 0, 0, 0));
        assertTrue(core.isArmed());
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 0, 21196, 0));
        assertFalse(core.isArmed());
    }

    @Test
    void messageIntervalRaisesTheAttitudeStreamToOneHundredHertz() {
        assertEquals(MAV_RESULT_ACCEPTED, command(511, 31, 10_000, 0));
        sent.clear();
        run(1000, Float.NaN);
        assertEquals(100, count(31), 1);
        assertEquals(MAV_RESULT_ACCEPTED, command(511, 31, -1, 0));
        sent.clear();
        run(500, Float.NaN);
        assertEquals(0, count(31));
    }

    @Test
    void unknownCommandsAreAnsweredUnsupported() {
        assertEquals(3, command(178, 0, 5, 0)); // MAV_CMD_DO_CHANGE_SPEED: not modelled
    }

    @Test
    void suppressedStreamsKeepHeartbeatsGoing() {
        core.suppressStreamsUntil(2_000 * MS);
        run(1500, Float.NaN);
        assertEquals(0, count(31));
        assertEquals(2, count(HeartbeatMessage.ID));
    }

    @Test
    void aCutLinkSendsNothingLosesEverySetpointAndComesBackWithAHeartbeat() {
        takeOffInOffboard();
        core.cutLinkUntil(nowNs + 2_000 * MS, nowNs);
        sent.clear();
        run(1500, (float) x500.hoverThrustNormalized());
        assertEquals(0, sent.size(), "nothing leaves a cut link");
        assertTrue(core.framesLostToCut() >= 140, "setpoints lost: " + core.framesLostToCut());
        assertEquals(Px4Mode.POSITION, core.mode(), "the lost setpoints ended OFFBOARD (COM_OF_LOSS_T)");
        assertTrue(core.isArmed());
        run(490, Float.NaN);
        assertEquals(0, sent.size(), "still cut");
        run(1000, Float.NaN);
        assertTrue(count(HeartbeatMessage.ID) >= 1, "the heartbeat due during the cut goes out at once");
        assertEquals(30, count(LocalPositionNedMessage.ID), 2);
    }
}
