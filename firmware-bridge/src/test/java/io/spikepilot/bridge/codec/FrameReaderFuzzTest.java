package io.spikepilot.bridge.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More than a million random, mutated and valid frames through the reader, fed in random chunk sizes. Seeded, so a
 * failure replays exactly; the seeds are in the assertion messages.
 *
 * <p>What must hold: nothing escapes, nothing hangs (the reader is push-driven, so every call returns), every valid
 * frame comes out once and in order, and every byte handed in is accounted for: inside a delivered frame, counted as
 * bad, or still pending.
 */
class FrameReaderFuzzTest {
    /** Valid frames carry system id 7 and their index in time_boot_ms; corrupted ones use the same sender. */
    private static final int SYSTEM = 7;

    private static final class Tally implements FrameListener {
        FrameReader reader;
        /** Stream offset of every delivered valid frame, by index (-1 = not delivered). */
        long[] deliveredAt = new long[0];
        /** Spans [start, end) of known-message frames that came out of random bytes by a CRC coincidence. */
        final java.util.List<long[]> chanceFrames = new java.util.ArrayList<>();
        long nextExpected;
        long validDelivered;
        long otherDelivered;
        long deliveredBytes;
        long unknownDelivered;
        /** False once a valid frame comes out after a later one (or twice). */
        boolean inOrder = true;

        @Override
        public void onFrame(MavlinkFrame frame, long receivedNs) {
            long start = deliveredBytes + (reader == null ? 0 : reader.badBytes());
            deliveredBytes += frame.frameLength();
            if (!frame.isKnown()) {
                unknownDelivered++;
            }
            if (frame.isKnown() && frame.systemId() == SYSTEM && frame.messageId() == LocalPositionNedMessage.ID
                    && frame.componentId() == 1) {
                long index = LocalPositionNedMessage.timeBootMs(frame);
                if (index >= nextExpected && index < deliveredAt.length) {
                    deliveredAt[(int) index] = start;
                    nextExpected = index + 1;
                    validDelivered++;
                    return;
                }
                inOrder = false;
            }
            if (frame.isKnown()) {
                chanceFrames.add(new long[]{start, start + frame.frameLength()});
            }
            otherDelivered++;
        }
    }

    /** Builds one batch of the stream and records how many valid and corrupted frames it holds. */
    private static final class Batch {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long valid;
        long corrupted;
        long garbageBytes;
        long frames;
    }

