package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.LittleEndian;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.state.AssembledState;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import io.spikepilot.bridge.tlog.TlogWriter;
import io.spikepilot.bridge.transport.TransportUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavlinkLinkTest {
    /** 2026-11-28T00:00:00Z in µs. */
    private static final long T0_US = 1_795_824_000_000_000L;

    @TempDir
    Path dir;

    private static byte[] position(float x) {
        FrameEncoder encoder = new FrameEncoder(1, 1);
        Arrays.fill(encoder.payload(), 0, LocalPositionNedMessage.LENGTH, (byte) 0);
        LittleEndian.putF32(encoder.payload(), 4, x);
        return Arrays.copyOf(encoder.frame(), encoder.encodeV2(LocalPositionNedMessage.ID,
                LocalPositionNedMessage.CRC_EXTRA, LocalPositionNedMessage.LENGTH));
    }

    @Test
    void aFailingListenerIsCountedAndTheOthersStillGetTheFrame() throws Exception {
        MavlinkLink link = new MavlinkLink(TransportUrl.open("udp://127.0.0.1:0", System::nanoTime),
                new StateAssembler(1, 1), null, 0, 0);
        AtomicInteger second = new AtomicInteger();
        link.addListener((frame, now) -> {
            throw new IllegalStateException("listener bug");
        });
        link.addListener((frame, now) -> second.incrementAndGet());
        byte[] frame = position(2f);
        link.onBytes(frame, 0, frame.length, 10);
        assertEquals(1, link.listenerFailures());
        assertEquals(1, second.get());
        AssembledState state = new AssembledState();
        assertTrue(link.assembler().read(state));
        assertEquals(2.0, state.state.positionNwuM[0]);
    }

    @Test
    void aFrameCutByALinkDropDoesNotHoldBackTheFirstFrameAfterIt() throws Exception {
        MavlinkLink link = new MavlinkLink(TransportUrl.open("udp://127.0.0.1:0", System::nanoTime),
                new StateAssembler(1, 1), null, 0, 0);
        AtomicInteger frames = new AtomicInteger();
        link.addListener((frame, now) -> frames.incrementAndGet());
        byte[] cut = {(byte) 0xFD, (byte) 255, 0, 0, 7, 1, 1, 32, 0, 0}; // the start of a 267-byte frame
        link.onBytes(cut, 0, cut.length, 1);
        link.onLinkDown("cable pulled", 2);
        byte[] frame = position(3f);
        link.onBytes(frame, 0, frame.length, 3);
        assertEquals(1, frames.get());
        assertEquals(cut.length, link.health().badBytes());
    }

    @Test
    void receivedFramesAreLoggedWithUnixTimestampsFromTheMonotonicClock() throws Exception {
        Path file = dir.resolve("link.tlog");
        TlogWriter tlog = new TlogWriter(file, 1 << 16);
        // Monotonic 5 s corresponds to T0: a frame received at monotonic 7 s is logged at T0 + 2 s.
        MavlinkLink link = new MavlinkLink(TransportUrl.open("udp://127.0.0.1:0", System::nanoTime),
                new StateAssembler(1, 1), tlog, T0_US, 5_000_000_000L);
        byte[] frame = position(1f);
        link.onBytes(frame, 0, frame.length, 7_000_000_000L);
        tlog.close();
        try (TlogReader reader = TlogReader.open(file)) {
            TlogRecord record = new TlogRecord();
            assertTrue(reader.next(record));
            assertEquals(T0_US + 2_000_000L, record.timestampUs);
            assertEquals(LocalPositionNedMessage.ID, record.frame.messageId());
            assertFalse(reader.next(record));
        }
    }
}
