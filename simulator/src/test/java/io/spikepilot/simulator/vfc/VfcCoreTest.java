package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.MavCmd;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PX4-like autopilot in simulated time: frames in through a real encoder, frames out through a real reader. */
class VfcCoreTest {
    private static final long MS = 1_000_000L;
    private static final int MAV_RESULT_ACCEPTED = 0;
    private static final int MAV_RESULT_TEMPORARILY_REJECTED = 1;
    private static final int MAV_RESULT_DENIED = 2;

    private final Airframe x500 = Airframes.x500();
    private final List<MavlinkFrame> sent = new ArrayList<>();
    private final FrameReader outReader = new FrameReader(MessageCatalog.standard(), (f, t) -> {
        MavlinkFrame copy = new MavlinkFrame();
        copy.copyFrom(f);
        sent.add(copy);
    });
    private final VfcCore core = new VfcCore(VfcConfig.px4Defaults(), new SimulatedVehicle(x500),
            EnvConfig.defaultAttitudeLimits(x500), (frame, len) -> outReader.accept(frame, 0, len, 0));
    private final FrameEncoder companion = new FrameEncoder(1, 191);
    private final ColdCodec cold = new ColdCodec(MessageCatalog.standard());
    private final FrameReader inReader = new FrameReader(MessageCatalog.standard(), core::handleFrame);
    private long nowNs;

    private void deliver(int length) {
        inReader.accept(companion.frame(), 0, length, nowNs);
    }

    private void sendSetpoint(float thrust) {
        SetAttitudeTargetMessage.write(companion.payload(), nowNs / MS, 1, 1, 7, 1, 0, 0, 0, 0, 0, 0, thrust, 0, 0, 0);
        deliver(companion.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH));
    }

    private int command(int id, float p1, float p2, float p3) {
        CommandLong c = CommandLong.builder().targetSystem(1).targetComponent(1)
                .command(EnumValue.create(MavCmd.class, id)).param1(p1).param2(p2).param3(p3).build();
        sent.clear();
        deliver(cold.encodeV2(companion, c));
        for (MavlinkFrame f : sent) {
            CommandAck ack = cold.decode(f, CommandAck.class);
            if (ack != null && ack.command().value() == id) {
                assertEquals(191, ack.targetComponent());
                return ack.result().value();
            }
        }
        throw new AssertionError("no COMMAND_ACK for command " + id);
    }

    /** Steps the core for {@code durationMs}; if {@code thrust} is not NaN, streams setpoints at 100 Hz meanwhile. */
    private void run(long durationMs, float thrust) {
        long end = nowNs + durationMs * MS;
        long period = core.physicsPeriodNs();
        while (nowNs < end) {
            if (!Float.isNaN(thrust) && (nowNs / MS) % 10 == 0) {
                sendSetpoint(thrust);
            }
            nowNs += period;
            core.step(nowNs);
        }
    }

    private double heightM() {
        VehicleState s = new VehicleState();
        core.readTruth(s);
        return s.positionNwuM[2];
    }

    private void takeOffInOffboard() {
        run(500, 0.2f);
        assertEquals(MAV_RESULT_ACCEPTED, command(176, 1, 6, 0));
        assertEquals(MAV_RESULT_ACCEPTED, command(400, 1, 0, 0));
        run(1000, 0.65f);
        run(1000, (float) x500.hoverThrustNormalized());
    }

    private long count(int messageId) {
        return sent.stream().filter(f -> f.messageId() == messageId).count();
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