    private static void putValid(Batch batch, FrameEncoder encoder, SplittableRandom random, long index) {
        byte[] p = encoder.payload();
        LittleEndian.putI32(p, 0, (int) index);
        for (int i = 4; i < LocalPositionNedMessage.LENGTH; i += 4) {
            LittleEndian.putF32(p, i, (float) random.nextDouble(-100, 100));
        }
        int length = random.nextInt(4) == 0
                ? encoder.encodeV1(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                LocalPositionNedMessage.LENGTH)
                : encoder.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                LocalPositionNedMessage.LENGTH);
        batch.bytes.write(encoder.frame(), 0, length);
        batch.valid++;
        batch.frames++;
    }

    @Test
    @Timeout(120)
    void validFramesBetweenStxFreeGarbageComeOutExactlyWithExactCounters() {
        long seed = 20_261_128L;
        SplittableRandom random = new SplittableRandom(seed);
        Tally tally = new Tally();
        FrameReader reader = new FrameReader(MessageCatalog.standard(), tally);
        tally.reader = reader;
        tally.deliveredAt = new long[410_000];
        Arrays.fill(tally.deliveredAt, -1);
        FrameEncoder encoder = new FrameEncoder(SYSTEM, 1);
        encoder.setTruncation(true);
        long index = 0;
        long garbage = 0;
        long frames = 0;
        while (frames < 400_000) {
            Batch batch = new Batch();
            for (int i = 0; i < 2_000; i++) {
                putValid(batch, encoder, random, index++);
                int run = random.nextInt(8) == 0 ? random.nextInt(1, 60) : 0;
                for (int g = 0; g < run; g++) {
                    int b;
                    do {
                        b = random.nextInt(256);
                    } while (b == MavlinkProtocol.STX_V1 || b == MavlinkProtocol.STX_V2);
                    batch.bytes.write(b);
                }
                garbage += run;
            }
            frames += batch.frames;
            feedInRandomChunks(reader, batch.bytes.toByteArray(), random);
        }
        reader.endOfInput(0);
        String context = "seed " + seed;
        assertTrue(tally.inOrder, context);
        assertEquals(index, tally.validDelivered, context);
        assertEquals(0, tally.otherDelivered, context);
        for (int i = 0; i < index; i++) {
            assertTrue(tally.deliveredAt[i] >= 0, "valid frame " + i + ", " + context);
        }
        assertEquals(garbage, reader.badBytes(), context);
        assertEquals(0, reader.crcFailures(), context);
        assertEquals(0, reader.unknownFrames(), context);
        assertEquals(0, reader.sequenceGaps(), context);
        assertEquals(index, reader.framesAccepted(), context);
        assertEquals(reader.bytesIn(), tally.deliveredBytes + reader.badBytes(), context);
    }

    @Test
    @Timeout(120)
    void randomAndMutatedFramesNeverHideAValidOne() {
        long seed = 77_031_415L;
        SplittableRandom random = new SplittableRandom(seed);
        Tally tally = new Tally();
        FrameReader reader = new FrameReader(MessageCatalog.standard(), tally);
        tally.reader = reader;
        tally.deliveredAt = new long[710_000];
        Arrays.fill(tally.deliveredAt, -1);
        long[] validOffset = new long[710_000];
        long streamOffset = 0;
        FrameEncoder encoder = new FrameEncoder(SYSTEM, 1);
        long index = 0;
        long corrupted = 0;
        long randomFrames = 0;
        long frames = 0;
        byte[] scratch = new byte[MavlinkProtocol.MAX_FRAME];
        while (frames < 700_000) {
            Batch batch = new Batch();
            for (int i = 0; i < 2_000; i++) {
                int kind = random.nextInt(10);
                if (kind < 5) {
                    validOffset[(int) index] = streamOffset + batch.bytes.size();
                    putValid(batch, encoder, random, index++);
                } else if (kind < 8) {
                    // A valid frame with one payload or checksum byte changed: a single-byte error, which CRC-16
                    // always detects, so this frame must never come out.
                    byte[] p = encoder.payload();
                    LittleEndian.putI32(p, 0, -1);
                    int length = encoder.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                            LocalPositionNedMessage.LENGTH);
                    System.arraycopy(encoder.frame(), 0, scratch, 0, length);
                    int at = random.nextInt(MavlinkProtocol.HEADER_V2, length);
                    scratch[at] ^= (byte) random.nextInt(1, 256);
                    batch.bytes.write(scratch, 0, length);
                    corrupted++;
                    batch.frames++;
                } else {
                    // Random bytes behind a start byte with a random length and message id.
                    int payload = random.nextInt(256);
                    int length = MavlinkProtocol.HEADER_V2 + payload + 2;
                    scratch[0] = (byte) (random.nextBoolean() ? MavlinkProtocol.STX_V2 : MavlinkProtocol.STX_V1);
                    scratch[1] = (byte) payload;
                    for (int b = 2; b < length; b++) {
                        scratch[b] = (byte) random.nextInt(256);
                    }
                    batch.bytes.write(scratch, 0, length);
                    randomFrames++;
                    batch.frames++;
                }
            }
            frames += batch.frames;
            streamOffset += batch.bytes.size();
            feedInRandomChunks(reader, batch.bytes.toByteArray(), random);
        }
        reader.endOfInput(0);
        String context = "seed " + seed + ", " + index + " valid, " + corrupted + " corrupted, " + randomFrames
                + " random frames";
        // Random bytes can form a CRC-valid known frame by coincidence (CRC-16: 1 in 65536 per false start); such a
        // frame is indistinguishable from a real one and may cover valid frames. Every valid frame must therefore
        // come out at its own offset, unless it lies inside one of those coincidences, and they must be rare.
        context += ", " + tally.chanceFrames.size() + " coincidental CRC matches";
        assertTrue(tally.chanceFrames.size() <= 10, context);
        long lost = 0;
        for (int i = 0; i < index; i++) {
            if (tally.deliveredAt[i] >= 0) {
                assertEquals(validOffset[i], tally.deliveredAt[i], "valid frame " + i + " offset, " + context);
                continue;
            }
            lost++;
            long offset = validOffset[i];
            assertTrue(tally.chanceFrames.stream().anyMatch(span -> span[0] < offset && offset < span[1]),
                    "valid frame " + i + " at offset " + offset + " lost outside any coincidence, " + context);
        }
        assertEquals(index - lost, tally.validDelivered, context);
        assertTrue(reader.crcFailures() >= corrupted, context);
        assertEquals(reader.bytesIn(), tally.deliveredBytes + reader.badBytes(), context);
        assertEquals(reader.framesAccepted(), tally.validDelivered + tally.otherDelivered, context);
        assertEquals(reader.unknownFrames(), tally.unknownDelivered, context);
        assertTrue(frames >= 700_000 && frames + 400_000 >= 1_000_000, context);
    }

    private static void feedInRandomChunks(FrameReader reader, byte[] bytes, SplittableRandom random) {
        int at = 0;
        while (at < bytes.length) {
            int chunk = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 2048));
            reader.accept(Arrays.copyOfRange(bytes, at, at + chunk), 0, chunk, at);
            at += chunk;
        }
    }
}
