package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dronefleet.mavlink.common.CommandAck;
import io.dronefleet.mavlink.common.CommandLong;
import io.dronefleet.mavlink.common.MavCmd;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameReader;
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

/**
 * A {@link SimulatedAutopilot} on a test bench, in simulated time: a companion's frames go in through a real encoder and
 * reader, the autopilot's come out through a real reader into {@link #sent}. One bench for every dialect's tests.
 */
abstract class VfcBench {
    static final long MS = 1_000_000L;
    static final int MAV_RESULT_ACCEPTED = 0;
    static final int MAV_RESULT_TEMPORARILY_REJECTED = 1;
    static final int MAV_RESULT_DENIED = 2;
    static final int MAV_RESULT_FAILED = 4;

    final Airframe x500 = Airframes.x500();
    final List<MavlinkFrame> sent = new ArrayList<>();
    private final FrameReader outReader = new FrameReader(MessageCatalog.standard(), (f, t) -> {
        MavlinkFrame copy = new MavlinkFrame();
        copy.copyFrom(f);
        sent.add(copy);
    });
    final SimulatedAutopilot core;
    final FrameEncoder companion = new FrameEncoder(1, 191);
    final ColdCodec cold = new ColdCodec(MessageCatalog.standard());
    private final FrameReader inReader;
    long nowNs;

    VfcBench(VfcConfig config) {
        core = new SimulatedAutopilot(config, new SimulatedVehicle(x500), EnvConfig.defaultAttitudeLimits(x500),
                (frame, len) -> outReader.accept(frame, 0, len, 0));
        inReader = new FrameReader(MessageCatalog.standard(), core::handleFrame);
    }

    void deliver(int length) {
        inReader.accept(companion.frame(), 0, length, nowNs);
    }

    /** Sends a dronefleet payload from the companion. */
    void sendCold(Object payload) {
        deliver(cold.encodeV2(companion, payload));
    }

    /** A level attitude target (type_mask 7: attitude and thrust) with {@code thrust}. */
    void sendSetpoint(float thrust) {
        sendSetpoint(7, 1, 0, 0, 0, thrust);
    }

    /** An attitude target with this type_mask and quaternion (w, x, y, z; FRD in NED). */
    void sendSetpoint(int typeMask, float qw, float qx, float qy, float qz, float thrust) {
        SetAttitudeTargetMessage.write(companion.payload(), nowNs / MS, 1, 1, typeMask, qw, qx, qy, qz, 0, 0, 0,
                thrust, 0, 0, 0);
        deliver(companion.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH));
    }

    /** Sends COMMAND_LONG and returns its COMMAND_ACK's result (failing when none came). */
    int command(int id, float p1, float p2, float p3) {
        CommandLong c = CommandLong.builder().targetSystem(1).targetComponent(1)
                .command(EnumValue.create(MavCmd.class, id)).param1(p1).param2(p2).param3(p3).build();
        sent.clear();
        sendCold(c);
        return ackResult(id);
    }

    /** The result of the COMMAND_ACK for {@code id} among the frames sent; fails when there is none. */
    int ackResult(int id) {
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
    void run(long durationMs, float thrust) {
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

    VehicleState truth() {
        VehicleState s = new VehicleState();
        core.readTruth(s);
        return s;
    }

    double heightM() {
        return truth().positionNwuM[2];
    }

    long count(int messageId) {
        return sent.stream().filter(f -> f.messageId() == messageId).count();
    }

    /** The frames sent with {@code messageId}, decoded. */
    <T> List<T> decoded(int messageId, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MavlinkFrame f : sent) {
            if (f.messageId() == messageId) {
                out.add(cold.decode(f, type));
            }
        }
        return out;
    }
}
