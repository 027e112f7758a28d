package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialTransportTest {
    @TempDir
    Path dir;

    @Test
    void bytesCrossAPtyPairBothWays() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir.resolve("fc"), dir.resolve("companion"))) {
            SerialTransport companion = new SerialTransport(pty.b.toString(), 921_600, System::nanoTime);
            SerialTransport autopilot = new SerialTransport(pty.a.toString(), 921_600, System::nanoTime);
            RecordingSink companionSink = new RecordingSink();
            RecordingSink autopilotSink = new RecordingSink();
            companion.start(companionSink);
            autopilot.start(autopilotSink);
            try {
                assertTrue(autopilot.send(new byte[]{(byte) 0xFD, 1, 2}, 0, 3));
                Eventually.waitFor("3 bytes at the companion", () -> companionSink.size() == 3);
                assertTrue(companion.send(new byte[]{7, 7}, 0, 2));
                Eventually.waitFor("2 bytes at the autopilot", () -> autopilotSink.size() == 2);
                assertArrayEquals(new byte[]{(byte) 0xFD, 1, 2}, companionSink.received());
            } finally {
                companion.close();
                autopilot.close();
            }
        }
    }

    @Test
    void reopensTheDeviceWhenItComesBack() throws Exception {
        Path fc = dir.resolve("fc");
        Path companionPath = dir.resolve("companion");
        SerialTransport companion;
        RecordingSink sink = new RecordingSink();
        try (SocatPtyPair pty = SocatPtyPair.start(fc, companionPath)) {
            companion = new SerialTransport(companionPath.toString(), 115_200, System::nanoTime);
            companion.start(sink);
        }
        try {
            Eventually.waitFor("the link to go down after the device vanished", () -> sink.downs.get() == 1);
            assertTrue(sink.lastDownReason.contains("disappeared") || sink.lastDownReason.contains("read error"),
                    sink.lastDownReason);
            try (SocatPtyPair again = SocatPtyPair.start(fc, companionPath)) {
                Eventually.waitFor("the link to come back", () -> sink.ups.get() == 2);
                SerialTransport autopilot = new SerialTransport(fc.toString(), 115_200, System::nanoTime);
                autopilot.start(new RecordingSink());
                try {
                    autopilot.send(new byte[]{42}, 0, 1);
                    Eventually.waitFor("a byte after reconnecting", () -> sink.size() == 1);
                } finally {
                    autopilot.close();
                }
            }
        } finally {
            companion.close();
        }
    }

    @Test
    void aMissingDeviceIsExplained() {
        SerialTransport t = new SerialTransport(dir.resolve("ttyNOPE").toString(), 57_600, System::nanoTime);
        TransportException e = assertThrows(TransportException.class, () -> t.start(new RecordingSink()));
        assertTrue(e.getMessage().startsWith("serial port " + dir.resolve("ttyNOPE") + " does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("/dev/serial0"), e.getMessage());
    }

    @Test
    void aPortHeldByAnotherOpenerIsReportedAsBusy() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir.resolve("fc"), dir.resolve("companion"))) {
            SerialTransport first = new SerialTransport(pty.b.toString(), 57_600, System::nanoTime);
            first.start(new RecordingSink());
            try {
                SerialTransport second = new SerialTransport(pty.b.toString(), 57_600, System::nanoTime);
                TransportException e = assertThrows(TransportException.class,
                        () -> second.start(new RecordingSink()));
                assertTrue(e.getMessage().contains("is in use by another process"), e.getMessage());
                assertTrue(e.getMessage().contains("fuser -v"), e.getMessage());
            } finally {
                first.close();
            }
        }
    }
}
