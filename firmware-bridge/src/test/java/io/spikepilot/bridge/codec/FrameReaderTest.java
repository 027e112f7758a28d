package io.spikepilot.bridge.codec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {
    private final FrameCollector collector = new FrameCollector();
    private final FrameReader reader = new FrameReader(MessageCatalog.standard(), collector);
    private final FrameEncoder encoder = new FrameEncoder(1, 1);

    private void feed(byte[] bytes) {
        reader.accept(bytes, 0, bytes.length, 1_000);
    }

    @Test
    void deliversFramesSplitAcrossChunksOneByteAtATime() {
        byte[] stream = TestFrames.concat(TestFrames.localPosition(encoder, 10, 1f), TestFrames.heartbeatV1(encoder));
        for (byte b : stream) {
            reader.accept(new byte[]{b}, 0, 1, 5);
        }
        assertEquals(2, collector.frames.size());
        assertEquals(0, reader.badBytes());
        assertEquals(0, reader.pendingBytes());
    }

    @Test
    void countsGarbageBeforeAFrameAsBadBytes() {
        byte[] frame = TestFrames.localPosition(encoder, 10, 1f);
        feed(TestFrames.concat(new byte[]{1, 2, 3, 4, 5}, frame));
        assertEquals(1, collector.frames.size());
        assertEquals(5, reader.badBytes());
        assertArrayEquals(frame, collector.frames.get(0));
    }

    @Test
    void findsTheFrameBehindAFalseStartByte() {
        byte[] frame = TestFrames.localPosition(encoder, 10, 1f);
        // 0xFD 0x1C 0x00: looks like the header of a 28-byte MAVLink 2 frame that swallows the real one.
        feed(TestFrames.concat(new byte[]{(byte) 0xFD, 0x1C, 0x00}, frame));
        reader.endOfInput(2_000);
        assertEquals(1, collector.frames.size());
        assertArrayEquals(frame, collector.frames.get(0));
        assertEquals(3, reader.badBytes());
    }

    @Test
    void rejectsAFrameWithACorruptPayloadAndCountsTheCrcFailure() {
        byte[] bad = TestFrames.localPosition(encoder, 10, 1f);
        bad[15] ^= 0x40;
        byte[] good = TestFrames.localPosition(encoder, 11, 2f);
        feed(TestFrames.concat(bad, good));
        assertEquals(1, collector.frames.size());
        assertArrayEquals(good, collector.frames.get(0));
        assertTrue(reader.crcFailures() >= 1);
        assertEquals(bad.length, reader.badBytes());
    }

    @Test
    void keepsAnUnknownMessageRawAndCountsIt() {
        byte[] unknown = TestFrames.unknown(encoder, 60_123, 12);
        byte[] known = TestFrames.localPosition(encoder, 10, 1f);
        feed(TestFrames.concat(unknown, known));
        assertEquals(2, collector.frames.size());
        assertArrayEquals(unknown, collector.frames.get(0));
        assertEquals(1, reader.unknownFrames());
        assertEquals(0, reader.badBytes());
    }

    @Test
    void anUnknownFrameAtTheEndWaitsForConfirmationThenIsAcceptedAtEndOfInput() {
        feed(TestFrames.unknown(encoder, 60_123, 12));
        assertEquals(0, collector.frames.size());
        reader.endOfInput(0);
        assertEquals(1, collector.frames.size());
        assertFalse(collector.last.isKnown());
    }

    @Test
    void anUnknownLookingStartInGarbageDoesNotSwallowTheNextFrame() {
        byte[] known = TestFrames.localPosition(encoder, 10, 1f);
        // False MAVLink 2 header with an unknown id (0x123456) and 40-byte payload: it would cover the real frame.
        byte[] fake = {(byte) 0xFD, 40, 0, 0, 0, 1, 1, 0x56, 0x34, 0x12};
        feed(TestFrames.concat(fake, known, new byte[20]));
        reader.endOfInput(0);
        assertEquals(1, collector.frames.size());
        assertArrayEquals(known, collector.frames.get(0));
        assertEquals(0, reader.unknownFrames());
    }

    @Test
    void zeroFillsATruncatedMavlink2Payload() {
        FrameEncoder truncating = new FrameEncoder(1, 1);
        truncating.setTruncation(true);
        byte[] p = truncating.payload();
        Arrays.fill(p, 0, LocalPositionNedMessage.LENGTH, (byte) 0);
        LittleEndian.putF32(p, 4, 1.5f);
        int length = truncating.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                LocalPositionNedMessage.LENGTH);
        // 1.5f = 0x3FC00000: the payload ends at its last non-zero byte, offset 7.
        assertEquals(10 + 8 + 2, length);
        feed(Arrays.copyOf(truncating.frame(), length));
        assertEquals(1, collector.frames.size());
        assertEquals(8, collector.last.payloadLength());
        assertEquals(1.5f, LocalPositionNedMessage.xM(collector.last));
        assertEquals(0f, LocalPositionNedMessage.vzMps(collector.last));
    }

    @Test
    void aTruncatedPayloadAfterAFullOneReadsZerosNotTheOldBytes() {
        feed(TestFrames.localPosition(encoder, 10, 5f)); // vz = 10 in the full frame
        FrameEncoder truncating = new FrameEncoder(1, 1);
        truncating.setTruncation(true);
        Arrays.fill(truncating.payload(), 0, LocalPositionNedMessage.LENGTH, (byte) 0);
        LittleEndian.putF32(truncating.payload(), 4, 1.5f);
        int length = truncating.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                LocalPositionNedMessage.LENGTH);
        feed(Arrays.copyOf(truncating.frame(), length));
        assertEquals(2, collector.frames.size());
        assertEquals(1.5f, LocalPositionNedMessage.xM(collector.last));
        assertEquals(0f, LocalPositionNedMessage.vzMps(collector.last));
    }

    @Test
    void countsMissingSequenceNumbersPerComponent() {
        byte[] first = TestFrames.localPosition(encoder, 1, 0f);
        TestFrames.localPosition(encoder, 2, 0f);
        TestFrames.localPosition(encoder, 3, 0f);
        byte[] fourth = TestFrames.localPosition(encoder, 4, 0f);
        FrameEncoder other = new FrameEncoder(1, 2);
        feed(TestFrames.concat(first, TestFrames.localPosition(other, 1, 0f), fourth));
        assertEquals(3, collector.frames.size());
        assertEquals(2, reader.sequenceGaps());
    }

    @Test
    void sequenceWrapIsNotAGap() {
        byte[] stream = new byte[0];
        for (int i = 0; i < 300; i++) {
            stream = TestFrames.concat(stream, TestFrames.localPosition(encoder, i, 0f));
        }
        feed(stream);
        assertEquals(300, collector.frames.size());
        assertEquals(0, reader.sequenceGaps());
    }

    @Test
    void dropsAFrameWithUnknownIncompatibilityFlags() {
        byte[] frame = TestFrames.localPosition(encoder, 1, 0f);
        frame[2] = 0x02;
        feed(frame);
        reader.endOfInput(0);
        assertEquals(0, collector.frames.size());
        assertEquals(frame.length, reader.badBytes());
    }

    @Test
    void aTruncatedTailIsCountedAsBadBytesAtEndOfInput() {
        byte[] frame = TestFrames.localPosition(encoder, 1, 0f);
        feed(Arrays.copyOf(frame, 20));
        assertEquals(20, reader.pendingBytes());
        reader.endOfInput(0);
        assertEquals(0, collector.frames.size());
        assertEquals(20, reader.badBytes());
    }

    @Test
    void oversizedLengthByteCannotHoldTheReaderForever() {
        // Header claiming a 255-byte payload, followed by valid frames: the reader waits for 267 bytes, the CRC fails,
        // and it rescans from the byte after the false start.
        byte[] fake = {(byte) 0xFD, (byte) 255, 0, 0, 0, 1, 1, 32, 0, 0};
        byte[] stream = fake;
        for (int i = 0; i < 20; i++) {
            stream = TestFrames.concat(stream, TestFrames.localPosition(encoder, i, 0f));
        }
        feed(stream);
        reader.endOfInput(0);
        assertEquals(20, collector.frames.size());
        assertEquals(1, reader.crcFailures());
        assertEquals(fake.length, reader.badBytes());
    }

    @Test
    void recordsTheTimeOfTheLastByte() {
        reader.accept(new byte[]{7}, 0, 1, 42);
        assertEquals(42, reader.lastByteNs());
    }
}
