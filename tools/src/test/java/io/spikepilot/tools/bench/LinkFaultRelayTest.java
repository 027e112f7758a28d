package io.spikepilot.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dronefleet.mavlink.common.AttitudeQuaternion;
import io.dronefleet.mavlink.common.LocalPositionNed;
import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.ColdCodec;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MessageCatalog;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault bench's radio: what it does to real MAVLink frames, read back by the bridge's own frame reader. */
class LinkFaultRelayTest {
    private DatagramSocket autopilot;
    private DatagramSocket companion;
    private LinkFaultRelay relay;
    private final ColdCodec cold = new ColdCodec(MessageCatalog.standard());
    private final FrameEncoder encoder = new FrameEncoder(1, 1);
    private final List<float[]> received = new ArrayList<>();
    private final FrameReader reader = new FrameReader(MessageCatalog.standard(), (f, now) -> {
        if (f.messageId() == LocalPositionNedMessage.ID) {
            received.add(new float[] {LocalPositionNedMessage.vxMps(f), LocalPositionNedMessage.xM(f)});
        } else if (f.messageId() == AttitudeQuaternionMessage.ID) {
            float n = 0;
            for (int i = 0; i < 4; i++) {
                n += AttitudeQuaternionMessage.q(f, i) * AttitudeQuaternionMessage.q(f, i);
            }
            received.add(new float[] {(float) Math.sqrt(n)});
        }
    });

    @BeforeEach
    void open() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        autopilot = new DatagramSocket(new InetSocketAddress(lo, 0));
        companion = new DatagramSocket(new InetSocketAddress(lo, 0));
        companion.setSoTimeout(300);
        relay = new LinkFaultRelay(companion.getLocalPort(), autopilot.getLocalPort(), 7);
    }

    @AfterEach
    void close() {
        relay.close();
        autopilot.close();
        companion.close();
    }

    private void sendPosition(float vx) throws Exception {
        int n = cold.encodeV2(encoder, LocalPositionNed.builder().timeBootMs(1000).x(1.5f).y(2f).z(-1f).vx(vx)
                .vy(0.2f).vz(0.3f).build());
        autopilot.send(new DatagramPacket(encoder.frame(), n, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.autopilotFacingPort())));
    }

    private void sendAttitude() throws Exception {
        int n = cold.encodeV2(encoder, AttitudeQuaternion.builder().timeBootMs(1000).q1(0.6f).q2(0.8f).q3(0f)
                .q4(0f).reprOffsetQ(List.of(0f, 0f, 0f, 0f)).build());
        autopilot.send(new DatagramPacket(encoder.frame(), n, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.autopilotFacingPort())));
    }

    private int drain() throws Exception {
        byte[] buf = new byte[512];
        int datagrams = 0;
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                companion.receive(p);
            } catch (SocketTimeoutException e) {
                return datagrams;
            }
            datagrams++;
            reader.accept(p.getData(), 0, p.getLength(), System.nanoTime());
        }
    }

    @Test
    void forwardsFramesUnchangedWhenNoFaultIsOn() throws Exception {
        sendPosition(0.1f);
        assertEquals(1, drain());
        assertEquals(1, received.size());
        assertEquals(0.1f, received.get(0)[0]);
        assertEquals(0, reader.crcFailures());
    }

    @Test
    void corruptsTheStateWithAValidChecksumSoTheCompanionAcceptsTheFrame() throws Exception {
        relay.corruptStateFor(LinkFaultRelay.StateCorruption.NAN_VELOCITY, 5_000_000_000L);
        sendPosition(0.1f);
        drain();
        relay.corruptStateFor(LinkFaultRelay.StateCorruption.NON_UNIT_QUATERNION, 5_000_000_000L);
        sendAttitude();
        drain();
        assertEquals(0, reader.crcFailures());
        assertEquals(2, received.size());
        assertTrue(Float.isNaN(received.get(0)[0]), "vx");
        assertEquals(1.5f, received.get(0)[1], "the rest of the message is untouched");
        assertEquals(1.3f, received.get(1)[0], 1e-5f, "|q|");
        assertEquals(2, relay.corrupted());
    }

    @Test
    void aCutLinkLosesEverythingUntilItEnds() throws Exception {
        relay.cutFor(10_000_000_000L);
        for (int i = 0; i < 5; i++) {
            sendPosition(0.1f);
        }
        assertEquals(0, drain());
        assertEquals(5, relay.dropped());
    }

    @Test
    void lossAndGarbageAreSeededAndTheReaderResyncsThroughTheJunk() throws Exception {
        relay.setLoss(0.2);
        relay.setGarbage(0.5, 0.0);
        for (int i = 0; i < 200; i++) {
            sendPosition(0.1f);
        }
        drain();
        long forwarded = 200 - relay.dropped();
        assertTrue(relay.dropped() > 20 && relay.dropped() < 60, "about 20 % lost: " + relay.dropped());
        assertTrue(relay.junkDatagrams() > 40, "junk before about half the forwarded frames: " + relay.junkDatagrams());
        // junk may swallow a frame that follows it only if it ends inside a plausible header; nearly all survive
        assertTrue(received.size() >= forwarded - relay.junkDatagrams() / 4, received.size() + " of " + forwarded);
        assertTrue(reader.badBytes() > 0, "the junk was seen and skipped");
    }
}
