package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportUrlTest {
    private static Transport open(String url) throws TransportException {
        return TransportUrl.open(url, System::nanoTime);
    }

    @Test
    void px4SitlListenUrlBindsAllInterfacesAndLearnsThePeer() throws Exception {
        Transport t = open("udp://:14540");
        assertInstanceOf(UdpTransport.class, t);
        assertEquals("udp://0.0.0.0:14540 (peer learned from the first datagram)", t.describe());
    }

    @Test
    void udpWithAFixedRemote() throws Exception {
        assertEquals("udp://127.0.0.1:14540 -> 127.0.0.1:14580",
                open("udp://127.0.0.1:14540?remote=127.0.0.1:14580").describe());
    }

    @Test
    void arduPilotSitlTcpUrl() throws Exception {
        Transport t = open("tcp://127.0.0.1:5760");
        assertInstanceOf(TcpTransport.class, t);
        assertEquals("tcp://127.0.0.1:5760", t.describe());
    }

    @Test
    void serialUrlWithBaud() throws Exception {
        assertEquals("serial:///dev/ttyAMA0?baud=921600", open("serial:///dev/ttyAMA0?baud=921600").describe());
    }

    @Test
    void serialBaudDefaultsTo57600() throws Exception {
        assertEquals("serial:///dev/ttyUSB0?baud=57600", open("serial:///dev/ttyUSB0").describe());
    }

    @Test
    void anUnknownSchemeIsNamed() {
        TransportException e = assertThrows(TransportException.class, () -> open("ws://host:1"));
        assertTrue(e.getMessage().contains("unknown scheme 'ws'"), e.getMessage());
        assertTrue(e.getMessage().contains("serial:///dev/ttyX?baud=N"), e.getMessage());
    }

    @Test
    void aBadBaudIsNamedWithItsValue() {
        TransportException e = assertThrows(TransportException.class,
                () -> open("serial:///dev/ttyAMA0?baud=fast"));
        assertTrue(e.getMessage().contains("found 'fast'"), e.getMessage());
    }

    @Test
    void aMissingPortIsRefused() {
        TransportException e = assertThrows(TransportException.class, () -> open("tcp://127.0.0.1"));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void anUnknownParameterIsNamed() {
        TransportException e = assertThrows(TransportException.class, () -> open("udp://:14540?baud=9600"));
        assertTrue(e.getMessage().contains("unknown parameter 'baud' (allowed: remote)"), e.getMessage());
    }

    @Test
    void serialWithTwoSlashesIsExplained() {
        TransportException e = assertThrows(TransportException.class, () -> open("serial://dev/ttyAMA0"));
        assertTrue(e.getMessage().contains("three slashes"), e.getMessage());
    }
}
