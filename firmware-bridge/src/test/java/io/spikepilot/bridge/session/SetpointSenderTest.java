package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetpointSenderTest {
    /** Keeps the last frame sent and counts them. */
    private static final class Capture implements FrameListener {
        final MavlinkFrame last = new MavlinkFrame();
        int frames;

        @Override
        public void onFrame(MavlinkFrame frame, long receivedNs) {
            last.copyFrom(frame);
            frames++;
        }
    }

    private final Capture capture = new Capture();
    private final DecodingTransport transport = new DecodingTransport(capture, "capture");
    private final MavlinkLink link = new MavlinkLink(transport, new StateAssembler(1, 1), null, 0, 0);
    private final SetpointSender sender = new SetpointSender(link, new FrameEncoder(1, 191), 1_000_000_000L);
    private final AttitudeSetpoint setpoint = new AttitudeSetpoint();

    @Test
    void convertsNwuFluToNedFrdAndFillsTheMessage() {
        sender.setTarget(1, 1);
        setpoint.thrustNormalized = 0.7;
        Quaternions.fromEulerZyx(0.0, 0.0, Math.PI / 2, setpoint.attitudeNwuFlu); // facing west in NWU
        setpoint.useRollRate = true;
        setpoint.usePitchRate = true;
        setpoint.useYawRate = true;
        setpoint.bodyRateFluRadps[0] = 0.1;
        setpoint.bodyRateFluRadps[1] = 0.2;
        setpoint.bodyRateFluRadps[2] = 0.3;
        assertTrue(sender.send(setpoint, 1_250_000_000L));
        MavlinkFrame f = capture.last;
        assertEquals(250, SetAttitudeTargetMessage.timeBootMs(f));
        // Facing west = yaw -90° about NED down: q = (cos 45°, 0, 0, -sin 45°).
        assertEquals(Math.sqrt(0.5), SetAttitudeTargetMessage.q(f, 0), 1e-7);
        assertEquals(-Math.sqrt(0.5), SetAttitudeTargetMessage.q(f, 3), 1e-7);
        assertEquals(0.1f, SetAttitudeTargetMessage.bodyRollRate(f));
        assertEquals(-0.2f, SetAttitudeTargetMessage.bodyPitchRate(f));
        assertEquals(-0.3f, SetAttitudeTargetMessage.bodyYawRate(f));
        assertEquals(0.7f, SetAttitudeTargetMessage.thrust(f));
        assertEquals(0, SetAttitudeTargetMessage.typeMask(f));
        assertEquals(191, f.componentId());
    }

    @Test
    void thrustIsClampedToZeroToOne() {
        setpoint.setLevel(1.4);
        sender.send(setpoint, 0);
        assertEquals(1f, SetAttitudeTargetMessage.thrust(capture.last));
    }

    @Test
    void thrustBodyModeSetsBit32AndTheDownwardThrustVector() {
        sender.setThrustBody(true);
        setpoint.setLevel(0.5);
        sender.send(setpoint, 0);
        assertEquals(7 | SetAttitudeTargetMessage.THRUST_BODY_SET, SetAttitudeTargetMessage.typeMask(capture.last));
        assertEquals(-0.5f, SetAttitudeTargetMessage.thrustBody(capture.last, 2));
    }

    @Test
    void anInvalidSetpointIsNeverSent() {
        setpoint.setLevel(0.5);
        setpoint.attitudeNwuFlu[0] = 0.5; // not a unit quaternion
        assertFalse(sender.send(setpoint, 0));
        assertEquals(0, capture.frames);
        assertEquals(1, sender.invalidCount());
    }

    @Test
    void streamingNeedsFourRecentSetpointsAtTheMinimumRate() {
        setpoint.setLevel(0.5);
        for (int i = 0; i < 3; i++) {
            sender.send(setpoint, i * 100_000_000L);
        }
        assertFalse(sender.isStreaming(300_000_000L, 2.0));
        sender.send(setpoint, 300_000_000L);
        assertTrue(sender.isStreaming(300_000_000L, 2.0));
        assertFalse(sender.isStreaming(900_000_000L, 2.0), "the newest is 600 ms old: slower than 2 Hz");
    }

    @Test
    void sendingAllocatesNothing() {
        setpoint.setLevel(0.5);
        setpoint.useYawRate = true;
        long[] now = {0};
        // The capturing transport runs the flyweight reader on every frame, which allocates nothing either.
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            now[0] += 10_000_000L;
            sender.send(setpoint, now[0]);
        }, 200_000, 20_000);
        assertEquals(0, allocated);
        assertEquals(220_000, capture.frames);
    }
}
