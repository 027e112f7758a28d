package io.spikepilot.bridge.tlog;

import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.LittleEndian;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.controller.testing.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlogRoundTripTest {
    /** 2026-11-28T00:00:00Z in µs. */
    static final long T0_US = 1_795_824_000_000_000L;

    @TempDir
    Path dir;

    /** A mix of MAVLink 1, 2, signed and unknown frames. */
    static List<byte[]> sampleFrames(int count) {
        FrameEncoder v2 = new FrameEncoder(1, 1);
        FrameEncoder signed = new FrameEncoder(1, 191);
        signed.setSigner((frame, length) -> Arrays.fill(frame, length, length + 13, (byte) 0x5A));
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FrameEncoder encoder = (i % 4 == 2) ? signed : v2;
            byte[] p = encoder.payload();
            Arrays.fill(p, 0, 40, (byte) 0);
            LittleEndian.putI32(p, 0, i);
            LittleEndian.putF32(p, 4, i * 0.5f);
            int length;
            switch (i % 4) {
                case 0:
                    length = encoder.encodeV1(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA, 28);
                    break;
                case 3:
                    length = encoder.encodeV2(60_000 + i % 7, 123, 17);
                    break;
                default:
                    length = encoder.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA, 28);
            }
            frames.add(Arrays.copyOf(encoder.frame(), length));
        }
        return frames;
    }

    static byte[] tlogBytes(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            long ts = TlogFormat.encodeTimestamp(T0_US + i * 10_000L, i % 4);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (ts >>> shift));
            }
            out.writeBytes(frames.get(i));
        }
        return out.toByteArray();
    }

    static List<TlogRecord> readAll(TlogReader reader) throws IOException {
        List<TlogRecord> records = new ArrayList<>();
        while (true) {
            TlogRecord record = new TlogRecord();
            if (!reader.next(record)) {
                return records;
            }
            records.add(record);
        }
    }

    @Test
    void writerOutputReadsBackFrameForFrameWithTimestampsAndLinkIds() throws Exception {
        List<byte[]> frames = sampleFrames(1000);
        Path file = dir.resolve("flight.tlog");
        try (TlogWriter writer = new TlogWriter(file, 1 << 20)) {
            for (int i = 0; i < frames.size(); i++) {
                assertTrue(writer.offer(TlogFormat.encodeTimestamp(T0_US + i * 10_000L, i % 4), frames.get(i), 0,
                        frames.get(i).length));
            }
        }
        assertArrayEquals(tlogBytes(frames), Files.readAllBytes(file));
        try (TlogReader reader = TlogReader.open(file)) {
            List<TlogRecord> records = readAll(reader);
            assertEquals(1000, records.size());
            for (int i = 0; i < records.size(); i++) {
                TlogRecord r = records.get(i);
                assertEquals(T0_US + i * 10_000L, r.timestampUs);
                assertEquals(i % 4, r.linkId);
                assertArrayEquals(frames.get(i), Arrays.copyOf(r.frame.rawBytes(), r.frame.frameLength()));
            }
            assertEquals(250, reader.unknownFrames());
            assertEquals(0, reader.badBytes());
            assertTrue(records.get(2).frame.isSigned());
            assertEquals(1, records.get(0).frame.version());
        }
    }

    @Test
    void aFullRingDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuckDisk = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        byte[] frame = new byte[20];
        frame[0] = (byte) 0xFD;
        int accepted = 0;
        TlogWriter writer = new TlogWriter(dir.resolve("stuck.tlog"), stuckDisk, 4096);
        for (int i = 0; i < 200; i++) {
            if (writer.offer(T0_US, frame, 0, frame.length)) {
                accepted++;
            }
        }
        // Each record takes 16 (tag) + 20 bytes, rounded up to 48: 85 fit in 4096 bytes.
        assertEquals(85, accepted);
        assertEquals(115, writer.droppedFrames());
        release.countDown();
        writer.close();
        assertEquals(85, writer.writtenFrames());
    }

    @Test
    void offeringAllocatesNothing() throws Exception {
        byte[] frame = sampleFrames(2).get(1);
        try (TlogWriter writer = new TlogWriter(dir.resolve("alloc.tlog"), 1 << 16)) {
            // Long warm-up: the ring alternates between full and drained, and both paths must be compiled first.
            long allocated = AllocationMeter.bytesAllocatedBy(
                    () -> writer.offer(T0_US, frame, 0, frame.length), 200_000, 20_000);
            assertEquals(0, allocated);
        }
    }

    @Test
    void corruptBytesInTheMiddleAreSkippedAndCounted() throws Exception {
        List<byte[]> frames = sampleFrames(40);
        byte[] clean = tlogBytes(frames);
        byte[] garbage = {0x11, (byte) 0xFD, 0x22, 0x33, (byte) 0xFE, 0x44, 0x55};
        int cut = tlogBytes(frames.subList(0, 20)).length;
        byte[] dirty = new byte[clean.length + garbage.length];
        System.arraycopy(clean, 0, dirty, 0, cut);
        System.arraycopy(garbage, 0, dirty, cut, garbage.length);
        System.arraycopy(clean, cut, dirty, cut + garbage.length, clean.length - cut);
        TlogReader reader = new TlogReader(new ByteArrayInputStream(dirty), "dirty", MessageCatalog.standard());
        List<TlogRecord> records = readAll(reader);
        assertEquals(40, records.size());
        assertEquals(garbage.length, reader.badBytes());
        assertArrayEquals(frames.get(20), Arrays.copyOf(records.get(20).frame.rawBytes(), frames.get(20).length));
    }

    @Test
    void aCorruptFrameIsDroppedAndTheRestRecovered() throws Exception {
        List<byte[]> frames = sampleFrames(12);
        byte[] bytes = tlogBytes(frames);
        int fifth = tlogBytes(frames.subList(0, 5)).length;
        bytes[fifth + 8 + 12] ^= 0x01; // a payload byte of record 5 (a known MAVLink 2 message)
        TlogReader reader = new TlogReader(new ByteArrayInputStream(bytes), "flip", MessageCatalog.standard());
        List<TlogRecord> records = readAll(reader);
        assertEquals(11, records.size());
        assertEquals(8 + frames.get(5).length, reader.badBytes());
    }

    @Test
    void aDamagedTimestampDoesNotRejectTheRestOfTheLog() throws Exception {
        List<byte[]> frames = sampleFrames(12);
        byte[] bytes = tlogBytes(frames);
        bytes[2] ^= 0x40; // the first record now claims a date years away; its frame is intact
        TlogReader reader = new TlogReader(new ByteArrayInputStream(bytes), "jump", MessageCatalog.standard());
        List<TlogRecord> records = readAll(reader);
        assertEquals(12, records.size());
        assertEquals(T0_US + 11 * 10_000L, records.get(11).timestampUs);
    }

    @Test
    void aTruncatedTailReplaysUpToTheBreak() throws Exception {
        List<byte[]> frames = sampleFrames(10);
        byte[] bytes = tlogBytes(frames);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);
        TlogReader reader = new TlogReader(new ByteArrayInputStream(cut), "cut", MessageCatalog.standard());
        assertEquals(9, readAll(reader).size());
        assertEquals(8 + frames.get(9).length - 5, reader.truncatedTailBytes());
    }

    @Test
    void aFileThatIsNotATlogIsRefusedWithAMessageNamingIt() {
        byte[] ulog = "ULog\u0001\u0012\u0035\u0001 then the rest of a PX4 log, not MAVLink".getBytes();
        TlogReader reader = new TlogReader(new ByteArrayInputStream(ulog), "flight.ulg", MessageCatalog.standard());
        TlogFormatException e = assertThrows(TlogFormatException.class, () -> reader.next(new TlogRecord()));
        assertTrue(e.getMessage().startsWith("flight.ulg: not a MAVLink .tlog"), e.getMessage());
        assertTrue(e.getMessage().contains("8-byte big-endian"), e.getMessage());
    }

    @Test
    void anEmptyFileHasNoRecords() throws Exception {
        TlogReader reader = new TlogReader(new ByteArrayInputStream(new byte[0]), "empty", MessageCatalog.standard());
        assertFalse(reader.next(new TlogRecord()));
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        Path missing = dir.resolve("nope.tlog");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TlogReader.open(missing));
        assertTrue(e.getMessage().contains("nope.tlog"), e.getMessage());
    }
}
