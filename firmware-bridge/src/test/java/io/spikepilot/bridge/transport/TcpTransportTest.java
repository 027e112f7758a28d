package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpTransportTest {
    @Test
    void exchangesBytesAndReconnectsAfterTheServerDropsTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            TcpTransport transport = new TcpTransport(new InetSocketAddress("127.0.0.1", server.getLocalPort()),
                    System::nanoTime);
            RecordingSink sink = new RecordingSink();
            transport.start(sink);
            try {
                try (Socket first = server.accept()) {
                    first.getOutputStream().write(new byte[]{1, 2, 3});
                    Eventually.waitFor("3 bytes", () -> sink.size() == 3);
                    assertTrue(transport.send(new byte[]{4, 5}, 0, 2));
                    InputStream in = first.getInputStream();
                    first.setSoTimeout(5_000);
                    assertEquals(4, in.read());
                    assertEquals(5, in.read());
                }
                Eventually.waitFor("the link to go down", () -> sink.downs.get() == 1);
                try (Socket second = server.accept()) {
                    Eventually.waitFor("the link to come back", () -> sink.ups.get() == 2);
                    second.getOutputStream().write(new byte[]{6});
                    Eventually.waitFor("the byte after reconnecting", () -> sink.size() == 4);
                }
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void nothingListeningIsExplained() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TcpTransport transport = new TcpTransport(new InetSocketAddress("127.0.0.1", port), System::nanoTime);
        TransportException e = assertThrows(TransportException.class, () -> transport.start(new RecordingSink()));
        assertTrue(e.getMessage().startsWith("nothing accepts connections on 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("ArduPilot SITL"), e.getMessage());
    }
}
