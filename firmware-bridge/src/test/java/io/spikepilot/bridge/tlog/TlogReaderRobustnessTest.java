package io.spikepilot.bridge.tlog;

import io.spikepilot.bridge.codec.FrameFormat;
import io.spikepilot.bridge.codec.MessageCatalog;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupted and cut logs: the reader never fails with anything but a format error, and never invents a record. */
class TlogReaderRobustnessTest {
    private static final List<byte[]> FRAMES = TlogRoundTripTest.sampleFrames(60);
    private static final byte[] CLEAN = TlogRoundTripTest.tlogBytes(FRAMES);

    @Property(tries = 300)
    void randomDamageNeverEscapesAndEveryRecordChecksOut(@ForAll long seed,
                                                         @ForAll @IntRange(min = 1, max = 40) int damagedBytes,
                                                         @ForAll @IntRange(min = 0, max = 200) int cutFromEnd) {
        Random random = new Random(seed);
        byte[] bytes = CLEAN.clone();
        for (int i = 0; i < damagedBytes; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        int length = Math.max(0, bytes.length - cutFromEnd);
        TlogReader reader = new TlogReader(new ByteArrayInputStream(bytes, 0, length), "seed " + seed,
                MessageCatalog.standard());
        TlogRecord record = new TlogRecord();
        long recordBytes = 0;
        try {
            while (reader.next(record)) {
                recordBytes += TlogFormat.TIMESTAMP_BYTES + record.frame.frameLength();
                if (record.frame.isKnown()) {
                    int extra = MessageCatalog.standard().crcExtra(record.frame.messageId());
                    assertTrue(FrameFormat.crcMatches(record.frame.rawBytes(), 0, extra), "seed " + seed);
                }
                // A damaged timestamp is not covered by the frame's CRC; it must at least be a date.
                assertTrue(record.timestampUs >= TlogFormat.EARLIEST_US && record.timestampUs < TlogFormat.LATEST_US,
                        "seed " + seed);
            }
        } catch (TlogFormatException e) {
            assertEquals(0, reader.records(), "seed " + seed + ": format error after records were read");
            return;
        } catch (java.io.IOException e) {
            throw new AssertionError("seed " + seed, e);
        }
        assertEquals(length, recordBytes + reader.badBytes(), "seed " + seed + ": every byte accounted for");
        // Each damaged byte can spoil at most the record it falls in (and a cut tail at most one more).
        assertTrue(reader.records() >= FRAMES.size() - damagedBytes - (cutFromEnd > 0 ? 1 + cutFromEnd / 20 : 0),
                "seed " + seed + ": only " + reader.records() + " records");
    }
}
