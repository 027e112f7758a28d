package io.spikepilot.bridge.session;

import io.dronefleet.mavlink.MavlinkConnection;
import io.dronefleet.mavlink.MavlinkMessage;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.dronefleet.mavlink.minimal.Heartbeat;
import io.dronefleet.mavlink.minimal.MavAutopilot;
import io.dronefleet.mavlink.minimal.MavState;
import io.dronefleet.mavlink.minimal.MavType;
import io.dronefleet.mavlink.util.EnumValue;
import io.spikepilot.bridge.state.AssembledState;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.transport.ByteSink;
import io.spikepilot.bridge.transport.Eventually;
import io.spikepilot.bridge.transport.SerialTransport;
import io.spikepilot.bridge.transport.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole link over a serial line (a socat pty pair), with dronefleet playing the autopilot on the far end. */
class SerialLinkTest {
    @TempDir
    Path dir;

    /** The far end: collects raw bytes for dronefleet to parse afterwards. */
    private static final class FarEnd implements ByteSink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void onBytes(byte[] data, int offset, int length, long nowNs) {
            bytes.write(data, offset, length);
        }

        synchronized List<Object> messages() {
            MavlinkConnection c = MavlinkConnection.create(new ByteArrayInputStream(bytes.toByteArray()),
                    new ByteArrayOutputStream());
            List<Object> out = new ArrayList<>();
            try {
                while (true) {
                    MavlinkMessage<?> m = c.next();
                    out.add(m.getPayload());
                }
            } catch (EOFException end) {
                return out;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void detectsTheAutopilotAssemblesStateAndHeartbeatsBackOverSerial() throws Exception {
        SocatPtyPair.assumeSocat();
        try (SocatPtyPair pty = SocatPtyPair.start(dir.resolve("fc"), dir.resolve("companion"))) {
            SerialTransport autopilotSide = new SerialTransport(pty.a.toString(), 921_600, System::nanoTime);
            FarEnd farEnd = new FarEnd();
            autopilotSide.start(farEnd);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            MavlinkConnection autopilot = MavlinkConnection.create(new ByteArrayInputStream(new byte[0]), encoded);
            autopilot.send2(1, 1, Heartbeat.builder().type(MavType.MAV_TYPE_QUADROTOR)
                    .autopilot(MavAutopilot.MAV_AUTOPILOT_PX4).baseMode(EnumValue.create(1)).customMode(3 << 16)
                    .systemStatus(MavState.MAV_STATE_STANDBY).mavlinkVersion(3).build());
            autopilot.send2(1, 1, LocalPositionNed.builder().x(4).y(5).z(-6).vx(0).vy(0).vz(0).build());
            byte[] burst = encoded.toByteArray();

            SerialTransport companionSide = new SerialTransport(pty.b.toString(), 921_600, System::nanoTime);
            MavlinkLink link = new MavlinkLink(companionSide, new StateAssembler(1, 1), null, 0, System.nanoTime());
            VehicleSession session = new VehicleSession(link, new SessionConfig(), System::nanoTime);
            link.start();
            session.start();
            try {
                AssembledState state = new AssembledState();
                Eventually.waitFor("the autopilot and its position over serial", () -> {
                    autopilotSide.send(burst, 0, burst.length);
                    return session.autopilot() == Autopilot.PX4 && link.assembler().read(state)
                            && state.positionVelocityUpdatedNs != AssembledState.NEVER;
                });
                assertArrayEquals(new double[]{4, -5, 6}, state.state.positionNwuM, 1e-6);
                session.sendHeartbeat(System.nanoTime());
                Eventually.waitFor("our heartbeat at the autopilot", () -> farEnd.messages().stream()
                        .anyMatch(m -> m instanceof Heartbeat));
                Heartbeat ours = (Heartbeat) farEnd.messages().stream().filter(m -> m instanceof Heartbeat)
                        .findFirst().orElseThrow();
                assertEquals(18, ours.type().value());
                assertEquals(0, link.health().crcFailures());
            } finally {
                session.close();
                link.close();
                autopilotSide.close();
            }
        }
    }
}
