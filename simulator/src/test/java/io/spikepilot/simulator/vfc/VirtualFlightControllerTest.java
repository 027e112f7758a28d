package io.spikepilot.simulator.vfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The virtual flight controller on a real UDP socket, as a companion computer sees it. */
class VirtualFlightControllerTest {
    @Test
    void streamsPx4HeartbeatsAndStateToTheCompanionPort() throws Exception {
        Airframe x500 = Airframes.x500();
        try (DatagramSocket companion = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            companion.setSoTimeout(3_000);
            int vfcPort;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                vfcPort = probe.getLocalPort();
            }
            VfcConfig config = VfcConfig.px4Defaults()
                    .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companion.getLocalPort());
            AtomicInteger heartbeats = new AtomicInteger();
            AtomicInteger attitudes = new AtomicInteger();
            FrameReader reader = new FrameReader(MessageCatalog.standard(), (f, t) -> {
                if (f.messageId() == HeartbeatMessage.ID
                        && HeartbeatMessage.autopilot(f) == HeartbeatMessage.MAV_AUTOPILOT_PX4) {
                    heartbeats.incrementAndGet();
                } else if (f.messageId() == 31) {
                    attitudes.incrementAndGet();
                }
            });
            try (VirtualFlightController vfc = new VirtualFlightController(config, x500,
                    EnvConfig.defaultAttitudeLimits(x500))) {
                byte[] buf = new byte[2048];
                while (heartbeats.get() == 0 || attitudes.get() < 10) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    companion.receive(p);
                    reader.accept(p.getData(), 0, p.getLength(), 0);
                }
                assertTrue(vfc.isOnGround());
                assertEquals(Px4Mode.POSITION, vfc.mode());
            }
            assertEquals(0, reader.crcFailures());
        }
    }
}
