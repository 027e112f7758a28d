package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTransportTest {
    @Test
    void learnsThePeerFromTheFirstDatagramAndAnswersIt() throws Exception {
        UdpTransport transport = new UdpTransport(new InetSocketAddress("127.0.0.1", 0), null, System::nanoTime);
        RecordingSink sink = new RecordingSink();
        transport.start(sink);
        try (DatagramSocket autopilot = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertFalse(transport.send(new byte[]{1}, 0, 1), "no peer known yet");
            byte[] hello = {(byte) 0xFD, 1, 2, 3};
            autopilot.send(new DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(),
                    transport.localPort()));
            Eventually.waitFor("the datagram", () -> sink.size() == 4);
            assertArrayEquals(hello, sink.received());
            assertEquals(autopilot.getLocalSocketAddress(), transport.peer());
            assertTrue(transport.send(new byte[]{9, 8, 7}, 0, 3));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            autopilot.setSoTimeout(5_000);
            autopilot.receive(reply);
            assertEquals(3, reply.getLength());
            assertEquals(9, reply.getData()[0]);
        } finally {
            transport.close();
        }
        assertEquals(1, transport.sendDrops());
    }

    @Test
    void sendsToAFixedRemoteWithoutHearingFromItFirst() throws Exception {
        try (DatagramSocket autopilot = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpTransport transport = new UdpTransport(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", autopilot.getLocalPort()), System::nanoTime);
            transport.start(new RecordingSink());
            try {
                assertTrue(transport.send(new byte[]{5, 6}, 0, 2));
                DatagramPacket packet = new DatagramPacket(new byte[16], 16);
                autopilot.setSoTimeout(5_000);
                autopilot.receive(packet);
                assertEquals(2, packet.getLength());
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void aPortInUseIsExplained() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpTransport transport = new UdpTransport(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), null,
                    System::nanoTime);
            TransportException e = assertThrows(TransportException.class, () -> transport.start(new RecordingSink()));
            assertTrue(e.getMessage().startsWith("UDP port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("udp://:PORT"), e.getMessage());
        }
    }
}
